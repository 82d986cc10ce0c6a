/**
 * The experiment's view of a runtime Pool: one call runs a list of ranges of a workload's kernel
 * with a chunksize, and says how its time split (dispatch, compute, collect) and what the answer
 * was. Keeps workload → task mapping out of the runner and the UI.
 */
import { breakdown, getPlatform, Pool, type JobTiming } from '../../runtime';
import type { Workload } from './pool-params';
import type { TimeBreakdown } from './pool-result';
import { ioWaitMs, type Range } from './workloads';

export interface PoolCall {
  /** The workload's combined answer as a decimal string (Σ i² does not fit in a double). */
  answer: string;
  breakdown: Omit<TimeBreakdown, 'startupMs'>;
}

export interface WorkerSlot {
  lane: number;
  /** Telemetry process slot: its CURRENT word is the chunk the worker holds (-1 idle). */
  slot: number;
}

export interface ExperimentPool {
  readonly size: number;
  readonly ready: Promise<void>;
  workers(): readonly WorkerSlot[];
  /** The call in progress: its chunks completed so far (lane of each), for the lanes' counts. */
  currentTiming(): JobTiming | null;
  run(ranges: readonly Range[], chunksize: number): Promise<PoolCall>;
  /** Stops the workers now; resolves when their threads have ended. */
  terminate(): Promise<void>;
}

/** Which kernel a range becomes, and how its results combine. */
const KERNELS: Record<
  Workload,
  {
    task: string;
    args: (r: Range) => unknown[];
    combine: (values: unknown[], ranges: readonly Range[]) => string;
  }
> = {
  'sum-squares': {
    task: 'sumSquares',
    args: ([start, end]) => [start, end],
    combine: (values) => values.reduce<bigint>((sum, v) => sum + BigInt(v as string), 0n).toString(),
  },
  primes: {
    task: 'countPrimes',
    args: ([start, end]) => [start, end],
    combine: (values) => String(values.reduce<number>((sum, v) => sum + (v as number), 0)),
  },
  'monte-carlo-pi': {
    // Each range seeds its own generator with its start, so a run is reproducible.
    task: 'monteCarloPi',
    args: ([start, end]) => [end - start, start],
    combine: (values) => String(values.reduce<number>((sum, v) => sum + (v as number), 0)),
  },
  'io-wait': {
    task: 'ioLike',
    args: (range) => [ioWaitMs(range)],
    combine: (_values, ranges) => String(ranges.reduce((sum, [start, end]) => sum + end - start, 0)),
  },
};

export function openExperimentPool(size: number, workload: Workload): ExperimentPool {
  const pool = new Pool(size, { name: `speedup-pool-${size}` });
  const kernel = KERNELS[workload];
  let current: JobTiming | null = null;
  return {
    size,
    ready: pool.ready,
    workers: () => pool.workers().map(({ lane, slot }) => ({ lane, slot })),
    currentTiming: () => current,
    async run(ranges, chunksize) {
      const result = pool.starmapAsync(kernel.task, ranges.map(kernel.args), chunksize);
      current = result.timing;
      const values = await result.get();
      const { dispatchMs, computeMs, collectMs } = breakdown(result.timing);
      return { answer: kernel.combine(values, ranges), breakdown: { dispatchMs, computeMs, collectMs } };
    },
    terminate: () => pool.terminate(),
  };
}

/** Logical cores as the runtime sees them (navigator.hardwareConcurrency in a browser). */
export function cpuCount(): number {
  return getPlatform().cpuCount();
}

/**
 * Round trip of one tiny task through a warm Pool(1): apply(noop) awaited, `count` times after
 * a warm-up. This is the fixed cost every chunk pays on top of its work.
 */
export async function measureWarmDispatch(
  count: number,
): Promise<{ count: number; medianMs: number; minMs: number; p90Ms: number }> {
  const pool = new Pool(1, { name: 'dispatch-probe' });
  try {
    await pool.ready;
    for (let i = 0; i < 200; i++) await pool.apply('noop');
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await pool.apply('noop');
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return {
      count,
      medianMs: samples[Math.floor(count / 2)]!,
      minMs: samples[0]!,
      p90Ms: samples[Math.floor(count * 0.9)]!,
    };
  } finally {
    await pool.terminate();
  }
}
