/**
 * The channel's wake protocol and spinning (channel.ts): separate put and get locks, sleepers
 * counted in and claimed by the waker, adaptive spinning before a sleep. Queue-level behaviour
 * (FIFO, close, Full / Empty, JoinableQueue…) is in queue.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../telemetry/snapshot';
import { terminateAll } from '../process/process-table';
import { joinAllOf, startAll } from '../process/spawn';
import type { Process } from '../process/process';
import { RawArray } from '../shared/shared-array';
import { Event } from '../sync/event';
import { GETTERS, NOT_EMPTY, NOT_FULL, PUTTERS, SPIN_MAX_US, SPIN_PROBE_EVERY, SpinBudget } from './channel';
import { BrokenQueueError, Empty } from './errors';
import { Queue } from './queue';

afterEach(() => terminateAll());

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stateOf(p: Process): string | undefined {
  return takeSnapshot({ events: false }).processes.find((s) => s.pid === p.pid)?.state;
}

function allWaiting(ps: readonly Process[], state: string): boolean {
  return ps.every((p) => stateOf(p) === state);
}

describe('wake-ups: one per sleeper, not one per operation', () => {
  it('a burst of puts wakes a sleeping getter once, and a put with nobody asleep wakes nobody', async () => {
    const q = new Queue<number>();
    const h = q.channel().h;
    q.put(1);
    expect(await q.getAsync()).toBe(1);
    expect(h[NOT_EMPTY]).toBe(0); // nobody slept: no sequence bump, no futex wake

    const pending = q.getAsync(); // empty: the main thread parks in waitAsync
    expect(h[GETTERS]).toBe(1);
    q.put(2);
    q.put(3);
    q.put(4);
    // The first put claimed the sleeper; the next two saw nobody left to wake.
    expect(h[GETTERS]).toBe(0);
    expect(h[NOT_EMPTY]).toBe(1);
    expect(await pending).toBe(2);
    expect([await q.getAsync(), await q.getAsync()]).toEqual([3, 4]);
  });

  it('a burst of gets wakes the sleeping putters once', async () => {
    const q = new Queue<number>(2);
    q.put(1);
    q.put(2);
    const pending = q.putAsync(3); // full: parks
    expect(q.channel().h[PUTTERS]).toBe(1);
    expect(await q.getAsync()).toBe(1);
    expect(await q.getAsync()).toBe(2);
    expect(q.channel().h[NOT_FULL]).toBe(1);
    await pending;
    expect(await q.getAsync()).toBe(3);
  });

  it('three getters asleep, three puts: each put wakes one of them, none is left asleep beside an item', async () => {
    const q = new Queue<number | null>();
    const consumed = new RawArray('i', 3);
    const consumers = startAll('consumer', [
      [q, consumed],
      [q, consumed],
      [q, consumed],
    ]);
    await until(() => allWaiting(consumers, 'waiting-queue-get'), 'all three consumers to sleep in get()');
    for (const item of [0, 1, 2, null, null, null]) await q.putAsync(item);
    await joinAllOf(consumers);
    for (const c of consumers) expect(c.exitCode, c.error?.message).toBe(0);
    expect(Array.from(consumed.typed as Int32Array)).toEqual([1, 1, 1]);
  });

  it('a getter that timed out is no excuse to skip waking the next one', async () => {
    const q = new Queue<number | null>();
    const [quitter] = startAll('timedGet', [[q, 50]]);
    await quitter.join();
    expect(quitter.result).toMatchObject({ empty: true });
    const consumed = new RawArray('i', 1);
    const [sleeper] = startAll('consumer', [[q, consumed]]);
    await until(() => stateOf(sleeper) === 'waiting-queue-get', 'the consumer to sleep in get()');
    await q.putAsync(0);
    await q.putAsync(null);
    await sleeper.join();
    expect(sleeper.exitCode, sleeper.error?.message).toBe(0);
    expect(consumed.get(0)).toBe(1);
  });

  it('several putters asleep on a full queue are all woken, and all their items arrive', async () => {
    const n = 200;
    const q = new Queue<number | null>(1);
    const producers = startAll('producer', [
      [q, 0, n],
      [q, n, n],
      [q, 2 * n, n],
    ]);
    await until(() => allWaiting(producers, 'waiting-queue-put'), 'the three producers to sleep in put()');
    const seen = new Set<number>();
    for (let i = 0; i < 3 * n; i++) seen.add((await q.getAsync()) as number);
    await joinAllOf(producers);
    expect(seen.size).toBe(3 * n);
  });
});

describe('timeouts are honoured, spinning or not', () => {
  it('get(timeout) in a process raises Empty after the timeout, not before, and not much after', async () => {
    const q = new Queue<number>();
    const [long, short] = startAll('timedGet', [
      [q, 400],
      [q, 0.01],
    ]);
    // It spins for µs at most, then sleeps out the rest: it shows as blocked, not running.
    await until(() => stateOf(long) === 'waiting-queue-get', 'the getter to sleep', 10_000);
    await joinAllOf([long, short]);
    const l = long.result as { empty: boolean; waitedMs: number };
    const s = short.result as { empty: boolean; waitedMs: number };
    expect(l.empty).toBe(true);
    expect(l.waitedMs).toBeGreaterThanOrEqual(399);
    expect(l.waitedMs).toBeLessThan(2000);
    expect(s.empty).toBe(true);
    expect(s.waitedMs).toBeLessThan(50);
  });

  it('put(timeout) on a full queue raises Full after the timeout, and the item is not delivered', async () => {
    const q = new Queue<string>(1);
    q.put('first');
    const [p] = startAll('timedPut', [[q, 'late', 80]]);
    await p.join();
    const r = p.result as { full: boolean; waitedMs: number };
    expect(r.full).toBe(true);
    expect(r.waitedMs).toBeGreaterThanOrEqual(79);
    expect(q.qsize()).toBe(1);
    expect(await q.getAsync()).toBe('first');
    expect(q.empty()).toBe(true);
  });

  it('a getter woken by a put after it went to sleep gets the item', async () => {
    const q = new Queue<number>();
    const [getter] = startAll('timedGet', [[q, 20_000]]);
    await until(() => stateOf(getter) === 'waiting-queue-get', 'the getter to sleep');
    await q.putAsync(42);
    await getter.join();
    expect(getter.result).toMatchObject({ item: 42, empty: false });
  });
});

describe('rendezvous: a withdrawn put never races a get into a duplicate', () => {
  it('two producers with short put timeouts: every id arrives exactly once', async () => {
    const n = 300;
    const q = Queue.rendezvous<number>();
    const producers = startAll('rendezvousProducer', [
      [q, 0, n, 1],
      [q, n, n, 1],
    ]);
    const counts = new Int32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) {
      counts[await q.getAsync()]++;
      // Pause now and then, so puts time out and their withdrawals meet the next gets.
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    await joinAllOf(producers);
    for (const p of producers) expect(p.exitCode, p.error?.message).toBe(0);
    expect(counts.every((c) => c === 1)).toBe(true);
    // The pauses did make puts time out and be withdrawn.
    const fulls = producers.reduce((sum, p) => sum + (p.result as { fulls: number }).fulls, 0);
    expect(fulls).toBeGreaterThan(0);
    expect(q.qsize()).toBe(0);
    expect(() => q.getNowait()).toThrow(Empty);
  });
});

describe('a process killed holding the get lock', () => {
  it('breaks the queue for getters and putters alike', async () => {
    const q = new Queue<number>();
    q.put(1);
    const ready = new Event();
    const [dying] = startAll('dieMidGet', [[q, ready]]);
    await until(() => ready.isSet(), 'the get lock to be taken');
    const [blockedGetter] = startAll('timedGet', [[q, 20_000]]);
    await new Promise((r) => setTimeout(r, 50));
    dying.terminate();
    await dying.join();
    await expect(q.getAsync()).rejects.toBeInstanceOf(BrokenQueueError);
    expect(() => q.put(2)).toThrow(BrokenQueueError);
    expect(q.broken).toBe(true);
    await blockedGetter.join();
    expect(blockedGetter.error?.name).toBe('BrokenQueueError');
  });
});

describe('SpinBudget', () => {
  it('starts at the maximum, halves on each failure, returns to the maximum on a success', () => {
    const b = new SpinBudget();
    expect(b.next()).toBe(SPIN_MAX_US);
    b.failed();
    expect(b.next()).toBe(SPIN_MAX_US / 2);
    b.failed();
    b.failed();
    expect(b.next()).toBe(SPIN_MAX_US >> 3);
    b.succeeded();
    expect(b.next()).toBe(SPIN_MAX_US);
  });

  it('backed off to nothing, it still probes at full length now and then', () => {
    const b = new SpinBudget();
    for (let i = 0; i < 10; i++) b.failed();
    const budgets = Array.from({ length: 2 * SPIN_PROBE_EVERY }, () => b.next());
    expect(budgets.filter((us) => us === SPIN_MAX_US)).toHaveLength(2);
    expect(budgets.filter((us) => us === 0)).toHaveLength(2 * SPIN_PROBE_EVERY - 2);
  });
});
