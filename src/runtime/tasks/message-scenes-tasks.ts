/**
 * Tasks of the message-passing scenes (queue, pipeline, pipe, manager): the programs their
 * processes run, written as the Python tutorials write them (a producer loop, a consumer loop
 * that stops at a sentinel, a worker that takes tasks and puts results, a ping-pong).
 *
 * Observing without perturbing: each process owns one 64-byte line of a `RawArray('i')` the
 * scene allocates (the "stats" array) and writes only that line; the page reads every line once
 * per animation frame to animate tokens and light arrows. Nothing is posted per message.
 *
 * Stats line of process `slot` (Int32 words at slot × STAT_WORDS):
 *   [0] COUNT     items put (producer) / items taken (consumer) / tasks taken (pipeline worker) /
 *                 round trips done (pinger) / operations done (manager scene)
 *   [1] PHASE     what it is doing now (Phase below): the picture shows it
 *   [2] RACES     empty-poll consumers: empty() said "not empty", then get_nowait() raised Empty
 *   [3] LOCKS     pipeline: times the lock was acquired
 *   [4] UPDATES   pipeline: shared-resource updates made
 *   [5] RESULTS   pipeline: results put on the result queue
 *   [6] SENTINEL  1 once this consumer / worker took its sentinel
 *   [7] ROUND     pinger: index of the payload size being measured
 *   words 8..15   spare (the padding that keeps two writers off one cache line)
 */
import { Empty } from '../messaging/errors';
import { pickle, unpickle } from '../messaging/codec';
import type { Connection } from '../messaging/pipe';
import type { JoinableQueue } from '../messaging/joinable-queue';
import type { Queue } from '../messaging/queue';
import type { RawArray } from '../shared/shared-array';
import type { SyncDictProxy } from '../manager/proxies';
import type { Value } from '../shared/value';
import type { Barrier } from '../sync/barrier';
import type { Event } from '../sync/event';
import type { Lock } from '../sync/lock';
import { P } from '../../telemetry/layout';
import type { TaskContext } from './task-context';

export const STAT_WORDS = 16;
export const S = {
  COUNT: 0,
  PHASE: 1,
  RACES: 2,
  LOCKS: 3,
  UPDATES: 4,
  RESULTS: 5,
  SENTINEL: 6,
  ROUND: 7,
} as const;

/** What a process of these scenes is doing, as the picture draws it. */
export const Phase = {
  STARTING: 0,
  WORKING: 1,
  PUTTING: 2,
  GETTING: 3,
  WAITING_LOCK: 4,
  IN_LOCK: 5,
  DONE: 6,
  POLLING: 7,
  SENDING: 8,
  RECEIVING: 9,
} as const;
export type PhaseCode = (typeof Phase)[keyof typeof Phase];

/** Python's `None`: the poison pill a consumer stops at. */
export const SENTINEL = null;

/** A queue item with a payload: `{ id, data }`; without one the item is just its id. */
export interface PayloadItem {
  id: number;
  data: Uint8Array;
}

/** Busy work for `us` microseconds: the per-item "production" or "consumption" cost. */
export function busyWork(ctx: TaskContext, us: number): void {
  if (us <= 0) return;
  const end = ctx.now() + us / 1000;
  while (ctx.now() < end) {
    // spin: CPU work, as a real producer computing an item would do
  }
}

/** Milliseconds this process has spent blocked (in any wait), from its own telemetry slot. */
export function blockedMsSoFar(ctx: TaskContext): number {
  const tel = ctx.telemetry;
  return tel.f64[(tel.base >> 1) + P.WAIT_US_F64] / 1000;
}

function line(stats: RawArray<'i'>, slot: number): { cells: Int32Array; base: number } {
  return { cells: stats.typed as Int32Array, base: slot * STAT_WORDS };
}

function makePayload(bytes: number, seed: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 64) data[i] = (seed + i) & 0xff;
  return data;
}

// ---------------------------------------------------------------- queue: producers / consumers

export interface ProducerStats {
  produced: number;
  maxDepth: number;
  firstPutAt: number;
  lastPutAt: number;
  blockedMs: number;
}

/**
 * Puts items `firstId … firstId + count − 1` (each after `workUs` of work), like
 *   for i in range(first, first + count): q.put(make_item(i))
 * and records the deepest queue it saw right after a put (depth only grows on a put, so that is
 * the maximum depth).
 */
export function queueProducer(
  ctx: TaskContext,
  q: Queue,
  stats: RawArray<'i'>,
  slot: number,
  firstId: number,
  count: number,
  workUs: number,
  payloadBytes: number,
): ProducerStats {
  const { cells, base } = line(stats, slot);
  const payload = payloadBytes > 0 ? makePayload(payloadBytes, slot) : null;
  let maxDepth = 0;
  let firstPutAt = 0;
  Atomics.store(cells, base + S.PHASE, Phase.WORKING);
  for (let i = 0; i < count; i++) {
    busyWork(ctx, workUs);
    const id = firstId + i;
    Atomics.store(cells, base + S.PHASE, Phase.PUTTING);
    if (i === 0) firstPutAt = ctx.now();
    q.put(payload ? ({ id, data: payload } satisfies PayloadItem) : id);
    Atomics.store(cells, base + S.PHASE, Phase.WORKING);
    Atomics.store(cells, base + S.COUNT, i + 1);
    const depth = q.qsize();
    if (depth > maxDepth) maxDepth = depth;
  }
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { produced: count, maxDepth, firstPutAt, lastPutAt: ctx.now(), blockedMs: blockedMsSoFar(ctx) };
}

export interface ConsumerStats {
  consumed: number;
  gotSentinel: boolean;
  lastGetAt: number;
  blockedMs: number;
  /** empty-poll: empty() said "not empty" and get_nowait() then raised Empty. */
  races: number;
  /** empty-poll: when it saw empty() and quit. */
  quitAt: number;
}

function idOf(item: unknown): number {
  if (typeof item === 'number') return item;
  return (item as PayloadItem).id;
}

function markSeen(seen: Int32Array, id: number): void {
  // An id outside the range would be a corrupted message: count it where it cannot hide.
  if (Number.isInteger(id) && id >= 0 && id < seen.length) Atomics.add(seen, id, 1);
}

/**
 * The sentinel loop:
 *   while True:
 *       item = q.get()
 *       if item is None: break        # the poison pill
 *       work(item)
 *       q.task_done()                 # JoinableQueue only
 * Every item taken is counted in `seen[id]`, so the parent can tell lost (0) from duplicated (> 1).
 */
export function queueConsumer(
  ctx: TaskContext,
  q: Queue | JoinableQueue,
  seen: RawArray<'i'>,
  stats: RawArray<'i'>,
  slot: number,
  workUs: number,
  joinable: boolean,
): ConsumerStats {
  const { cells, base } = line(stats, slot);
  const seenCells = seen.typed as Int32Array;
  const jq = joinable ? (q as JoinableQueue) : null;
  let consumed = 0;
  let lastGetAt = 0;
  for (;;) {
    Atomics.store(cells, base + S.PHASE, Phase.GETTING);
    const item = q.get();
    Atomics.store(cells, base + S.PHASE, Phase.WORKING);
    if (item === SENTINEL) {
      Atomics.store(cells, base + S.SENTINEL, 1);
      jq?.taskDone();
      break;
    }
    lastGetAt = ctx.now();
    markSeen(seenCells, idOf(item));
    busyWork(ctx, workUs);
    consumed++;
    Atomics.store(cells, base + S.COUNT, consumed);
    jq?.taskDone();
  }
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return {
    consumed,
    gotSentinel: true,
    lastGetAt,
    blockedMs: blockedMsSoFar(ctx),
    races: 0,
    quitAt: ctx.now(),
  };
}

/**
 * The unreliable loop the tutorials warn about:
 *   while not q.empty():
 *       try: item = q.get_nowait()
 *       except queue.Empty: races += 1; continue   # someone else took it first
 *       work(item)
 * It quits the first time it sees an empty queue, even if producers are still producing.
 * `started` is waited on first, so a consumer does not quit before any producer has begun.
 */
export function queueEmptyPollConsumer(
  ctx: TaskContext,
  q: Queue,
  seen: RawArray<'i'>,
  stats: RawArray<'i'>,
  slot: number,
  workUs: number,
  started: Event,
): ConsumerStats {
  const { cells, base } = line(stats, slot);
  const seenCells = seen.typed as Int32Array;
  let consumed = 0;
  let races = 0;
  let lastGetAt = 0;
  started.wait();
  Atomics.store(cells, base + S.PHASE, Phase.POLLING);
  while (!q.empty()) {
    let item: unknown;
    try {
      item = q.getNowait();
    } catch (error) {
      if (!(error instanceof Empty)) throw error;
      races++;
      Atomics.store(cells, base + S.RACES, races);
      continue;
    }
    Atomics.store(cells, base + S.PHASE, Phase.WORKING);
    lastGetAt = ctx.now();
    markSeen(seenCells, idOf(item));
    busyWork(ctx, workUs);
    consumed++;
    Atomics.store(cells, base + S.COUNT, consumed);
    Atomics.store(cells, base + S.PHASE, Phase.POLLING);
  }
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return {
    consumed,
    gotSentinel: false,
    lastGetAt,
    blockedMs: blockedMsSoFar(ctx),
    races,
    quitAt: ctx.now(),
  };
}

// ---------------------------------------------------------------- pipeline: the tutorial flowchart

export interface PipelineWorkerStats {
  tasks: number;
  lockWaitMs: number;
  blockedMs: number;
}

/** What a pipeline task computes: the sum of squares 1² + … + n², exact in a double for n ≤ 10⁵. */
export function pipelineAnswer(n: number): number {
  return (n * (n + 1) * (2 * n + 1)) / 6;
}

/**
 * The tutorial's worker:
 *   while True:
 *       n = tasks.get()
 *       if n is None: break
 *       answer = compute(n)
 *       with lock:                       # the shared resource: a tally of two numbers
 *           tally[0] += 1                # tasks done
 *           tally[1] += answer           # sum of answers
 *       results.put((name, n, answer))
 * `useLock` false drops the `with lock:`: each `+=` is then a read and a write with a gap
 * between them (`holdUs` of work, the time a real update takes), and updates are lost.
 * `tally` is a RawArray('d', 2): each cell's get and set are atomic, the `+=` is not.
 * COUNT counts tasks taken (incremented as soon as a task arrives, for the picture).
 */
export function pipelineWorker(
  ctx: TaskContext,
  tasks: Queue,
  results: Queue,
  lock: Lock,
  tally: RawArray<'d'>,
  stats: RawArray<'i'>,
  slot: number,
  workUs: number,
  holdUs: number,
  useLock: boolean,
): PipelineWorkerStats {
  const { cells, base } = line(stats, slot);
  let done = 0;
  let lockWaitMs = 0;
  for (;;) {
    Atomics.store(cells, base + S.PHASE, Phase.GETTING);
    const n = tasks.get() as number | null;
    if (n === SENTINEL) {
      Atomics.store(cells, base + S.SENTINEL, 1);
      break;
    }
    Atomics.add(cells, base + S.COUNT, 1);
    Atomics.store(cells, base + S.PHASE, Phase.WORKING);
    busyWork(ctx, workUs);
    const answer = pipelineAnswer(n);
    if (useLock) {
      Atomics.store(cells, base + S.PHASE, Phase.WAITING_LOCK);
      const t0 = ctx.now();
      lock.acquire();
      lockWaitMs += ctx.now() - t0;
      Atomics.add(cells, base + S.LOCKS, 1);
    }
    Atomics.store(cells, base + S.PHASE, Phase.IN_LOCK);
    const count = tally.get(0);
    const sum = tally.get(1);
    busyWork(ctx, holdUs);
    tally.set(0, count + 1);
    tally.set(1, sum + answer);
    Atomics.add(cells, base + S.UPDATES, 1);
    if (useLock) lock.release();
    Atomics.store(cells, base + S.PHASE, Phase.PUTTING);
    results.put([ctx.name, n, answer]);
    Atomics.add(cells, base + S.RESULTS, 1);
    done++;
  }
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { tasks: done, lockWaitMs, blockedMs: blockedMsSoFar(ctx) };
}

// ---------------------------------------------------------------- pipe: ping-pong

/**
 * The echoing end:
 *   while (msg := inbox.recv()) is not None:
 *       out.send(msg)
 * With a duplex Pipe, `inbox` and `out` are the same Connection (Python: one end of Pipe()).
 */
export function pipePonger(
  ctx: TaskContext,
  inbox: Connection,
  out: Connection,
  stats: RawArray<'i'>,
  slot: number,
): number {
  const { cells, base } = line(stats, slot);
  let echoed = 0;
  for (;;) {
    Atomics.store(cells, base + S.PHASE, Phase.RECEIVING);
    const msg = inbox.recv();
    if (msg === SENTINEL) break;
    Atomics.store(cells, base + S.PHASE, Phase.SENDING);
    out.send(msg);
    echoed++;
    Atomics.store(cells, base + S.COUNT, echoed);
  }
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  void ctx;
  return echoed;
}

export interface PingRound {
  payloadBytes: number;
  roundTrips: number;
  /** From the first send to the last reply, all round trips of this size. */
  elapsedMs: number;
}

/**
 * The timing end. For each payload size: `warmUp` untimed round trips, then `roundTrips` timed
 * ones, each RTT (µs) written to `rtts[round × roundTrips + i]`, so the page can histogram them
 * while they arrive. Sends None at the end so the ponger stops.
 */
export function pipePinger(
  ctx: TaskContext,
  out: Connection,
  inbox: Connection,
  rtts: RawArray<'d'>,
  stats: RawArray<'i'>,
  slot: number,
  payloadSizes: readonly number[],
  roundTrips: number,
  warmUp: number,
): PingRound[] {
  const { cells, base } = line(stats, slot);
  const rounds: PingRound[] = [];
  payloadSizes.forEach((payloadBytes, round) => {
    const msg = payloadBytes > 0 ? makePayload(payloadBytes, round) : 0;
    Atomics.store(cells, base + S.ROUND, round);
    Atomics.store(cells, base + S.COUNT, 0);
    for (let i = 0; i < warmUp; i++) {
      out.send(msg);
      inbox.recv();
    }
    const offset = round * roundTrips;
    const start = ctx.now();
    for (let i = 0; i < roundTrips; i++) {
      const t0 = ctx.now();
      Atomics.store(cells, base + S.PHASE, Phase.SENDING);
      out.send(msg);
      Atomics.store(cells, base + S.PHASE, Phase.RECEIVING);
      inbox.recv();
      rtts.set(offset + i, (ctx.now() - t0) * 1000);
      Atomics.store(cells, base + S.COUNT, i + 1);
    }
    rounds.push({ payloadBytes, roundTrips, elapsedMs: ctx.now() - start });
  });
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  out.send(SENTINEL);
  return rounds;
}

// ---------------------------------------------------------------- manager scene: three ways

export interface OpsStats {
  ops: number;
  startedAt: number;
  endedAt: number;
  blockedMs: number;
}

/**
 * `with lock: d["count"] = d["count"] + 1`, `ops` times: the Manager way. Each access is a
 * round trip to the manager process (two per operation), so every process queues up behind the
 * one server. All processes start together at `start` (a Barrier), so the timing is the race,
 * not the staggered process start-up.
 */
export function managerDictIncrements(
  ctx: TaskContext,
  d: SyncDictProxy<string, number>,
  lock: Lock,
  start: Barrier,
  stats: RawArray<'i'>,
  slot: number,
  ops: number,
): OpsStats {
  const { cells, base } = line(stats, slot);
  start.wait();
  Atomics.store(cells, base + S.PHASE, Phase.WORKING);
  const startedAt = ctx.now();
  for (let i = 0; i < ops; i++) {
    lock.acquire();
    d.set('count', (d.get('count', 0) as number) + 1);
    lock.release();
    Atomics.store(cells, base + S.COUNT, i + 1);
  }
  const endedAt = ctx.now();
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { ops, startedAt, endedAt, blockedMs: blockedMsSoFar(ctx) };
}

/** `with counter.get_lock(): counter.value += 1`, `ops` times: the shared-memory way. */
export function sharedValueIncrements(
  ctx: TaskContext,
  counter: Value<'i'>,
  start: Barrier,
  stats: RawArray<'i'>,
  slot: number,
  ops: number,
): OpsStats {
  const { cells, base } = line(stats, slot);
  const lock = counter.getLock();
  const raw = counter.getObj();
  start.wait();
  Atomics.store(cells, base + S.PHASE, Phase.WORKING);
  const startedAt = ctx.now();
  for (let i = 0; i < ops; i++) {
    lock.acquire();
    raw.value = raw.value + 1;
    lock.release();
    if ((i & 1023) === 1023) Atomics.store(cells, base + S.COUNT, i + 1);
  }
  const endedAt = ctx.now();
  Atomics.store(cells, base + S.COUNT, ops);
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { ops, startedAt, endedAt, blockedMs: blockedMsSoFar(ctx) };
}

/** `q.put(1)`, `ops` times: the message-passing way; one aggregator adds them up. */
export function messageIncrements(
  ctx: TaskContext,
  q: Queue,
  start: Barrier,
  stats: RawArray<'i'>,
  slot: number,
  ops: number,
): OpsStats {
  const { cells, base } = line(stats, slot);
  start.wait();
  Atomics.store(cells, base + S.PHASE, Phase.PUTTING);
  const startedAt = ctx.now();
  for (let i = 0; i < ops; i++) {
    q.put(1);
    if ((i & 255) === 255) Atomics.store(cells, base + S.COUNT, i + 1);
  }
  const endedAt = ctx.now();
  Atomics.store(cells, base + S.COUNT, ops);
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { ops, startedAt, endedAt, blockedMs: blockedMsSoFar(ctx) };
}

/**
 * The aggregator of the message-passing way: the only process that touches the total.
 *   total = 0
 *   for _ in range(expected): total += q.get()
 */
export function messageAggregator(
  ctx: TaskContext,
  q: Queue,
  stats: RawArray<'i'>,
  slot: number,
  expected: number,
): OpsStats & { total: number } {
  const { cells, base } = line(stats, slot);
  Atomics.store(cells, base + S.PHASE, Phase.GETTING);
  let total = 0;
  const startedAt = ctx.now();
  for (let i = 0; i < expected; i++) {
    total += q.get() as number;
    if ((i & 255) === 255) Atomics.store(cells, base + S.COUNT, i + 1);
  }
  Atomics.store(cells, base + S.COUNT, expected);
  Atomics.store(cells, base + S.PHASE, Phase.DONE);
  return { ops: expected, startedAt, endedAt: ctx.now(), blockedMs: blockedMsSoFar(ctx), total };
}

export interface CopyCost {
  payloadBytes: number;
  kind: 'bytes' | 'list';
  /** Encoded size (our pickle), bytes. */
  encodedBytes: number;
  pickleUs: number;
  unpickleUs: number;
  structuredCloneUs: number;
  repeats: number;
}

/** A payload of about `bytes` bytes: raw bytes, or a list of small ints (like a Python list). */
export function makeCopyPayload(kind: 'bytes' | 'list', bytes: number): unknown {
  if (kind === 'bytes') return makePayload(bytes, 7);
  // Our pickle stores a small int in 5 bytes (a tag and an Int32).
  return Array.from({ length: Math.max(0, Math.round(bytes / 5)) }, (_, i) => i & 0xffff);
}

/**
 * Copy cost per payload size, measured inside a process (so a large payload never stalls the
 * page): each copy is repeated until it has taken `budgetMs`, and the mean is reported.
 */
export function measureCopyCost(
  ctx: TaskContext,
  sizes: readonly number[],
  kinds: readonly ('bytes' | 'list')[],
  budgetMs: number,
): CopyCost[] {
  const out: CopyCost[] = [];
  const time = (fn: () => void): { us: number; repeats: number } => {
    fn(); // warm-up: the first call pays for compilation
    let repeats = 0;
    const start = ctx.now();
    let elapsed: number;
    do {
      fn();
      repeats++;
      elapsed = ctx.now() - start;
    } while (elapsed < budgetMs && repeats < 100_000);
    return { us: (elapsed * 1000) / repeats, repeats };
  };
  // One untimed pass first: the first sizes measured would otherwise pay for compiling the
  // encoder and decoder, and a 16-byte copy would look dearer than a 1 KiB one.
  for (const kind of kinds) {
    for (const bytes of sizes) {
      const payload = makeCopyPayload(kind, bytes);
      const until = ctx.now() + budgetMs / 3;
      do {
        unpickle(pickle(payload));
        structuredClone(payload);
      } while (ctx.now() < until);
    }
  }
  for (const kind of kinds) {
    for (const bytes of sizes) {
      ctx.checkStop();
      const payload = makeCopyPayload(kind, bytes);
      const encoded = pickle(payload);
      const p = time(() => void pickle(payload));
      const u = time(() => void unpickle(encoded));
      const c = time(() => void structuredClone(payload));
      out.push({
        payloadBytes: bytes,
        kind,
        encodedBytes: encoded.byteLength,
        pickleUs: p.us,
        unpickleUs: u.us,
        structuredCloneUs: c.us,
        repeats: Math.min(p.repeats, u.repeats, c.repeats),
      });
    }
  }
  return out;
}

export const messageSceneTasks = {
  queueProducer,
  queueConsumer,
  queueEmptyPollConsumer,
  pipelineWorker,
  pipePonger,
  pipePinger,
  managerDictIncrements,
  sharedValueIncrements,
  messageIncrements,
  messageAggregator,
  measureCopyCost,
};
