/**
 * What a queue run resolves with (plain JSON: "Export JSON" and `window.playground.run('queue')`),
 * and the pure arithmetic behind it, kept here so it can be tested without workers.
 */
import type { QueuePattern } from './queue-params';

export type QueueRole = 'producer' | 'consumer';

export interface QueueProcessResult {
  name: string;
  role: QueueRole;
  pid: number;
  /** Items put (producer) or taken (consumer). */
  items: number;
  blockedMs: number;
  /** null if it was still running when the run ended (never, unless stopped). */
  exitCode: number | null;
  /** Consumers: whether it took a sentinel. */
  gotSentinel?: boolean;
  /** empty-poll consumers: empty() said "not empty" and get_nowait() then raised Empty. */
  races?: number;
}

export interface QueueHang {
  /** The consumer that would have waited forever, e.g. "Consumer-3". */
  consumer: string;
  pid: number;
  /** Why, in one paragraph a learner can read. */
  reason: string;
  /** From the last sentinel put to the detection. */
  detectedAfterMs: number;
  /** What the scene did about it. */
  resolution: string;
}

export interface QueueResult {
  scene: 'queue';
  pattern: QueuePattern;
  producers: number;
  consumers: number;
  items: number;
  /** Python's maxsize (0 = unbounded); null for a rendezvous queue. */
  maxsize: number | null;
  rendezvous: boolean;
  payloadBytes: number;
  /** CPU work per item produced / consumed that the run used, in µs ("auto" decided). */
  produceUs: number;
  consumeUs: number;
  /** Whether each was "auto" (decided by resolveQueueWork) rather than given. */
  workAuto: { produceUs: boolean; consumeUs: boolean };
  /** Bytes of the queue's shared ring (what "unbounded" is bounded by here). */
  ringBytes: number;
  produced: number;
  consumed: number;
  /** Produced but never taken by a consumer: must be 0 with sentinels. */
  lost: number;
  /** Taken more than once: must always be 0. */
  duplicated: number;
  msgsPerSec: number;
  maxDepth: number;
  /** Total time the processes of each side spent blocked in put() / get(), in process-ms. */
  blockedMs: { producers: number; consumers: number };
  elapsedMs: number;
  sentinels: { needed: number; sent: number };
  /** The forgotten-sentinel hang, detected and explained; null when every consumer stopped. */
  hang: QueueHang | null;
  /** JoinableQueue: how long main waited in q.join() after the last put. */
  joinWaitMs: number | null;
  /** empty-poll: races seen, consumers that quit while producers were still producing, items stranded. */
  emptyPoll: { races: number; quitEarly: string[]; stranded: number } | null;
  processes: QueueProcessResult[];
  /** [ms since start, queue depth] samples. */
  depthSeries: [number, number][];
  /** [ms since start, items consumed per second over the preceding window]. */
  throughputSeries: [number, number][];
}

/** Lost and duplicated items from the per-item delivery counts (`seen[id]` = times taken). */
export function countDeliveries(seen: ArrayLike<number>): {
  consumed: number;
  lost: number;
  duplicated: number;
} {
  let consumed = 0;
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < seen.length; i++) {
    const n = seen[i]!;
    consumed += n;
    if (n === 0) lost++;
    else if (n > 1) duplicated++;
  }
  return { consumed, lost, duplicated };
}

export function messagesPerSecond(count: number, elapsedMs: number): number {
  if (count <= 0 || !(elapsedMs > 0)) return 0;
  return Math.round((count * 1000) / elapsedMs);
}

/**
 * Items per second over sliding windows of `windowMs`, from cumulative [t, total] samples
 * (one point per window end).
 */
export function throughputFrom(samples: readonly [number, number][], windowMs = 100): [number, number][] {
  const out: [number, number][] = [];
  if (samples.length < 2) return out;
  let from = 0;
  for (let i = 1; i < samples.length; i++) {
    const [t, total] = samples[i]!;
    if (t - samples[from]![0] < windowMs && i !== samples.length - 1) continue;
    const [t0, total0] = samples[from]!;
    if (t > t0) out.push([Math.round(t), Math.round(((total - total0) * 1000) / (t - t0))]);
    from = i;
  }
  return out;
}

/** Keeps at most `max` points of a series, evenly spaced, always keeping the last. */
export function decimate<T>(series: readonly T[], max: number): T[] {
  if (series.length <= max) return [...series];
  const step = series.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(series[Math.floor(i * step)]!);
  out.push(series.at(-1)!);
  return out;
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The explanation of a forgotten-sentinel hang, naming the consumer. */
export function explainHang(input: {
  consumer: string;
  pid: number;
  consumers: number;
  producers: number;
  sentinelsSent: number;
  finished: readonly string[];
  pattern: QueuePattern;
}): string {
  const { consumer, pid, consumers, producers, sentinelsSent, finished } = input;
  const who =
    finished.length > 0
      ? `${list(finished)} each took one and exited`
      : 'the other consumers took them and exited';
  return (
    `${consumer} (pid ${pid}) is blocked in q.get() on an empty queue and will wait forever. ` +
    `All ${producers} producer${producers === 1 ? ' has' : 's have'} exited and main put ${sentinelsSent} sentinel${sentinelsSent === 1 ? '' : 's'} ` +
    `(None) for ${consumers} consumers: ${who}, so nothing will ever be put again and nobody will wake ${consumer}. ` +
    `In Python the program hangs at ${consumer}'s join(). Fix: put one None per consumer` +
    (input.pattern === 'joinable' ? ' (q.join() returned fine: it counts items, not consumers).' : '.')
  );
}

/** Rows for "Export CSV": one per process, with the run's totals repeated on each. */
export function queueCsvRows(result: QueueResult) {
  return result.processes.map((p) => ({
    process: p.name,
    role: p.role,
    pid: p.pid,
    items: p.items,
    blockedMs: Math.round(p.blockedMs * 100) / 100,
    exitCode: p.exitCode,
    gotSentinel: p.gotSentinel ?? null,
    races: p.races ?? null,
    produced: result.produced,
    consumed: result.consumed,
    lost: result.lost,
    duplicated: result.duplicated,
    msgsPerSec: result.msgsPerSec,
    maxDepth: result.maxDepth,
    produceUs: result.produceUs,
    consumeUs: result.consumeUs,
  }));
}
