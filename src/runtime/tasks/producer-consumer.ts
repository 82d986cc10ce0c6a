/**
 * Producer / consumer workloads for the queue scene, the benchmark and the tests.
 *
 *   producer(ctx, queue, start, count, workPerItemUs = 0, payloadBytes = 0, sentinels = 0)
 *       puts items start … start+count-1, then `sentinels` nulls (poison pills).
 *       An item is its id (an int: the codec's fast path) or, with payloadBytes > 0,
 *       `{ id, payload: Uint8Array(payloadBytes) }` (pickled through the codec).
 *   consumer(ctx, queue, consumed, workPerItemUs = 0)
 *       gets until a null: records each id in `consumed` (RawArray 'i': cell id += 1, so the
 *       parent counts lost = cells at 0 and duplicated = cells above 1) or puts it on a result Queue.
 *   racyConsumer(ctx, queue, consumed)
 *       Python's "if not q.empty(): q.get_nowait()" anti-pattern: counts how often empty() said
 *       false and the get then found nothing (another consumer took it first).
 *   joinableConsumer(ctx, queue, consumed, workPerItemUs = 0)
 *       like consumer on a JoinableQueue, calling taskDone() for every item (sentinel included).
 *   queuePing / queuePong(ctx, outbox, inbox, rounds),  pipePing / pipePong(ctx, conn, rounds)
 *       latency: ping sends i, pong returns i + 1; ping reports the mean round trip.
 *   timedGet(ctx, queue, timeoutMs) → { item, empty, waitedMs }
 *   timedPut(ctx, queue, item, timeoutMs) → { full, waitedMs }
 *       one get / put with a timeout, as `q.get(timeout=…)` / `q.put(x, timeout=…)`: Empty / Full
 *       is reported, not raised, with the time the call took.
 *   rendezvousProducer(ctx, queue, start, count, timeoutMs) → { produced, fulls }
 *       puts ids start … start+count-1, each with a timeout, retrying a put that raised Full
 *       (a put that raised Full was withdrawn, so the retry never duplicates it).
 *   dieMidPut(ctx, queue, item, ready)
 *       the failure demo: takes the queue's put lock, copies half of `item`'s frame into the ring,
 *       sets `ready`, then sleeps until the parent terminates it. The queue must then report
 *       itself broken (BrokenQueueError), never deliver the half-written item.
 *   dieMidGet(ctx, queue, ready)
 *       the same on the other side: takes the queue's get lock, sets `ready`, sleeps until killed.
 */
import { checkInt } from '../errors';
import { WRITE_POS } from '../messaging/channel';
import { Empty, Full } from '../messaging/errors';
import { OutgoingFrame } from '../messaging/frame';
import type { JoinableQueue } from '../messaging/joinable-queue';
import type { Connection } from '../messaging/pipe';
import { Queue } from '../messaging/queue';
import type { RawArray } from '../shared/shared-array';
import type { Event } from '../sync/event';
import type { TaskContext } from './task-context';

/** How often the long loops look at stop requests and publish progress. */
const CHECK_EVERY = 1024;

export type ProducedItem = number | { id: number; payload: Uint8Array };

/** Where a consumer records what it took. */
export type ConsumedSink = RawArray<'i'> | Queue<number>;

/** Busy work standing in for processing an item (sleeping would not use a core). */
function work(ctx: TaskContext, us: number): void {
  if (us <= 0) return;
  const until = ctx.now() + us / 1000;
  while (ctx.now() < until);
}

function idOf(item: ProducedItem): number {
  return typeof item === 'number' ? item : item.id;
}

function recorder(consumed: ConsumedSink): (id: number) => void {
  if (consumed instanceof Queue) return (id) => consumed.put(id);
  const cells = consumed.typed as Int32Array;
  return (id) => {
    Atomics.add(cells, id, 1);
  };
}

export interface ProducerStats {
  produced: number;
  ms: number;
}

export function producer(
  ctx: TaskContext,
  queue: Queue<ProducedItem | null>,
  start: number,
  count: number,
  workPerItemUs = 0,
  payloadBytes = 0,
  sentinels = 0,
): ProducerStats {
  checkInt('start', start, 0, 0x7fffffff);
  checkInt('count', count, 0, 0x7fffffff - start);
  checkInt('payloadBytes', payloadBytes, 0, 1 << 24);
  checkInt('sentinels', sentinels, 0, 1024);
  const t0 = ctx.now();
  const end = start + count;
  let id = start;
  while (id < end) {
    const sliceEnd = Math.min(end, id + CHECK_EVERY);
    if (payloadBytes === 0 && workPerItemUs <= 0) {
      for (; id < sliceEnd; id++) queue.put(id);
    } else {
      for (; id < sliceEnd; id++) {
        work(ctx, workPerItemUs);
        queue.put(payloadBytes === 0 ? id : { id, payload: new Uint8Array(payloadBytes) });
      }
    }
    ctx.telemetry.setProgress(id - start);
    ctx.checkStop();
  }
  for (let i = 0; i < sentinels; i++) queue.put(null);
  return { produced: count, ms: ctx.now() - t0 };
}

export interface ConsumerStats {
  consumed: number;
  ms: number;
}

export function consumer(
  ctx: TaskContext,
  queue: Queue<ProducedItem | null>,
  consumed: ConsumedSink,
  workPerItemUs = 0,
): ConsumerStats {
  const record = recorder(consumed);
  const t0 = ctx.now();
  let n = 0;
  for (;;) {
    const item = queue.get();
    if (item === null) break;
    work(ctx, workPerItemUs);
    record(idOf(item));
    if ((++n & (CHECK_EVERY - 1)) === 0) {
      ctx.telemetry.setProgress(n);
      ctx.checkStop();
    }
  }
  return { consumed: n, ms: ctx.now() - t0 };
}

export interface RacyConsumerStats extends ConsumerStats {
  /** empty() said false, then get_nowait() raised Empty: another consumer got there first. */
  emptyAfterNotEmpty: number;
  /** empty() said true: polls that found nothing. */
  emptyPolls: number;
}

export function racyConsumer(
  ctx: TaskContext,
  queue: Queue<ProducedItem | null>,
  consumed: ConsumedSink,
): RacyConsumerStats {
  const record = recorder(consumed);
  const t0 = ctx.now();
  let n = 0;
  let emptyAfterNotEmpty = 0;
  let emptyPolls = 0;
  for (;;) {
    if (queue.empty()) {
      emptyPolls++;
      if ((emptyPolls & (CHECK_EVERY - 1)) === 0) ctx.checkStop();
      continue;
    }
    let item: ProducedItem | null;
    try {
      item = queue.getNowait();
    } catch (error) {
      if (!(error instanceof Empty)) throw error;
      emptyAfterNotEmpty++;
      continue;
    }
    if (item === null) break;
    record(idOf(item));
    n++;
  }
  return { consumed: n, ms: ctx.now() - t0, emptyAfterNotEmpty, emptyPolls };
}

export function joinableConsumer(
  ctx: TaskContext,
  queue: JoinableQueue<ProducedItem | null>,
  consumed: ConsumedSink,
  workPerItemUs = 0,
): ConsumerStats {
  const record = recorder(consumed);
  const t0 = ctx.now();
  let n = 0;
  for (;;) {
    const item = queue.get();
    if (item === null) {
      queue.taskDone();
      break;
    }
    work(ctx, workPerItemUs);
    record(idOf(item));
    queue.taskDone();
    n++;
  }
  return { consumed: n, ms: ctx.now() - t0 };
}

export interface PingStats {
  rounds: number;
  ms: number;
  /** Mean round trip in microseconds. */
  roundTripUs: number;
}

export function queuePing(
  ctx: TaskContext,
  outbox: Queue<number>,
  inbox: Queue<number>,
  rounds: number,
): PingStats {
  checkInt('rounds', rounds, 1, 1e9);
  const t0 = ctx.now();
  for (let i = 0; i < rounds; i++) {
    outbox.put(i);
    if (inbox.get() !== i + 1) throw new Error(`queuePing: reply out of order at round ${i}`);
  }
  const ms = ctx.now() - t0;
  return { rounds, ms, roundTripUs: (ms * 1000) / rounds };
}

export function queuePong(
  _ctx: TaskContext,
  inbox: Queue<number>,
  outbox: Queue<number>,
  rounds: number,
): number {
  for (let i = 0; i < rounds; i++) outbox.put(inbox.get() + 1);
  return rounds;
}

export function pipePing(ctx: TaskContext, conn: Connection<number>, rounds: number): PingStats {
  checkInt('rounds', rounds, 1, 1e9);
  const t0 = ctx.now();
  for (let i = 0; i < rounds; i++) {
    conn.send(i);
    if (conn.recv() !== i + 1) throw new Error(`pipePing: reply out of order at round ${i}`);
  }
  const ms = ctx.now() - t0;
  return { rounds, ms, roundTripUs: (ms * 1000) / rounds };
}

export function pipePong(_ctx: TaskContext, conn: Connection<number>, rounds: number): number {
  for (let i = 0; i < rounds; i++) conn.send(conn.recv() + 1);
  return rounds;
}

export interface TimedGetResult {
  item: unknown;
  empty: boolean;
  waitedMs: number;
}

export function timedGet(ctx: TaskContext, queue: Queue, timeoutMs: number): TimedGetResult {
  const t0 = ctx.now();
  try {
    const item = queue.get(true, timeoutMs);
    return { item, empty: false, waitedMs: ctx.now() - t0 };
  } catch (error) {
    if (!(error instanceof Empty)) throw error;
    return { item: null, empty: true, waitedMs: ctx.now() - t0 };
  }
}

export function timedPut(
  ctx: TaskContext,
  queue: Queue,
  item: unknown,
  timeoutMs: number,
): { full: boolean; waitedMs: number } {
  const t0 = ctx.now();
  try {
    queue.put(item, true, timeoutMs);
    return { full: false, waitedMs: ctx.now() - t0 };
  } catch (error) {
    if (!(error instanceof Full)) throw error;
    return { full: true, waitedMs: ctx.now() - t0 };
  }
}

export function rendezvousProducer(
  ctx: TaskContext,
  queue: Queue<number>,
  start: number,
  count: number,
  timeoutMs: number,
): { produced: number; fulls: number } {
  checkInt('count', count, 0, 1e9);
  let fulls = 0;
  for (let id = start; id < start + count; id++) {
    for (;;) {
      try {
        queue.put(id, true, timeoutMs);
        break;
      } catch (error) {
        if (!(error instanceof Full)) throw error;
        fulls++;
        ctx.checkStop();
      }
    }
  }
  return { produced: count, fulls };
}

export function dieMidPut(ctx: TaskContext, queue: Queue, item: unknown, ready: Event): never {
  const channel = queue.channel();
  const frame = new OutgoingFrame().prepare(item, 'item');
  while (!channel.tryLockPut());
  // Half of the frame's words, written where the next frame goes, never published.
  const tail = channel.h[WRITE_POS];
  const scratch = new Int32Array(frame.words);
  frame.writeTo(scratch, new Uint8Array(scratch.buffer), 0);
  for (let i = 0; i < frame.words >> 1; i++)
    channel.ring[(tail + i) & (channel.capacityWords - 1)] = scratch[i];
  ready.set();
  for (;;) ctx.sleep(60_000);
}

export function dieMidGet(ctx: TaskContext, queue: Queue, ready: Event): never {
  const channel = queue.channel();
  while (!channel.tryLockGet());
  ready.set();
  for (;;) ctx.sleep(60_000);
}

export const producerConsumerTasks = {
  producer,
  consumer,
  racyConsumer,
  joinableConsumer,
  queuePing,
  queuePong,
  pipePing,
  pipePong,
  timedGet,
  timedPut,
  rendezvousProducer,
  dieMidPut,
  dieMidGet,
};
