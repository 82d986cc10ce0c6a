/**
 * What a pool experiment resolves with: plain JSON, the same object "Export JSON" writes and
 * `window.playground.run('pool', …)` returns.
 */
import type { Workload } from './pool-params';

/** Where one pool run's wall time went, in milliseconds (medians over the repeats). */
export interface TimeBreakdown {
  /** Starting the workers until each can take a task (0 for a warm pool: paid before timing). */
  startupMs: number;
  /** Pickling and handing out chunks: from the call until workers start computing. */
  dispatchMs: number;
  /** Workers computing, from the first chunk started to the last chunk finished. */
  computeMs: number;
  /** Results travelling back and being put in order. */
  collectMs: number;
}

export interface PoolPoint {
  poolSize: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Serial median time / this pool's median time. */
  speedup: number;
  /** Speedup per worker. */
  efficiency: number;
  /** The chunksize actually used (CPython's formula when the parameter was 0). */
  chunksize: number;
  /** Every repeat's wall time, in run order. */
  timesMs: number[];
  breakdown: TimeBreakdown;
}

export interface PoolResult {
  scene: 'pool';
  workload: Workload;
  size: number;
  /** Number of ranges the work was cut into (per pool size when the parameter was 0). */
  tasks: number;
  repeats: number;
  warm: boolean;
  cores: number;
  /** Median serial time, one worker running the whole range as one call after a warm-up. */
  serialMs: number;
  serialMinMs: number;
  serialMaxMs: number;
  points: PoolPoint[];
  /** Least-squares Amdahl serial fraction, 0..1; null when no pool had more than one worker. */
  amdahlSerialFraction: number | null;
  /** The workload's answer from the serial run as a decimal string (Σ i² is an exact big integer). */
  serialAnswer: string;
  /** True when every pool run's combined answer matched the serial one. */
  answersAgree: boolean;
  startedAt: string;
  totalMs: number;
}
