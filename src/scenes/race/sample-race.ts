/**
 * One animation frame of a running repeat, read from telemetry: which process is running or
 * waiting, how far each got, who holds the lock and who queues for it, and the lock waits that
 * ended since the last frame. Reads shared memory only; never touches the workers.
 */
import type { LaneState } from '../../charts/process-lanes';
import type { ProcessSnapshot, TelemetrySnapshot } from '../../telemetry';
import type { LiveSample } from './live-picture';

export interface RepeatIdentity {
  repeat: number;
  /** Pids of the repeat's processes, in lane order. */
  pids: readonly number[];
  /** Telemetry resource id of the lock to draw, or null. */
  lockId: number | null;
}

export function laneState(process: ProcessSnapshot | undefined): LaneState {
  if (!process) return 'starting';
  switch (process.state) {
    case 'free':
    case 'created':
    case 'waiting-barrier': // the start line: not racing yet
      return 'starting';
    case 'waiting-lock':
      return 'waiting';
    case 'exited':
      return 'done';
    default:
      return 'running';
  }
}

export function sampleRepeat(
  id: RepeatIdentity,
  snapshot: TelemetrySnapshot,
  counter: number,
  t: number,
): LiveSample {
  const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const procs = id.pids.map((pid) => byPid.get(pid));
  const indexOf = new Map(id.pids.map((pid, i) => [pid, i]));
  const lock = id.lockId === null ? undefined : snapshot.resources.find((r) => r.id === id.lockId);
  const holder = lock && lock.owner >= 0 ? (indexOf.get(lock.owner) ?? null) : null;
  const waiters = procs
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p?.state === 'waiting-lock' && p.waitingOn === id.lockId)
    .sort((a, b) => a.p!.stateSinceUs - b.p!.stateSinceUs)
    .map(({ i }) => i);
  const newWaitsUs = snapshot.events
    .filter((e) => e.kind === 'unblocked' && e.resource === id.lockId && indexOf.has(e.pid))
    .map((e) => Math.max(1, e.arg));
  const progress = procs.map((p) => p?.progress ?? 0);
  return {
    t,
    repeat: id.repeat,
    states: procs.map(laneState),
    done: progress.reduce((a, b) => a + b, 0),
    counter,
    acquisitions: procs.map((p) => p?.acquires ?? 0),
    progress,
    holder,
    waiters,
    newWaitsUs,
  };
}
