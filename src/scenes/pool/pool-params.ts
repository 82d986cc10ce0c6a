/**
 * The pool scene's parameters: one schema for the URL, the controls and `window.playground.run`.
 * Kept free of runtime imports so the scene definition stays in the initial bundle cheaply.
 */
import { ParamError, type ParamValues } from '../shared/params';

export const WORKLOADS = ['sum-squares', 'primes', 'monte-carlo-pi', 'io-wait'] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface WorkloadInfo {
  label: string;
  /** What one unit of `size` is, for the controls and the table. */
  unit: string;
  /** The largest size that finishes in reasonable time on a slow laptop (serial run ≲ 1–2 s). */
  maxSize: number;
  /** CPU-bound work can use at most one core per worker; waiting needs no core at all. */
  cpuBound: boolean;
  explanation: string;
}

export const WORKLOAD_INFO: Record<Workload, WorkloadInfo> = {
  'sum-squares': {
    label: 'Sum of squares',
    unit: 'numbers',
    maxSize: 400_000_000,
    cpuBound: true,
    explanation: "The tutorials' benchmark: Σ i² over a range, pure arithmetic, no shared data.",
  },
  primes: {
    label: 'Prime counting',
    unit: 'numbers tested',
    maxSize: 10_000_000,
    cpuBound: true,
    explanation:
      'Trial division: later ranges hold bigger numbers and cost more, so equal ranges are unequal work.',
  },
  'monte-carlo-pi': {
    label: 'Monte Carlo π',
    unit: 'random points',
    maxSize: 100_000_000,
    cpuBound: true,
    explanation:
      'Random points in a square, counting those inside the circle: CPU-bound, every worker its own generator.',
  },
  'io-wait': {
    label: 'I/O-like wait',
    unit: 'items (1 ms of waiting per 100,000)',
    maxSize: 100_000_000,
    cpuBound: false,
    explanation:
      'Each task mostly sleeps, like a network call. Waiting needs no core, so more workers than cores still help; but a process is an expensive way to wait (threads or asyncio would do).',
  },
};

/** Simulated I/O: how long one range of items waits. */
export const IO_ITEMS_PER_MS = 100_000;

/** Logical cores, read without loading the runtime (the definition must stay light). */
export function detectCores(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return typeof n === 'number' && n > 0 ? n : 4;
}

const cores = detectCores();
/** More workers than this only measure the scheduler: 4 × cores, as the issue asks. */
export const MAX_POOL_SIZE = 4 * cores;

export const poolParams = {
  workload: {
    kind: 'enum',
    label: 'Workload',
    values: WORKLOADS,
    default: 'sum-squares',
    help: 'CPU-bound kernels scale up to the core count; the I/O-like wait shows what processes do when they mostly wait.',
  },
  size: {
    kind: 'int',
    label: 'Total size',
    min: 1_000,
    max: 400_000_000,
    default: 40_000_000,
    help: 'Total work, split into ranges. Small sizes show the overhead; large ones the scaling.',
  },
  poolSizes: {
    kind: 'int-list',
    label: 'Pool sizes to sweep',
    min: 1,
    max: MAX_POOL_SIZE,
    minLength: 1,
    maxLength: 8,
    default: [1, 2, 4, 8].filter((n) => n <= MAX_POOL_SIZE),
    help: `Comma-separated worker counts, each from 1 to ${MAX_POOL_SIZE} (4 × ${cores} cores).`,
  },
  tasks: {
    kind: 'int',
    label: 'Tasks (ranges)',
    min: 0,
    max: 4_096,
    default: 64,
    help: 'How many ranges the work is cut into. 0 = one range per worker, as the tutorial does.',
  },
  chunksize: {
    kind: 'int',
    label: 'Chunksize',
    min: 0,
    max: 4_096,
    default: 0,
    help: "Tasks handed to a worker at once. 0 = CPython's default: ⌈tasks / (4 × workers)⌉.",
  },
  repeats: {
    kind: 'int',
    label: 'Repeats',
    min: 1,
    max: 15,
    default: 3,
    help: 'Each measurement is repeated; the chart shows the median and the min–max range.',
  },
  warm: {
    kind: 'bool',
    label: 'Warm pool',
    default: false,
    help: 'Off: a new pool per timed run, start-up counted (like `with Pool(n):`). On: the timed run meets workers already started and warmed up.',
  },
} as const;

export type PoolParams = ParamValues<typeof poolParams>;

/** The wording both paths use, e.g. `size must be an integer from 1,000 to 10,000,000 for workload "primes"`. */
export function describeSizeLimit(workload: Workload): string {
  return `size must be an integer from ${poolParams.size.min.toLocaleString('en-US')} to ${WORKLOAD_INFO[workload].maxSize.toLocaleString('en-US')} for workload "${workload}"`;
}

/**
 * The one rule the schema cannot express: each workload has its own largest size. Throws a
 * ParamError naming `size` (the strict path); `clampSize` is the lenient twin for the UI.
 */
export function checkWorkloadSize(params: PoolParams): void {
  if (params.size > WORKLOAD_INFO[params.workload].maxSize) {
    throw new ParamError('size', `${describeSizeLimit(params.workload)} (got ${params.size})`);
  }
}

export function clampSize(params: PoolParams): { params: PoolParams; message: string | null } {
  const max = WORKLOAD_INFO[params.workload].maxSize;
  if (params.size <= max) return { params, message: null };
  return {
    params: { ...params, size: max },
    message: `${describeSizeLimit(params.workload)}; using ${max.toLocaleString('en-US')}.`,
  };
}
