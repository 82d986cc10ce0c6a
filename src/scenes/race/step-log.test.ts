import { describe, expect, it } from 'vitest';
import { newTrace, traceStep } from '../../sim/race-trace';
import { formatSchedule, scheduleRuns } from './schedule-text';
import { describeStep } from './step-log';

describe('the step log', () => {
  it('tells a lost update when a stale copy is written back', () => {
    let trace = newTrace({ processes: 2, increments: 1, sync: 'none' });
    for (const pid of [0, 1, 0, 0, 1, 1]) trace = traceStep(trace, pid);
    const lines = trace.entries.map((entry, i) =>
      describeStep(i === 0 ? trace.start : trace.entries[i - 1]!.after, entry),
    );
    expect(lines[0]).toEqual({ text: 'P1 reads counter.value = 0 into its tmp', lost: false });
    expect(lines[3]).toEqual({ text: 'P1 writes counter.value = 1', lost: false });
    expect(lines[5]!.lost).toBe(true);
    expect(lines[5]!.text).toContain('already held 1');
  });

  it('names the locks', () => {
    const trace = traceStep(newTrace({ processes: 2, increments: 1, sync: 'value-lock' }), 0);
    expect(describeStep(trace.start, trace.entries[0]!).text).toBe('P1 takes the Value’s own lock');
  });
});

describe('schedules for people', () => {
  it('groups runs of the same process', () => {
    expect(scheduleRuns([0, 1, 1, 1, 0, 0])).toEqual([
      { pid: 0, steps: 1 },
      { pid: 1, steps: 3 },
      { pid: 0, steps: 2 },
    ]);
    expect(formatSchedule([0, 1, 1, 1, 0, 0])).toBe('P1 ×1 → P2 ×3 → P1 ×2');
    expect(formatSchedule([])).toBe('');
  });
});
