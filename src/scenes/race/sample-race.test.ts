import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot, TelemetrySnapshot } from '../../telemetry';
import { laneState, sampleRepeat } from './sample-race';

const proc = (pid: number, patch: Partial<ProcessSnapshot>): ProcessSnapshot => ({
  slot: pid,
  pid,
  name: `P${pid}`,
  generation: 1,
  state: 'running',
  waitingOn: 0,
  ops: 0,
  acquires: 0,
  contended: 0,
  blocks: 0,
  waitUs: 0,
  progress: 0,
  current: -1,
  stateSinceUs: 0,
  exitCode: null,
  ...patch,
});

const snapshot = (
  processes: ProcessSnapshot[],
  owner: number,
  events: TelemetrySnapshot['events'] = [],
): TelemetrySnapshot => ({
  tUs: 0,
  epochMs: 0,
  enabled: true,
  processes: [proc(0, {}), ...processes],
  resources: [
    { id: 7, kind: 'lock', name: 'lock', owner, waiters: 0, value: 0, capacity: 0, total: 0, generation: 1 },
  ],
  events,
  cursor: { heads: [], generations: [] },
});

describe('sampling a repeat from telemetry', () => {
  it('maps process states to lanes: the start barrier counts as not started', () => {
    expect(laneState(undefined)).toBe('starting');
    expect(laneState(proc(1, { state: 'waiting-barrier' }))).toBe('starting');
    expect(laneState(proc(1, { state: 'waiting-lock' }))).toBe('waiting');
    expect(laneState(proc(1, { state: 'exited' }))).toBe('done');
    expect(laneState(proc(1, { state: 'running' }))).toBe('running');
  });

  it('finds the holder and queues waiters by when they started waiting, ignoring other processes', () => {
    const s = snapshot(
      [
        proc(11, { progress: 4096, acquires: 4096 }),
        proc(12, { state: 'waiting-lock', waitingOn: 7, stateSinceUs: 500, progress: 8192 }),
        proc(13, { state: 'waiting-lock', waitingOn: 7, stateSinceUs: 100 }),
        proc(99, { state: 'waiting-lock', waitingOn: 7, stateSinceUs: 1 }), // from an earlier repeat
      ],
      11,
      [
        { slot: 2, pid: 12, tUs: 1, kind: 'unblocked', kindCode: 3, resource: 7, arg: 35, arg2: 0 },
        { slot: 2, pid: 12, tUs: 2, kind: 'unblocked', kindCode: 3, resource: 8, arg: 99, arg2: 0 }, // another resource
        { slot: 9, pid: 99, tUs: 3, kind: 'unblocked', kindCode: 3, resource: 7, arg: 5, arg2: 0 }, // not ours
      ],
    );
    const sample = sampleRepeat({ repeat: 2, pids: [11, 12, 13], lockId: 7 }, s, 12_000, 42);
    expect(sample).toMatchObject({
      t: 42,
      repeat: 2,
      states: ['running', 'waiting', 'waiting'],
      done: 12_288,
      counter: 12_000,
      holder: 0,
      waiters: [2, 1],
      acquisitions: [4096, 0, 0],
      newWaitsUs: [35],
    });
  });

  it('has no holder without a lock', () => {
    const s = snapshot([proc(11, {})], -1);
    expect(sampleRepeat({ repeat: 1, pids: [11], lockId: null }, s, 0, 0).holder).toBeNull();
  });
});
