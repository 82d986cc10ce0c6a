import { describe, expect, it } from 'vitest';
import { Phase, S, STAT_WORDS } from '../../runtime/tasks/message-scenes-tasks';
import { flowchartLayout, VIEW_HEIGHT } from './flowchart-layout';
import { goPipelineProgram, pythonPipelineProgram } from './pipeline-code';
import { taskNumber } from './pipeline-params';
import { samplePipeline } from './pipeline-sampler';
import type { PipelineLiveView } from './run-pipeline';

const params = { workers: 3, tasks: 10, workUs: 0, holdUs: 0, lock: true };

describe('the flowchart', () => {
  it('has one get, acquire and put arrow per worker, all boxes inside the picture', () => {
    for (const workers of [1, 4, 16]) {
      const layout = flowchartLayout(workers);
      expect(layout.edges.filter((e) => e.kind === 'get-task')).toHaveLength(workers);
      expect(layout.edges.filter((e) => e.kind === 'acquire')).toHaveLength(workers);
      expect(layout.edges.filter((e) => e.kind === 'put-result')).toHaveLength(workers);
      for (const b of layout.workers) {
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.y + b.h).toBeLessThanOrEqual(VIEW_HEIGHT);
      }
    }
  });

  it('reads every arrow’s count from the workers’ stats lines and main’s counters', () => {
    const stats = new Int32Array(3 * STAT_WORDS);
    const set = (w: number, word: number, v: number) => (stats[w * STAT_WORDS + word] = v);
    set(0, S.COUNT, 4);
    set(0, S.LOCKS, 4);
    set(0, S.UPDATES, 4);
    set(0, S.RESULTS, 3);
    set(0, S.PHASE, Phase.IN_LOCK);
    set(1, S.COUNT, 2);
    set(1, S.PHASE, Phase.WAITING_LOCK);
    set(2, S.SENTINEL, 1);
    set(2, S.PHASE, Phase.DONE);
    const queue = { qsize: () => 1 };
    const view = {
      workers: [0, 1, 2].map((index) => ({
        name: `Worker-${index + 1}`,
        index,
        process: { exitCode: index === 2 ? 0 : null },
      })),
      stats,
      taskQueue: queue,
      resultQueue: queue,
      tally: { get: (i: number) => (i === 0 ? 4 : 1234) },
      main: { phase: 'collecting', tasksPut: 10, sentinelsSent: 3, resultsCollected: 2, joined: 0 },
    } as unknown as PipelineLiveView;
    const frame = samplePipeline(view);
    expect(frame.totals).toEqual({
      tasksPut: 10,
      tasksTaken: 6,
      lockAcquisitions: 4,
      sharedUpdates: 4,
      resultsPut: 3,
      resultsCollected: 2,
      sentinelsSent: 3,
      sentinelsTaken: 1,
    });
    expect(frame.lockHolder).toBe(0);
    expect(frame.lockWaiters).toBe(1);
    expect(frame.workers.map((w) => w.activity)).toEqual(['in-lock', 'waiting-lock', 'done']);
    expect(frame.edges.get('get-task-2')).toBe(1);
    expect(frame.tallySum).toBe(1234);
  });
});

describe('the programs', () => {
  it('the Python program collects before it joins, and drops the lock when asked', () => {
    const py = pythonPipelineProgram(params);
    expect(py.indexOf('results.get()')).toBeLessThan(py.indexOf('p.join()'));
    expect(py).toContain('USE_LOCK = True');
    expect(pythonPipelineProgram({ ...params, lock: false })).toContain('USE_LOCK = False');
  });

  it('the Go program closes the task channel instead of sentinels, and locks only when asked', () => {
    expect(goPipelineProgram(params)).toContain('close(tasks)');
    expect(goPipelineProgram(params)).toContain('mu.Lock()');
    expect(goPipelineProgram({ ...params, lock: false })).not.toContain('mu.Lock()');
  });

  it('task numbers stay in 1…1000 so every answer is exact', () => {
    expect(taskNumber(0)).toBe(1);
    expect(taskNumber(999)).toBe(1000);
    expect(taskNumber(1000)).toBe(1);
  });
});
