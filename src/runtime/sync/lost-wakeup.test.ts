/**
 * Lost wakeups, made deterministic: `rightBeforeSleep(fn)` runs `fn` (the notifier) after the
 * waiter has checked its condition and chosen the futex value to sleep on, but before it sleeps
 * (the one window a futex protocol must cover). Every wait loop is the same generator on the
 * main thread (Atomics.waitAsync) and in processes (Atomics.wait), so this covers both.
 * A waiter whose futex compare does not cover the notifier's change would sleep forever: the
 * sentinel turns that hang into a failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BrokenBarrierError } from '../errors';
import { Barrier } from './barrier';
import { Condition } from './condition';
import { Event } from './event';
import { Lock } from './lock';
import { Semaphore } from './semaphore';

const realWaitAsync = Atomics.waitAsync;

afterEach(() => {
  Atomics.waitAsync = realWaitAsync;
});

/** The next Atomics.waitAsync first runs `notifier`, then compares and sleeps as usual. */
function rightBeforeSleep(notifier: () => void): { ran: () => boolean } {
  let ran = false;
  Atomics.waitAsync = ((...args: Parameters<typeof Atomics.waitAsync>) => {
    Atomics.waitAsync = realWaitAsync;
    ran = true;
    notifier();
    return realWaitAsync(...args);
  }) as typeof Atomics.waitAsync;
  return { ran: () => ran };
}

const HUNG = Symbol('hung');

/** The waiter's outcome, or HUNG if it is still asleep after a generous 10 s. */
async function outcome<T>(p: Promise<T>): Promise<T | typeof HUNG | { error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sentinel = new Promise<typeof HUNG>((r) => (timer = setTimeout(() => r(HUNG), 10_000)));
  try {
    return await Promise.race([p.catch((error: unknown) => ({ error })), sentinel]);
  } finally {
    clearTimeout(timer);
  }
}

describe('no lost wakeup between the check and the sleep', () => {
  it('Event.set', async () => {
    const event = new Event();
    const hook = rightBeforeSleep(() => event.set());
    expect(await outcome(event.waitAsync())).toBe(true);
    expect(hook.ran()).toBe(true);
  });

  it('Semaphore.release', async () => {
    const sem = new Semaphore(0);
    const hook = rightBeforeSleep(() => sem.release());
    expect(await outcome(sem.acquireAsync())).toBe(true);
    expect(hook.ran()).toBe(true);
    expect(sem.getValue()).toBe(0);
  });

  it('Lock.release (the three-state unlock wakes a waiter that flagged itself)', async () => {
    const lock = new Lock();
    await lock.acquireAsync();
    const hook = rightBeforeSleep(() => lock.release());
    expect(await outcome(lock.acquireAsync())).toBe(true);
    expect(hook.ran()).toBe(true);
    expect(lock.owner()).toBe(0);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  it('Condition.notify after the waiter released the lock', async () => {
    const cond = new Condition(new Lock());
    await cond.acquireAsync();
    const hook = rightBeforeSleep(() => {
      cond.acquire();
      cond.notify();
      cond.release();
    });
    expect(await outcome(cond.waitAsync())).toBe(true);
    expect(hook.ran()).toBe(true);
    cond.release();
  });

  it('Barrier.abort', async () => {
    const barrier = new Barrier(2);
    const hook = rightBeforeSleep(() => barrier.abort());
    const r = await outcome(barrier.waitAsync());
    expect(hook.ran()).toBe(true);
    expect(r).not.toBe(HUNG);
    expect((r as { error: unknown }).error).toBeInstanceOf(BrokenBarrierError);
  });

  it('Barrier.reset', async () => {
    const barrier = new Barrier(2);
    const hook = rightBeforeSleep(() => barrier.reset());
    const r = await outcome(barrier.waitAsync());
    expect(hook.ran()).toBe(true);
    expect((r as { error: unknown }).error).toBeInstanceOf(BrokenBarrierError);
    expect(barrier.broken).toBe(false);
    expect(barrier.nWaiting).toBe(0);
  });

  it('Barrier: the last arrival', async () => {
    const barrier = new Barrier(2);
    const hook = rightBeforeSleep(() => {
      void barrier.waitAsync();
    });
    const r = await outcome(barrier.waitAsync());
    expect(hook.ran()).toBe(true);
    expect(r).toBe(0);
  });
});
