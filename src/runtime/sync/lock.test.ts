import { afterEach, describe, expect, it } from 'vitest';
import { OwnerDiedError, ValueError, WouldBlockError } from '../errors';
import { joinAllOf, runTask, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { RawValue, Value } from '../shared/value';
import { Barrier } from './barrier';
import { Event } from './event';
import { Lock } from './lock';
import type { IncrementStats } from '../tasks/increment';

afterEach(() => terminateAll());

async function race(processes: number, n: number, mode: string, counter: RawValue<'i'> | Value<'i'>, lock?: Lock) {
  const start = new Barrier(processes);
  const ps = startAll(
    'incrementCounter',
    Array.from({ length: processes }, () => [counter, n, mode, 1, { lock, start }]),
  );
  await joinAllOf(ps);
  for (const p of ps) expect(p.exitCode, p.error?.message).toBe(0);
  return ps.map((p) => p.result as IncrementStats);
}

describe('Lock between processes', () => {
  it('excludes mutually under contention: 4 processes, exact count', async () => {
    const counter = new RawValue('i', 0);
    const lock = new Lock();
    await race(4, 100_000, 'lock', counter, lock);
    expect(counter.value).toBe(400_000);
    expect(lock.locked()).toBe(false);
  });

  it('without a lock, load-then-store increments lose updates', async () => {
    const counter = new RawValue('i', 0);
    await race(2, 1_000_000, 'none', counter);
    expect(counter.value).toBeLessThan(2_000_000);
    expect(counter.value).toBeGreaterThan(0);
  });

  it('Value(lock=True) `v.value += 1` still races: the get and the set are locked separately', async () => {
    const counter = new Value('i', 0);
    await race(2, 200_000, 'value-lock', counter);
    expect(counter.value).toBeLessThan(400_000);
  });

  it('Atomics.add is exact', async () => {
    const counter = new RawValue('i', 0);
    await race(2, 1_000_000, 'atomic', counter);
    expect(counter.value).toBe(2_000_000);
  });
});

describe('Lock semantics', () => {
  it('acquire(false) does not wait; a timeout returns false', async () => {
    const lock = new Lock();
    expect(lock.acquire(false)).toBe(true);
    expect(lock.acquire(false)).toBe(false);
    expect(await lock.acquireAsync(20)).toBe(false);
    expect(lock.acquire(true, 0)).toBe(false);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  it('releasing an unlocked lock is a ValueError', () => {
    const lock = new Lock({ name: 'L' });
    expect(() => lock.release()).toThrow(ValueError);
  });

  it('release by a non-owner process is a RuntimeError', async () => {
    const lock = new Lock({ name: 'mine' });
    lock.acquire();
    const p = await runTask('releaseLock', [lock]);
    expect(p.exitCode).toBe(1);
    expect(p.error?.name).toBe('RuntimeError');
    expect(p.error?.message).toMatch(/held by pid 0/);
    expect(lock.owner()).toBe(0);
    lock.release();
  });

  it('the main thread gets WouldBlockError instead of blocking, and acquireAsync waits', async () => {
    const lock = new Lock();
    const ready = new Event();
    const holder = startAll('holdLockThenExit', [[lock, 0, ready]])[0];
    await ready.waitAsync();
    await holder.join();
    // The holder exited holding it: owner died. Take it (error) and release to reset.
    await expect(lock.acquireAsync()).rejects.toThrow(OwnerDiedError);
    lock.release();
    const other = new Lock();
    const ready2 = new Event();
    startAll('holdLockForever', [[other, ready2]]);
    await ready2.waitAsync();
    expect(() => other.acquire()).toThrow(WouldBlockError);
    const pending = other.acquireAsync(10_000);
    await terminateAll();
    await expect(pending).rejects.toThrow(OwnerDiedError);
    expect(other.owner()).toBe(0);
    other.release();
  });

  it('a holder that is terminated leaves OWNER_DIED; the next acquirer is told who died and holds the lock', async () => {
    const lock = new Lock({ name: 'fork' });
    const ready = new Event();
    const [holder] = startAll('holdLockForever', [[lock, ready]]);
    await ready.waitAsync();
    const [waiter] = startAll('acquireReporting', [[lock, 30_000]]);
    // Let the waiter block on the lock, then kill the holder.
    await new Promise((r) => setTimeout(r, 100));
    holder.terminate();
    await holder.join();
    await waiter.join();
    expect(waiter.exitCode).toBe(0);
    const report = waiter.result as { ownerDied: boolean; message: string; deadPid: number };
    expect(report.ownerDied).toBe(true);
    expect(report.deadPid).toBe(holder.pid);
    expect(report.message).toContain("fork");
    expect(report.message).toContain(`pid ${holder.pid}`);
    expect(report.message).toContain('-15');
    // The waiter released it after recovering: the lock is healthy again.
    expect(lock.acquire(false)).toBe(true);
    lock.release();
  });

  it('rejects a negative timeout naming the argument', () => {
    expect(() => new Lock().acquire(true, -5)).toThrow(/timeoutMs must be/);
  });
});
