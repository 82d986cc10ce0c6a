/**
 * Micro-benchmarks for `npm run bench` that need a direct handle on the runtime. The app loads
 * this module lazily as `window.playground.bench()`; nothing in the UI imports it.
 *
 * Each probe starts its own processes under a RunScope and ends them all before it resolves.
 */
import { Barrier, Lock, Queue, RawArray, RawValue, RunScope } from '../../runtime';
import { median } from '../../charts/speedup-math';
import { measureWarmDispatch } from './pool-driver';
import { plainTwoWorkerSpeedup } from './plain-speedup-probe';
import { postMessageThroughput } from './post-message-probe';

interface IncrementStats {
  ops: number;
  ms: number;
}

/** New worker → its first instruction, one process at a time so they do not compete. */
async function processStart({ count = 30 }: { count?: number } = {}) {
  const scope = new RunScope();
  const samplesMs: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const p = scope.process({ target: 'sleepMs', args: [0], name: `start-probe-${i}` });
      p.start();
      await p.join();
      if (p.startedAt !== null && p.firstInstructionAt !== null)
        samplesMs.push(p.firstInstructionAt - p.startedAt);
    }
  } finally {
    await scope.close();
  }
  return {
    count: samplesMs.length,
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs,
  };
}

/**
 * N workers × `perWorker` increments of one shared counter, released together by a Barrier so
 * they really contend. The rate is all increments over the slowest worker's loop time.
 */
async function contendedIncrements(mode: 'lock' | 'atomic', workers: number, perWorker: number) {
  const scope = new RunScope();
  try {
    const counter = new RawValue('i', 0);
    const lock = new Lock();
    const start = new Barrier(workers);
    const procs = Array.from({ length: workers }, (_, i) =>
      scope.process({
        target: 'incrementCounter',
        args: [counter, perWorker, mode, 1, { lock, start }],
        name: `${mode}-${i}`,
      }),
    );
    for (const p of procs) p.start();
    await Promise.all(procs.map((p) => p.join()));
    const failed = procs.find((p) => p.exitCode !== 0);
    if (failed)
      throw new Error(`${failed.name} exited with ${failed.exitCode}: ${failed.error?.message ?? ''}`);
    const stats = procs.map((p) => p.result as IncrementStats);
    const total = stats.reduce((s, x) => s + x.ops, 0);
    const seconds = Math.max(...stats.map((x) => x.ms)) / 1000;
    return {
      workers,
      increments: total,
      final: counter.value,
      exact: counter.value === total,
      seconds,
      perSecond: total / seconds,
    };
  } finally {
    await scope.close();
  }
}

/**
 * One producer, one consumer, small ints through a bounded Queue. The consumer starts first and
 * is already blocked in get() when the producer starts, so the producer's loop time is the
 * transfer time (a bounded queue cannot run ahead of its consumer by more than its capacity).
 */
async function queueThroughput({
  messages = 2_000_000,
  capacity = 1024,
}: { messages?: number; capacity?: number } = {}) {
  const scope = new RunScope();
  try {
    const queue = new Queue<number | null>(capacity);
    const consumed = new RawArray('i', messages);
    const consumer = scope.process({ target: 'consumer', args: [queue, consumed], name: 'queue-consumer' });
    const producer = scope.process({
      target: 'producer',
      args: [queue, 0, messages, 0, 0, 1],
      name: 'queue-producer',
    });
    consumer.start();
    while (consumer.firstInstructionAt === null && consumer.exitCode === null)
      await new Promise((r) => setTimeout(r, 2));
    producer.start();
    await Promise.all([producer.join(), consumer.join()]);
    for (const p of [producer, consumer]) {
      if (p.exitCode !== 0) throw new Error(`${p.name} exited with ${p.exitCode}: ${p.error?.message ?? ''}`);
    }
    const produced = producer.result as { produced: number; ms: number };
    const received = (consumer.result as { consumed: number }).consumed;
    const seconds = produced.ms / 1000;
    return { messages, received, capacity, seconds, perSecond: received / seconds };
  } finally {
    await scope.close();
  }
}

export const benchProbes = {
  plainTwoWorkerSpeedup,
  processStart,
  warmDispatch: ({ count = 2000 }: { count?: number } = {}) => measureWarmDispatch(count),
  lockedIncrements: ({ workers = 2, perWorker = 5_000_000 }: { workers?: number; perWorker?: number } = {}) =>
    contendedIncrements('lock', workers, perWorker),
  atomicAdds: ({ workers = 2, perWorker = 20_000_000 }: { workers?: number; perWorker?: number } = {}) =>
    contendedIncrements('atomic', workers, perWorker),
  queueThroughput,
  postMessageThroughput: ({ messages = 200_000 }: { messages?: number } = {}) =>
    postMessageThroughput(messages),
};

export type BenchProbes = typeof benchProbes;
