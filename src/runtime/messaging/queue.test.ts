import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../telemetry/snapshot';
import { ValueError, WouldBlockError } from '../errors';
import { Process } from '../process/process';
import { terminateAll } from '../process/process-table';
import { joinAllOf, startAll } from '../process/spawn';
import { RawArray } from '../shared/shared-array';
import { Event } from '../sync/event';
import { GETTERS, PUTTERS } from './channel';
import { BrokenQueueError, Empty, Full } from './errors';
import { JoinableQueue } from './joinable-queue';
import { Queue } from './queue';
import { SimpleQueue } from './simple-queue';

afterEach(() => terminateAll());

/** Polls `condition` every few ms; fails the test after `timeoutMs`. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function lostAndDuplicated(consumed: RawArray<'i'>): { lost: number; duplicated: number } {
  const cells = consumed.typed as Int32Array;
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] === 0) lost++;
    else if (cells[i] > 1) duplicated++;
  }
  return { lost, duplicated };
}

function processState(p: Process) {
  return takeSnapshot({ events: false }).processes.find((s) => s.pid === p.pid);
}

describe('Queue in one process', () => {
  it('is FIFO and carries any picklable value', async () => {
    const q = new Queue<unknown>();
    const values = [
      1,
      -2.5,
      'text',
      null,
      undefined,
      true,
      { nested: [1, 'a'] },
      new Map([[1, 2]]),
      2n ** 70n,
    ];
    for (const v of values) q.put(v);
    expect(q.qsize()).toBe(values.length);
    const back: unknown[] = [];
    for (let i = 0; i < values.length; i++) back.push(await q.getAsync());
    expect(back).toEqual(values);
    expect(q.empty()).toBe(true);
  });

  it('raises Full and Empty for non-blocking calls and timeouts', async () => {
    const q = new Queue<number>(2);
    q.put(1);
    q.putNowait(2);
    expect(q.full()).toBe(true);
    expect(() => q.putNowait(3)).toThrow(Full);
    await expect(q.putAsync(3, true, 30)).rejects.toBeInstanceOf(Full);
    expect(q.getNowait()).toBe(1);
    expect(q.get(false)).toBe(2);
    expect(() => q.getNowait()).toThrow(Empty);
    await expect(q.getAsync(true, 30)).rejects.toBeInstanceOf(Empty);
  });

  it('refuses a blocking call on the main thread instead of freezing it', () => {
    const q = new Queue<number>(1);
    q.put(1);
    expect(() => q.put(2)).toThrow(WouldBlockError);
    q.get();
    expect(() => q.get()).toThrow(WouldBlockError);
    // It gave up before registering as a sleeper, so later puts and gets wake nobody for nothing.
    expect([q.channel().h[PUTTERS], q.channel().h[GETTERS]]).toEqual([0, 0]);
  });

  it('wakes an async getter when an item arrives', async () => {
    const q = new Queue<string>();
    const pending = q.getAsync();
    setTimeout(() => q.put('late'), 10);
    expect(await pending).toBe('late');
  });

  it('refuses an item larger than its ring, naming capacityBytes', () => {
    const q = new Queue(0, { capacityBytes: 1024 });
    expect(() => q.put('x'.repeat(4000))).toThrow(/capacityBytes/);
    expect(q.qsize()).toBe(0);
  });

  it('refuses a Lock inside an item with the PicklingError CPython gives', () => {
    const q = new Queue();
    const event = new Event();
    expect(() => q.put({ done: event })).toThrow(
      'item.done: Event objects should only be shared between processes through inheritance',
    );
  });

  it('validates its arguments', () => {
    expect(() => new Queue(1.5)).toThrow(/maxsize/);
    expect(() => new Queue(0, { capacityBytes: 3 })).toThrow(/capacityBytes/);
    expect(new Queue(-1).maxsize).toBe(0); // Python: maxsize <= 0 means unbounded
  });

  it('close(): later puts raise ValueError; getters drain, then get ValueError too', async () => {
    const q = new Queue<number>();
    q.put(1);
    q.close();
    expect(() => q.put(2)).toThrow(ValueError);
    expect(() => q.put(2)).toThrow(/is closed/);
    expect(await q.getAsync()).toBe(1);
    await expect(q.getAsync()).rejects.toThrow(/closed and empty/);
  });

  it('JoinableQueue: join resolves after every item is taskDone(); extra taskDone raises', async () => {
    const q = new JoinableQueue<number>();
    q.put(1);
    q.put(2);
    let joined = false;
    const join = q.joinAsync().then(() => (joined = true));
    await q.getAsync();
    q.taskDone();
    await new Promise((r) => setTimeout(r, 20));
    expect(joined).toBe(false);
    await q.getAsync();
    q.taskDone();
    await join;
    expect(() => q.taskDone()).toThrow('task_done() called too many times');
  });

  it('SimpleQueue: put, get, empty', async () => {
    const q = new SimpleQueue<string>();
    expect(q.empty()).toBe(true);
    q.put('a');
    expect(q.empty()).toBe(false);
    expect(await q.getAsync()).toBe('a');
  });
});

describe('Queue between processes', () => {
  it('keeps each producer’s items in order (FIFO per producer)', async () => {
    const n = 20_000;
    const q = new Queue<number | null>(64);
    const producers = startAll('producer', [
      [q, 0, n],
      [q, n, n],
    ]);
    const last = [-1, n - 1];
    for (let i = 0; i < 2 * n; i++) {
      const id = (await q.getAsync()) as number;
      const who = id < n ? 0 : 1;
      expect(id).toBeGreaterThan(last[who]);
      last[who] = id;
    }
    expect(last).toEqual([n - 1, 2 * n - 1]);
    await joinAllOf(producers);
  });

  it('4 producers and 4 consumers move 1,000,000 items: none lost, none duplicated', async () => {
    const total = 1_000_000;
    const q = new Queue<number | null>(1000);
    const consumed = new RawArray('i', total);
    const per = total / 4;
    const producers = startAll(
      'producer',
      [0, 1, 2, 3].map((k) => [q, k * per, per, 0, 0, 1]),
    );
    const consumers = startAll(
      'consumer',
      [0, 1, 2, 3].map(() => [q, consumed]),
    );
    await joinAllOf([...producers, ...consumers]);
    for (const p of [...producers, ...consumers]) expect(p.exitCode, p.error?.message).toBe(0);
    expect(lostAndDuplicated(consumed)).toEqual({ lost: 0, duplicated: 0 });
    const taken = consumers.reduce((sum, c) => sum + (c.result as { consumed: number }).consumed, 0);
    expect(taken).toBe(total);
  });

  it('racy "if not empty(): get_nowait()" consumers still lose nothing, and count their Empty surprises', async () => {
    const n = 20_000;
    const q = new Queue<number | null>(100);
    const consumed = new RawArray('i', n);
    const racers = startAll('racyConsumer', [
      [q, consumed],
      [q, consumed],
    ]);
    const producer = startAll('producer', [[q, 0, n, 0, 0, 2]])[0];
    await joinAllOf([producer, ...racers]);
    for (const p of [producer, ...racers]) expect(p.exitCode, p.error?.message).toBe(0);
    expect(lostAndDuplicated(consumed)).toEqual({ lost: 0, duplicated: 0 });
    const stats = racers.map((r) => r.result as { consumed: number; emptyAfterNotEmpty: number });
    expect(stats[0].consumed + stats[1].consumed).toBe(n);
    expect(stats.every((s) => Number.isInteger(s.emptyAfterNotEmpty))).toBe(true);
  });

  it('a put on a full queue blocks until a get makes room, and shows as waiting-queue-put on it', async () => {
    const q = new Queue<number | null>(1);
    const producer = startAll('producer', [[q, 0, 3]])[0];
    await until(() => processState(producer)?.state === 'waiting-queue-put', 'the producer to block');
    expect(processState(producer)?.waitingOn).toBe(q.id);
    expect(q.qsize()).toBe(1);
    expect(producer.isAlive()).toBe(true);
    expect([await q.getAsync(), await q.getAsync(), await q.getAsync()]).toEqual([0, 1, 2]);
    await producer.join();
    expect(producer.exitCode).toBe(0);
  });

  it('a rendezvous put returns only after a consumer took the item', async () => {
    const q = Queue.rendezvous<number | null>();
    const producer = startAll('producer', [[q, 7, 1]])[0];
    await until(() => q.qsize() === 1, 'the item to be offered');
    await new Promise((r) => setTimeout(r, 100));
    expect(producer.isAlive()).toBe(true);
    expect(await q.getAsync()).toBe(7);
    await producer.join();
    expect(producer.exitCode).toBe(0);
    // Nobody takes it: the put times out with Full and the item is withdrawn.
    await expect(q.putAsync(8, true, 30)).rejects.toBeInstanceOf(Full);
    expect(q.qsize()).toBe(0);
  });

  it('close() wakes a consumer blocked in get()', async () => {
    const q = new Queue<number | null>();
    const consumed = new RawArray('i', 4);
    const consumer = startAll('consumer', [[q, consumed]])[0];
    await until(() => processState(consumer)?.state === 'waiting-queue-get', 'the consumer to block');
    q.close();
    await consumer.join();
    expect(consumer.exitCode).toBe(1);
    expect(consumer.error?.message).toMatch(/closed and empty/);
  });

  it('JoinableQueue: join() returns once consumers called taskDone() for everything', async () => {
    const n = 5000;
    const q = new JoinableQueue<number | null>();
    const consumed = new RawArray('i', n);
    const consumers = startAll('joinableConsumer', [
      [q, consumed],
      [q, consumed],
    ]);
    for (let i = 0; i < n; i++) await q.putAsync(i);
    await q.joinAsync();
    expect(lostAndDuplicated(consumed)).toEqual({ lost: 0, duplicated: 0 });
    q.put(null);
    q.put(null);
    await joinAllOf(consumers);
  });

  it('a process killed holding the queue lock mid-put breaks the queue: no torn item is delivered', async () => {
    const q = new Queue<unknown>();
    q.put('before');
    const consumed = new RawArray('i', 4);
    const ready = new Event();
    const dying = startAll('dieMidPut', [[q, { big: 'x'.repeat(200) }, ready]])[0];
    await until(() => ready.isSet(), 'the half-written put');
    const blockedConsumer = startAll('consumer', [[q, consumed]])[0];
    await new Promise((r) => setTimeout(r, 50));
    dying.terminate();
    await dying.join();
    await expect(q.getAsync()).rejects.toBeInstanceOf(BrokenQueueError);
    await expect(q.getAsync()).rejects.toThrow(/broken/);
    expect(() => q.put(1)).toThrow(BrokenQueueError);
    expect(q.broken).toBe(true);
    await blockedConsumer.join();
    expect(blockedConsumer.error?.name).toBe('BrokenQueueError');
  });
});
