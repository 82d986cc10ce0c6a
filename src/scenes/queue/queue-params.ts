/**
 * The queue scene's parameters: one schema for the URL, the controls and
 * `window.playground.run('queue', …)`. No runtime imports: the definition is in the initial bundle.
 */
import { ParamError, type ParamValues } from '../shared/params';

export const QUEUE_PATTERNS = ['sentinel', 'joinable', 'empty-poll'] as const;
export type QueuePattern = (typeof QUEUE_PATTERNS)[number];

export const PATTERN_INFO: Record<QueuePattern, { label: string; short: string }> = {
  sentinel: {
    label: 'Queue + one sentinel (None) per consumer',
    short:
      'Consumers loop on get() until they take a None; main puts one None per consumer after the producers finish.',
  },
  joinable: {
    label: 'JoinableQueue: task_done() / join() (Go: WaitGroup)',
    short:
      'Every get() is matched by task_done(); main waits in q.join() until all items are done, then sends the sentinels.',
  },
  'empty-poll': {
    label: 'Polling empty() (the unreliable way)',
    short:
      'Consumers loop while not q.empty() and use get_nowait(): they race each other and quit whenever the queue looks empty.',
  },
};

export const MAX_ITEMS = 2_000_000;

export const queueParams = {
  producers: {
    kind: 'int',
    label: 'Producers',
    min: 1,
    max: 16,
    default: 2,
    help: 'Processes putting items.',
  },
  consumers: {
    kind: 'int',
    label: 'Consumers',
    min: 1,
    max: 16,
    default: 2,
    help: 'Processes getting items.',
  },
  items: {
    kind: 'int',
    label: 'Items',
    min: 1,
    max: MAX_ITEMS,
    default: 600,
    help: 'Total items, split evenly between the producers.',
  },
  maxsize: {
    kind: 'int',
    label: 'Queue maxsize',
    min: 0,
    max: 100_000,
    default: 8,
    help: 'Queue(maxsize): 0 = unbounded, as in Python. A full queue blocks put().',
  },
  rendezvous: {
    kind: 'bool',
    label: 'Rendezvous (Go unbuffered channel)',
    default: false,
    help: 'Capacity zero: put() returns only once a consumer has taken the item. Overrides maxsize.',
  },
  produceUs: {
    kind: 'int',
    label: 'Production work per item (µs)',
    min: 0,
    max: 100_000,
    default: 'auto',
    auto: true,
    help: 'CPU time a producer spends making each item. Auto: 1,000 when the run is small enough to watch, else 0.',
  },
  consumeUs: {
    kind: 'int',
    label: 'Consumption work per item (µs)',
    min: 0,
    max: 100_000,
    default: 'auto',
    auto: true,
    help: 'CPU time a consumer spends on each item. Auto: 2,500 when the run is small enough to watch, else 0.',
  },
  payloadBytes: {
    kind: 'int',
    label: 'Payload per item (bytes)',
    min: 0,
    max: 65_536,
    default: 0,
    help: 'Bytes carried by each item (copied in and out of the queue, like a pickled object).',
  },
  pattern: {
    kind: 'enum',
    label: 'Shutdown pattern',
    values: QUEUE_PATTERNS,
    default: 'sentinel',
    help: 'How consumers learn that the work is over.',
  },
  forgetSentinel: {
    kind: 'bool',
    label: 'Forget one sentinel',
    default: false,
    help: 'Main puts one None too few: one consumer then waits in get() forever. The scene detects it.',
  },
} as const;

export type QueueParams = ParamValues<typeof queueParams>;

/** Work per item when the run is small enough to watch: consumers slower than producers, so the queue fills. */
export const WATCHABLE_WORK_US = { produceUs: 1_000, consumeUs: 2_500 } as const;
/** A run is watchable when every process would be busy for at most this long. */
export const WATCHABLE_BUSY_MS = 10_000;

/** The work per item a run uses, with "auto" decided. */
export interface QueueWork {
  produceUs: number;
  consumeUs: number;
  /** Which of the two were "auto" (and so decided here rather than given). */
  auto: { produceUs: boolean; consumeUs: boolean };
  /**
   * Busy time of one producer and of one consumer (items per process × work per item) at the
   * watchable work for the "auto" sides and the given work for the others: what decided "auto".
   */
  watchBusyMs: { producers: number; consumers: number };
}

/**
 * The one place "auto" becomes a number. The rule: take the watchable work (1,000 µs per item
 * produced, 2,500 µs per item consumed) for each side left on auto, and the given number for the
 * other. If one producer (ceil(items / producers) items) and one consumer (ceil(items / consumers)
 * items) would then each be busy for at most WATCHABLE_BUSY_MS (10 s), the run is small enough to
 * watch and auto means the watchable work; otherwise auto means 0, raw queue throughput (the
 * default 600 items watch; 1,000,000 items through 4 × 4 would take ~10 minutes and run raw). The
 * decision is made once for both sides, so a watchable run keeps its slow consumers. It depends
 * on the parameters only (not on this machine's cores), so a link means the same run everywhere.
 * An explicit number always wins.
 */
export function resolveQueueWork(
  params: Pick<QueueParams, 'producers' | 'consumers' | 'items' | 'produceUs' | 'consumeUs'>,
): QueueWork {
  const auto = { produceUs: params.produceUs === 'auto', consumeUs: params.consumeUs === 'auto' };
  const watchProduceUs = params.produceUs === 'auto' ? WATCHABLE_WORK_US.produceUs : params.produceUs;
  const watchConsumeUs = params.consumeUs === 'auto' ? WATCHABLE_WORK_US.consumeUs : params.consumeUs;
  const busyMs = (items: number, processes: number, us: number) => (Math.ceil(items / processes) * us) / 1000;
  const watchBusyMs = {
    producers: busyMs(params.items, params.producers, watchProduceUs),
    consumers: busyMs(params.items, params.consumers, watchConsumeUs),
  };
  const watchable = watchBusyMs.producers <= WATCHABLE_BUSY_MS && watchBusyMs.consumers <= WATCHABLE_BUSY_MS;
  return {
    produceUs: auto.produceUs ? (watchable ? watchProduceUs : 0) : watchProduceUs,
    consumeUs: auto.consumeUs ? (watchable ? watchConsumeUs : 0) : watchConsumeUs,
    auto,
    watchBusyMs,
  };
}

/** "1,000 µs (auto)" / "0 µs (auto: raw throughput)" / "50 µs": one side's work, as the UI shows it. */
export function describeWork(us: number, auto: boolean): string {
  const amount = `${us.toLocaleString('en-US')} µs`;
  if (!auto) return amount;
  return us === 0 ? `${amount} (auto: raw throughput)` : `${amount} (auto)`;
}

/**
 * Rules the schema cannot express, checked on both paths (strict: throws a ParamError naming
 * the parameter).
 */
export function checkQueueParams(params: QueueParams): void {
  if (params.rendezvous && params.pattern === 'joinable') {
    throw new ParamError(
      'rendezvous',
      'rendezvous must be false when pattern is "joinable" (a JoinableQueue has no capacity-zero mode; use pattern "sentinel")',
    );
  }
  if (params.forgetSentinel && params.pattern === 'empty-poll') {
    throw new ParamError(
      'forgetSentinel',
      'forgetSentinel must be false when pattern is "empty-poll" (that pattern sends no sentinels)',
    );
  }
}

/** The lenient twin for the UI: fixes a combination that cannot run, saying what it changed. */
export function reconcileQueueParams(params: QueueParams): { params: QueueParams; message: string | null } {
  if (params.rendezvous && params.pattern === 'joinable') {
    return {
      params: { ...params, rendezvous: false },
      message: 'A JoinableQueue has no rendezvous mode: rendezvous was turned off.',
    };
  }
  if (params.forgetSentinel && params.pattern === 'empty-poll') {
    return {
      params: { ...params, forgetSentinel: false },
      message: 'Polling empty() sends no sentinels: "forget one sentinel" was turned off.',
    };
  }
  return { params, message: null };
}

/** Sentinels main puts: one per consumer, one fewer when the user asked to forget one. */
export function sentinelsToSend(
  params: Pick<QueueParams, 'consumers' | 'pattern' | 'forgetSentinel'>,
): number {
  if (params.pattern === 'empty-poll') return 0;
  return params.forgetSentinel ? params.consumers - 1 : params.consumers;
}

/** Items of producer `index`: an even split, the first producers taking the remainder. */
export function producerShare(
  items: number,
  producers: number,
  index: number,
): { firstId: number; count: number } {
  const base = Math.floor(items / producers);
  const extra = items % producers;
  const count = base + (index < extra ? 1 : 0);
  const firstId = index * base + Math.min(index, extra);
  return { firstId, count };
}
