import { describe, expect, it } from 'vitest';
import { EventKind, ProcessState, type EventRecord, type TelemetrySnapshot } from '../../telemetry';
import { PhaseTrack } from './gil-live';
import type { GilPhase } from './run-gil';

const EPOCH = 1_000_000;
const phase: GilPhase = {
  workload: 'cpu-bound',
  mode: 'threads',
  repeat: 0,
  workers: [
    { pid: 7, name: 'Thread-1', gilId: 3 },
    { pid: 8, name: 'Thread-2', gilId: 3 },
  ],
  gilIds: [3],
  goAt: EPOCH + 10,
};

/** An event `ms` after the gate opened. */
function ev(pid: number, ms: number, kindCode: number, arg = 0): EventRecord {
  return { slot: pid, pid, tUs: (10 + ms) * 1000, kind: '', kindCode, resource: 3, arg, arg2: 0 };
}

function snapshot(over: Partial<TelemetrySnapshot> = {}): TelemetrySnapshot {
  return { tUs: 0, epochMs: EPOCH, enabled: true, processes: [], resources: [], events: [], cursor: { heads: [], generations: [] }, ...over };
}

describe('PhaseTrack', () => {
  it('turns blocked / unblocked events into running, waiting and I/O segments', () => {
    const track = new PhaseTrack(phase);
    track.ingest(
      [
        ev(7, 0, EventKind.UNBLOCKED),
        ev(8, 0, EventKind.UNBLOCKED),
        ev(8, 0.01, EventKind.BLOCKED, ProcessState.WAITING_LOCK),
        ev(7, 5, EventKind.BLOCKED, ProcessState.WAITING_LOCK),
        ev(8, 5.1, EventKind.UNBLOCKED),
        ev(8, 7, EventKind.BLOCKED, ProcessState.SLEEPING),
        ev(8, 9, EventKind.UNBLOCKED),
      ],
      EPOCH,
    );
    track.advanceTo(12);
    const view = track.view(null);
    const states = (i: number) => view.lanes[i]!.segments.map((s) => s.state);
    expect(states(0)).toEqual(['gate', 'running', 'waiting']);
    expect(states(1)).toEqual(['gate', 'running', 'waiting', 'running', 'io', 'running']);
    expect(view.lanes[1]!.segments.at(-1)).toEqual({ from: 9, to: 12, state: 'running' });
    expect(view.nowMs).toBe(12);
  });

  it('merges a wake-up sliver between two waits into one wait', () => {
    const track = new PhaseTrack(phase);
    track.ingest(
      [
        ev(8, 0, EventKind.UNBLOCKED),
        ev(8, 1, EventKind.BLOCKED, ProcessState.WAITING_LOCK),
        ev(8, 6, EventKind.UNBLOCKED),
        ev(8, 6.01, EventKind.BLOCKED, ProcessState.WAITING_LOCK),
        ev(8, 11, EventKind.UNBLOCKED),
      ],
      EPOCH,
    );
    const lane = track.view(null).lanes[1]!;
    expect(lane.segments.filter((s) => s.state === 'waiting')).toEqual([{ from: 1, to: 11, state: 'waiting' }]);
  });

  it('reads the holder and the waiters, first in line first, from a snapshot', () => {
    const track = new PhaseTrack({ ...phase, workers: [...phase.workers, { pid: 9, name: 'Thread-3', gilId: 3 }] });
    const proc = (pid: number, state: 'running' | 'waiting-lock', since: number) => ({
      slot: pid, pid, name: '', generation: 1, state, waitingOn: state === 'waiting-lock' ? 3 : 0, ops: 0, acquires: 0,
      contended: 0, blocks: 0, waitUs: 0, progress: pid, current: 0, stateSinceUs: since, exitCode: null,
    });
    const view = track.view(
      snapshot({
        processes: [proc(7, 'running', 0), proc(8, 'waiting-lock', 500), proc(9, 'waiting-lock', 200)],
        resources: [{ id: 3, kind: 'lock', name: 'GIL', owner: 7, waiters: 2, value: 0, capacity: 0, total: 0, generation: 1 }],
      }),
    );
    expect(view.gils).toEqual([{ id: 3, holder: 'Thread-1', waiters: ['Thread-3', 'Thread-2'] }]);
    expect(view.lanes.map((l) => l.tasksDone)).toEqual([7, 8, 9]);
  });

  it('ends every lane when finished, and stops the clock', () => {
    const track = new PhaseTrack(phase);
    track.ingest([ev(7, 0, EventKind.UNBLOCKED), ev(7, 4, EventKind.EXITED)], EPOCH);
    track.advanceTo(6);
    track.finish();
    track.advanceTo(50);
    const view = track.view(null);
    expect(view.finished).toBe(true);
    expect(view.lanes.every((l) => l.state === 'done')).toBe(true);
    expect(view.nowMs).toBe(6);
    expect(view.gils[0]!.holder).toBeNull();
  });
});
