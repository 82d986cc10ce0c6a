import { afterEach, describe, expect, it } from 'vitest';
import { startAll } from '../runtime/process/spawn';
import { terminateAll } from '../runtime/process/process-table';
import { Barrier } from '../runtime/sync/barrier';
import { Event } from '../runtime/sync/event';
import { Lock } from '../runtime/sync/lock';
import { currentWriter } from './current';
import { EventKind } from './layout';
import { readProcessState, takeSnapshot, type TelemetrySnapshot } from './snapshot';
import { buildWaitForGraph, findCycle, processNode, resourceNode } from './wait-for-graph';

afterEach(() => terminateAll());

/**
 * Samples snapshots (like animation frames) until `ok` holds, or 30 s pass (a generous bound:
 * on a loaded CI machine starting the workers alone can take seconds).
 */
async function sampleUntil(ok: (s: TelemetrySnapshot) => boolean): Promise<TelemetrySnapshot> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const s = takeSnapshot();
    if (ok(s) || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 16));
  }
}

describe('telemetry snapshot', () => {
  it('shows a process waiting on a lock held by another', async () => {
    const lock = new Lock({ name: 'contended' });
    const ready = new Event();
    const [holder] = startAll('holdLockForever', [[lock, ready]]);
    await ready.waitAsync();
    const [waiter] = startAll('acquireReporting', [[lock, 30_000]]);
    const snap = await sampleUntil((s) => s.processes.some((p) => p.pid === waiter.pid && p.state === 'waiting-lock'));
    const w = snap.processes.find((p) => p.pid === waiter.pid)!;
    expect(w.state).toBe('waiting-lock');
    expect(w.waitingOn).toBe(lock.id);
    expect(w.name).toBe(waiter.name);
    const r = snap.resources.find((x) => x.id === lock.id)!;
    expect(r.kind).toBe('lock');
    expect(r.name).toBe('contended');
    expect(r.owner).toBe(holder.pid);
    expect(r.waiters).toBe(1);
    expect(snap.events.some((e) => e.pid === waiter.pid && e.kind === 'blocked' && e.resource === lock.id)).toBe(true);
    // One process simply waiting on another is a chain, not a cycle.
    const graph = buildWaitForGraph(snap);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: processNode(waiter.pid), to: resourceNode(lock.id), type: 'waits-on' },
        { from: resourceNode(lock.id), to: processNode(holder.pid), type: 'held-by' },
      ]),
    );
    expect(findCycle(graph)).toBeNull();
  });

  it('reads one process state from its slot, as the whole snapshot does', async () => {
    const lock = new Lock({ name: 'held' });
    const ready = new Event();
    const [holder] = startAll('holdLockForever', [[lock, ready]]);
    await ready.waitAsync();
    const [waiter] = startAll('acquireReporting', [[lock, 30_000]]);
    await sampleUntil((s) => s.processes.some((p) => p.pid === waiter.pid && p.state === 'waiting-lock'));
    expect(readProcessState(waiter.slot, waiter.pid)).toBe('waiting-lock');
    const holderState = takeSnapshot({ events: false }).processes.find((p) => p.pid === holder.pid)!.state;
    expect(readProcessState(holder.slot, holder.pid)).toBe(holderState);
    // Another process's pid in that slot, or a slot out of range, reads as nothing.
    expect(readProcessState(waiter.slot, holder.pid)).toBeNull();
    expect(readProcessState(-1, waiter.pid)).toBeNull();
  });

  it('returns only new events after a cursor', async () => {
    const first = takeSnapshot();
    const again = takeSnapshot({ since: first.cursor });
    expect(again.events).toEqual([]);
    currentWriter().event(EventKind.MARK, 0, 42, 7);
    const after = takeSnapshot({ since: again.cursor });
    expect(after.events).toHaveLength(1);
    expect(after.events[0]).toMatchObject({ pid: 0, kind: 'mark', arg: 42, arg2: 7 });
  });

  it('the wait-for graph finds the 2-cycle of two processes taking two locks in opposite order', async () => {
    const a = new Lock({ name: 'A' });
    const b = new Lock({ name: 'B' });
    const bothHoldFirst = new Barrier(2);
    const [p1, p2] = startAll('lockTwo', [
      [a, b, bothHoldFirst],
      [b, a, bothHoldFirst],
    ]);
    let cycle: string[] | null = null;
    await sampleUntil((s) => (cycle = findCycle(buildWaitForGraph(s))) !== null);
    expect(cycle).not.toBeNull();
    expect(new Set(cycle)).toEqual(new Set([processNode(p1.pid), resourceNode(b.id), processNode(p2.pid), resourceNode(a.id)]));
  });

  it('finds no cycle once the deadlocked processes are gone', async () => {
    await terminateAll();
    const snap = takeSnapshot();
    expect(findCycle(buildWaitForGraph(snap))).toBeNull();
  });
});
