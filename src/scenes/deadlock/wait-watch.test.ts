import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot, ResourceSnapshot, TelemetrySnapshot } from '../../telemetry';
import { CONFIRM_MS, WaitWatch, type Cast } from './wait-watch';

/** Two workers (pids 1, 2) and two locks (ids 7, 8), as the lock-order scenario casts them. */
const cast: Cast = {
  processes: [
    { pid: 1, name: 'worker-1', role: '' },
    { pid: 2, name: 'worker-2', role: '' },
  ],
  resources: [
    { id: 7, name: 'lock_a', kind: 'lock' },
    { id: 8, name: 'lock_b', kind: 'lock' },
  ],
  order: ['p:1', 'r:8', 'p:2', 'r:7'],
};

function proc(pid: number, state: ProcessSnapshot['state'], waitingOn = 0, sinceMs = 0): ProcessSnapshot {
  return {
    slot: pid,
    pid,
    name: `pid ${pid}`,
    generation: 1,
    state,
    waitingOn,
    ops: 0,
    acquires: 0,
    contended: 0,
    blocks: 0,
    waitUs: 0,
    progress: 0,
    current: -1,
    stateSinceUs: sinceMs * 1000,
    exitCode: state === 'exited' ? 0 : null,
  };
}

function lock(id: number, owner: number, waiters: number): ResourceSnapshot {
  return {
    id,
    kind: 'lock',
    name: `lock-${id}`,
    owner,
    waiters,
    value: 0,
    capacity: 0,
    total: 0,
    generation: 1,
  };
}

function snapshot(
  atMs: number,
  processes: ProcessSnapshot[],
  resources: ResourceSnapshot[],
): TelemetrySnapshot {
  return {
    tUs: atMs * 1000,
    epochMs: 0,
    enabled: true,
    processes: [proc(0, 'running'), ...processes],
    resources,
    events: [],
    cursor: { heads: [], generations: [] },
  };
}

/** worker-1 holds lock_a and waits for lock_b; worker-2 holds lock_b and waits for lock_a. */
const crossed = (atMs: number, since1: number, since2: number) =>
  snapshot(
    atMs,
    [proc(1, 'waiting-lock', 8, since1), proc(2, 'waiting-lock', 7, since2)],
    [lock(7, 1, 1), lock(8, 2, 1)],
  );

describe('WaitWatch', () => {
  it('names a cycle at once and confirms it once it has stood CONFIRM_MS since its last wait began', () => {
    const watch = new WaitWatch(cast, 0);
    const early = watch.sample(crossed(150, 100, 120));
    expect(early.cycle).toEqual(['p:1', 'r:8', 'p:2', 'r:7']);
    expect(early.cycleAgeMs).toBeCloseTo(30);
    expect(early.detection).toBeNull();
    // Sampling rarely does not delay the verdict: age counts from the newest wait (120 ms).
    const later = watch.sample(crossed(120 + CONFIRM_MS + 5, 100, 120));
    expect(later.detection).toMatchObject({
      kind: 'cycle',
      names: ['worker-1', 'lock_b', 'worker-2', 'lock_a'],
      text: 'worker-1 → lock_b → worker-2 → lock_a → worker-1',
      formedAtMs: 120,
    });
    expect(later.detection!.detectedAtMs - later.detection!.formedAtMs).toBeGreaterThanOrEqual(CONFIRM_MS);
  });

  it('a cycle that breaks before CONFIRM_MS (a timed acquire gave up) is transient, not a deadlock', () => {
    const watch = new WaitWatch(cast, 0);
    watch.sample(crossed(150, 100, 120));
    const broken = watch.sample(
      snapshot(
        230,
        [proc(1, 'sleeping', 0, 220), proc(2, 'running', 0, 221)],
        [lock(7, -1, 0), lock(8, 2, 0)],
      ),
    );
    expect(broken.cycle).toBeNull();
    expect(broken.transientCycles).toBe(1);
    // It re-forms later: its age starts again from the new waits.
    const again = watch.sample(crossed(500, 400, 410));
    expect(again.cycleAgeMs).toBeCloseTo(90);
    expect(again.detection).toBeNull();
  });

  it('the parent joining a child blocked on a full queue it alone drains is a cycle', () => {
    const queueCast: Cast = {
      processes: [{ pid: 1, name: 'producer', role: '' }],
      resources: [{ id: 9, name: 'results', kind: 'queue', producers: [1], consumers: [0], capacity: 2 }],
      order: ['p:0', 'p:1', 'r:9'],
    };
    const watch = new WaitWatch(queueCast, 0);
    watch.parentJoining(1, 50_000);
    const full: ResourceSnapshot = {
      id: 9,
      kind: 'queue',
      name: 'q',
      owner: -1,
      waiters: 1,
      value: 2,
      capacity: 2,
      total: 0,
      generation: 1,
    };
    // Confirmed on the second sample that shows it.
    expect(
      watch.sample(snapshot(50 + CONFIRM_MS + 1, [proc(1, 'waiting-queue-put', 9, 20)], [full])).detection,
    ).toBeNull();
    const frame = watch.sample(snapshot(50 + CONFIRM_MS + 21, [proc(1, 'waiting-queue-put', 9, 20)], [full]));
    expect(frame.edges).toEqual(
      expect.arrayContaining([
        { from: 'p:0', to: 'p:1', kind: 'joins' },
        { from: 'p:1', to: 'r:9', kind: 'waits-on' },
        { from: 'r:9', to: 'p:0', kind: 'needs-get' },
      ]),
    );
    expect(frame.detection?.names).toEqual(['MainProcess', 'producer', 'results']);
    expect(frame.nodes.find((n) => n.id === 'r:9')?.state).toBe('2/2');
  });

  it('a slot that says "exited" while the parent has not seen the exit proves nothing', () => {
    // After Reset, the fixed run: worker-1 holds lock_a and works; worker-2 waits for it; the
    // parent joins worker-1. A terminated worker of the earlier run wrote "exited" into worker-1's slot.
    let worker1Exit: number | null = null;
    const fixedCast: Cast = {
      ...cast,
      processes: [
        { pid: 1, name: 'worker-1', role: '', exitCode: () => worker1Exit },
        { pid: 2, name: 'worker-2', role: '', exitCode: () => null },
      ],
    };
    const watch = new WaitWatch(fixedCast, 0);
    watch.parentJoining(1, 10_000);
    const stale = (atMs: number) =>
      snapshot(
        atMs,
        [proc(1, 'exited', 0, 12), proc(2, 'waiting-lock', 7, 15)],
        [lock(7, 1, 1), lock(8, -1, 0)],
      );
    expect(watch.sample(stale(15 + CONFIRM_MS + 50)).detection).toBeNull();
    // Once the parent has seen worker-1 exit, a worker still waiting with the parent blocked is news.
    worker1Exit = 0;
    expect(watch.sample(stale(15 + CONFIRM_MS + 100)).detection).toBeNull();
    expect(watch.sample(stale(15 + CONFIRM_MS + 120)).detection).toMatchObject({ kind: 'all-blocked' });
  });

  it('one torn sample is no deadlock: a process that has just taken the lock it waited for', () => {
    // The fixed lock-order run: worker-2 waited 500 ms for lock_a, and has just taken it; the
    // sample reads lock_a's new owner but worker-2's state from before it wrote "running".
    const watch = new WaitWatch(cast, 0);
    const torn = snapshot(
      600,
      [proc(1, 'running'), proc(2, 'waiting-lock', 7, 100)],
      [lock(7, 2, 0), lock(8, -1, 0)],
    );
    expect(watch.sample(torn).detection).toBeNull();
    const next = snapshot(
      620,
      [proc(1, 'running'), proc(2, 'running', 0, 600)],
      [lock(7, 2, 0), lock(8, -1, 0)],
    );
    expect(watch.sample(next).detection).toBeNull();
    // A process that really waits for a lock it holds (a Lock acquired twice) is still there next time.
    const selfWait = (atMs: number) =>
      snapshot(atMs, [proc(1, 'running'), proc(2, 'waiting-lock', 7, 700)], [lock(7, 2, 0), lock(8, -1, 0)]);
    expect(watch.sample(selfWait(700 + CONFIRM_MS + 1)).detection).toBeNull();
    expect(watch.sample(selfWait(700 + CONFIRM_MS + 21)).detection).toMatchObject({ kind: 'cycle' });
  });

  it('no arrows from a process that runs: nothing to detect', () => {
    const watch = new WaitWatch(cast, 0);
    const frame = watch.sample(
      snapshot(1000, [proc(1, 'running'), proc(2, 'sleeping', 0, 10)], [lock(7, 1, 0), lock(8, -1, 0)]),
    );
    expect(frame.edges).toEqual([]);
    expect(frame.cycle).toBeNull();
    expect(frame.detection).toBeNull();
  });
});
