import { afterEach, describe, expect, it } from 'vitest';
import { BrokenBarrierError } from '../errors';
import { joinAllOf, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { processSnapshot, until } from '../process/test-support';
import { takeSnapshot } from '../../telemetry/snapshot';
import { Barrier } from './barrier';

afterEach(() => terminateAll());

describe('Barrier', () => {
  it('releases all parties together with distinct indices', async () => {
    const barrier = new Barrier(3);
    const ps = startAll('barrierWaiter', [[barrier], [barrier]]);
    const mine = await barrier.waitAsync(30_000);
    await joinAllOf(ps);
    const indices = [mine, ...ps.map((p) => p.result as number)].sort();
    expect(indices).toEqual([0, 1, 2]);
    expect(barrier.broken).toBe(false);
    expect(barrier.nWaiting).toBe(0);
  });

  it('abort breaks it: waiters get BrokenBarrierError', async () => {
    const barrier = new Barrier(3);
    const ps = startAll('barrierWaiter', [[barrier], [barrier]]);
    // Both are waiting at the barrier (not yet arrived would also end broken, but would not
    // test that abort wakes sleepers).
    await until(() => barrier.nWaiting === 2, 'both processes wait at the barrier');
    barrier.abort();
    await joinAllOf(ps);
    for (const p of ps) {
      expect(p.exitCode).toBe(1);
      expect(p.error?.name).toBe('BrokenBarrierError');
    }
    await expect(barrier.waitAsync()).rejects.toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    expect(barrier.nWaiting).toBe(0);
  });

  it('a wait that times out breaks the barrier', async () => {
    const barrier = new Barrier(2);
    await expect(barrier.waitAsync(20)).rejects.toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
  });

  it('runs the action task once, in one of the processes', async () => {
    const barrier = new Barrier(3, { action: 'markBarrierAction' });
    const ps = startAll('barrierWaiter', [[barrier, 30_000], [barrier, 30_000], [barrier, 30_000]]);
    await joinAllOf(ps);
    expect(ps.map((p) => p.exitCode)).toEqual([0, 0, 0]);
    const pids = new Set(ps.map((p) => p.pid));
    const marks = takeSnapshot().events.filter((e) => e.kind === 'mark' && e.arg === 1 && pids.has(e.pid));
    expect(marks).toHaveLength(1);
  });

  it('a caller arriving while the last party still runs the action waits without blocking the page', async () => {
    const barrier = new Barrier(2, { action: 'holdBarrierAction' });
    const ps = startAll('barrierWaiter', [[barrier, 60_000], [barrier, 60_000]]);
    // The last arrival sleeps in the action until asked to stop: the barrier is full.
    await until(() => ps.some((p) => processSnapshot(p)?.state === 'sleeping'), 'one process runs the action');
    const mine = barrier.waitAsync(60_000);
    // The call returned while the action still runs (a spinning arrival would only return
    // once the action ended, by itself, after 10 s).
    expect(ps.some((p) => processSnapshot(p)?.state === 'sleeping')).toBe(true);
    for (const p of ps) p.requestStop();
    await joinAllOf(ps);
    expect(ps.map((p) => p.exitCode)).toEqual([0, 0]);
    expect(ps.map((p) => p.result as number).sort()).toEqual([0, 1]);
    // We arrived in the next generation and wait there for a second party.
    await until(() => barrier.nWaiting === 1, 'the parent waits in the next generation');
    barrier.abort();
    await expect(mine).rejects.toThrow(BrokenBarrierError);
  });

  it('reset() while the last party runs the action abandons that generation: it never releases the next one', async () => {
    const barrier = new Barrier(2, { action: 'holdBarrierAction' });
    const ps = startAll('barrierWaiter', [[barrier, 60_000], [barrier, 60_000]]);
    await until(() => ps.some((p) => processSnapshot(p)?.state === 'sleeping'), 'one process runs the action');
    barrier.reset();
    // The parent arrives in the fresh generation and must wait for a real second party.
    let settled = false;
    const mine = barrier.waitAsync(60_000).finally(() => (settled = true));
    for (const p of ps) p.requestStop();
    await joinAllOf(ps);
    expect(ps.map((p) => p.error?.name)).toEqual(['BrokenBarrierError', 'BrokenBarrierError']);
    expect(settled).toBe(false);
    expect(barrier.nWaiting).toBe(1);
    const [partner] = startAll('barrierWaiter', [[barrier, 60_000]]);
    partner.requestStop(); // it arrives last, so it runs the action: let that end at once
    expect(await mine).toBe(0);
    await partner.join();
    expect(partner.result).toBe(1);
  });

  it('an action that throws breaks the barrier', async () => {
    const barrier = new Barrier(2, { action: 'sleepThenReturn' });
    expect(() => new Barrier(2, { action: 'nope' })).toThrow(/target must be the name of a registered task/);
    expect(() => new Barrier(0)).toThrow(/parties must be an integer from 1/);
    const ps = startAll('barrierWaiter', [[barrier, 30_000], [barrier, 30_000]]);
    await joinAllOf(ps);
    // sleepThenReturn(ctx) with no ms fails argument checks: the action threw, so the barrier broke.
    expect(ps.map((p) => p.exitCode).sort()).toEqual([1, 1]);
    expect(ps.map((p) => p.error?.name).sort()).toEqual(['BrokenBarrierError', 'InvalidArgumentError']);
    expect(barrier.broken).toBe(true);
  });
});
