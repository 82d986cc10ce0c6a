import { afterEach, describe, expect, it } from 'vitest';
import { OwnerDiedError, RuntimeError } from '../errors';
import { startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { untilState } from '../process/test-support';
import { RawValue } from '../shared/value';
import { Condition } from './condition';
import { Lock } from './lock';
import { RLock } from './rlock';

afterEach(() => terminateAll());

describe('Condition', () => {
  it('a consumer waits until a producer notifies', async () => {
    const cond = new Condition();
    const box = new RawValue('i', 0);
    const [consumer] = startAll('conditionConsumer', [[cond, box, 30_000]]);
    // The consumer really sleeps in wait() before anything is produced.
    await untilState(consumer, 'waiting-condition');
    await cond.acquireAsync();
    box.value = 7;
    cond.notify();
    cond.release();
    await consumer.join();
    expect(consumer.exitCode, consumer.error?.message).toBe(0);
    expect(consumer.result).toBe(7);
    expect(box.value).toBe(0);
  });

  it('the main thread waits with waitForAsync and times out with the predicate still false', async () => {
    const cond = new Condition(new Lock());
    const box = new RawValue('i', 0);
    await cond.acquireAsync();
    expect(await cond.waitForAsync(() => box.value > 0, 20)).toBe(false);
    expect(cond.getLock().isMine()).toBe(true);
    startAll('conditionProducer', [[cond, box, 3]]);
    expect(await cond.waitForAsync(() => box.value > 0, 30_000)).toBe(true);
    expect(box.value).toBe(3);
    cond.release();
  });

  it('wait and notify without holding the lock are RuntimeErrors', () => {
    const cond = new Condition();
    expect(() => cond.notify()).toThrow(RuntimeError);
    return expect(cond.waitAsync(1)).rejects.toThrow(RuntimeError);
  });

  it('a waiter whose re-acquire meets a dead holder gets OwnerDiedError, holding the RLock at its full depth', async () => {
    const rlock = new RLock({ name: 'cv-lock' });
    const cond = new Condition(rlock);
    await cond.acquireAsync();
    await cond.acquireAsync();
    expect(rlock.count()).toBe(2);
    const waiting = cond.waitAsync(60_000);
    expect(rlock.locked()).toBe(false); // wait() let go of every level
    // Takes the lock, notifies us, and ends still holding it.
    const [p] = startAll('notifyThenExitHolding', [[cond]]);
    await expect(waiting).rejects.toThrow(OwnerDiedError);
    await p.join();
    expect(p.exitCode, p.error?.message).toBe(0);
    expect(rlock.owner()).toBe(0);
    expect(rlock.count()).toBe(2);
    rlock.release();
    rlock.release();
    expect(rlock.locked()).toBe(false);
  });
});
