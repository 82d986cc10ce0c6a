import { afterEach, describe, expect, it } from 'vitest';
import { BrokenBarrierError } from '../errors';
import { joinAllOf, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { takeSnapshot } from '../../telemetry/snapshot';
import { Barrier } from './barrier';

afterEach(() => terminateAll());

describe('Barrier', () => {
  it('releases all parties together with distinct indices', async () => {
    const barrier = new Barrier(3);
    const ps = startAll('barrierWaiter', [[barrier], [barrier]]);
    const mine = await barrier.waitAsync(20_000);
    await joinAllOf(ps);
    const indices = [mine, ...ps.map((p) => p.result as number)].sort();
    expect(indices).toEqual([0, 1, 2]);
    expect(barrier.broken).toBe(false);
  });

  it('abort breaks it: waiters get BrokenBarrierError', async () => {
    const barrier = new Barrier(3);
    const ps = startAll('barrierWaiter', [[barrier], [barrier]]);
    await new Promise((r) => setTimeout(r, 100));
    barrier.abort();
    await joinAllOf(ps);
    for (const p of ps) {
      expect(p.exitCode).toBe(1);
      expect(p.error?.name).toBe('BrokenBarrierError');
    }
    await expect(barrier.waitAsync()).rejects.toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
  });

  it('a wait that times out breaks the barrier', async () => {
    const barrier = new Barrier(2);
    await expect(barrier.waitAsync(20)).rejects.toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
  });

  it('runs the action task once, in one of the processes', async () => {
    const barrier = new Barrier(3, { action: 'markBarrierAction' });
    const ps = startAll('barrierWaiter', [[barrier, 20_000], [barrier, 20_000], [barrier, 20_000]]);
    await joinAllOf(ps);
    expect(ps.map((p) => p.exitCode)).toEqual([0, 0, 0]);
    const pids = new Set(ps.map((p) => p.pid));
    const marks = takeSnapshot().events.filter((e) => e.kind === 'mark' && e.arg === 1 && pids.has(e.pid));
    expect(marks).toHaveLength(1);
  });

  it('an action that throws breaks the barrier', async () => {
    const barrier = new Barrier(2, { action: 'sleepThenReturn' });
    expect(() => new Barrier(2, { action: 'nope' })).toThrow(/target must be the name of a registered task/);
    expect(() => new Barrier(0)).toThrow(/parties must be an integer from 1/);
    const ps = startAll('barrierWaiter', [[barrier, 20_000], [barrier, 20_000]]);
    await joinAllOf(ps);
    // sleepThenReturn(ctx) with no ms fails argument checks: the action threw, so the barrier broke.
    expect(ps.map((p) => p.exitCode).sort()).toEqual([1, 1]);
    expect(barrier.broken).toBe(true);
  });
});
