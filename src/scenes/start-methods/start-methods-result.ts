/**
 * What a start-methods run resolves with (the JSON of "Export JSON" and of
 * `window.playground.run('start-methods')`), CPython's figures beside it, and the arithmetic.
 * No runtime imports.
 */
import type { CsvRow } from '../shared/export';

export interface LatencyStats {
  median: number;
  min: number;
  max: number;
  /** 90th percentile (nearest rank). */
  p90: number;
}

/** One cold start, from the parent's `Process.start()`. */
export interface ColdStartSample {
  /** start() → the task's first instruction in the new worker (Process.firstInstructionAt). */
  coldStartMs: number;
  /** start() → join() resolved, with the smallest task: what CPython's figures measure. */
  startJoinMs: number;
  /** start() → the worker finished evaluating its modules (fetch, compile, run top levels). */
  moduleLoadMs: number;
}

/** CPython 3.11 on a 2-core Linux machine: Process start + join, per process (reference-figures.md). */
export const CPYTHON_START_JOIN_MS = { fork: 3.3, forkserver: 12, spawn: 68 } as const;
export type CpythonStartMethod = keyof typeof CPYTHON_START_JOIN_MS;

export interface StartMethodsResult {
  cores: number;
  coldStarts: number;
  poolSize: number;
  warmDispatches: number;
  /** New Process → first instruction of its task. */
  coldStartMs: LatencyStats;
  /** New Process → start + join done (trivial target). */
  startJoinMs: LatencyStats;
  /** New Process → its modules evaluated (the spawn-like re-import). */
  moduleLoadMs: LatencyStats;
  /** A task to the pre-started pool → its result back in the parent (pool.apply round trip). */
  warmDispatchMs: LatencyStats;
  /** Pool(n) constructed → every worker started and initialised, in parallel. */
  poolStartupMs: number;
  /** Executions of the task module's top-level side effect in workers, counted in shared memory. */
  sideEffectRuns: number;
  /** Workers this run started: cold starts + pool workers. One top-level run each is expected. */
  newWorkers: number;
  /** Tasks run in all: one per cold start, plus every warm dispatch. */
  tasksRun: number;
  /** Tasks each pool worker ran (its module's top level ran once all the same). */
  tasksPerPoolWorker: number[];
  /** Times the page itself evaluated the module (Python: the parent's own run of the top level). */
  parentTopLevelRuns: number;
  cpythonStartJoinMs: typeof CPYTHON_START_JOIN_MS;
  /** Our median start+join against CPython's spawn: how many times faster (or slower, < 1). */
  vsCpythonSpawn: number;
  coldSamples: ColdStartSample[];
  warmSamplesMs: number[];
}

export function latencyStats(values: readonly number[]): LatencyStats {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, p90: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]!;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, p90 };
}

export function csvRows(r: StartMethodsResult): CsvRow[] {
  const row = (what: string, s: LatencyStats, samples: number): CsvRow => ({
    measurement: what,
    samples,
    medianMs: round(s.median, 4),
    minMs: round(s.min, 4),
    maxMs: round(s.max, 4),
    p90Ms: round(s.p90, 4),
  });
  return [
    row('cold start (new Process to first instruction)', r.coldStartMs, r.coldSamples.length),
    row('start + join (new Process, trivial task)', r.startJoinMs, r.coldSamples.length),
    row('module load in the new worker', r.moduleLoadMs, r.coldSamples.length),
    row('warm dispatch (pool.apply round trip)', r.warmDispatchMs, r.warmSamplesMs.length),
    ...(Object.entries(r.cpythonStartJoinMs) as [CpythonStartMethod, number][]).map(([method, ms]) => ({
      measurement: `CPython ${method}: start + join (reference figure)`,
      samples: null,
      medianMs: ms,
      minMs: null,
      maxMs: null,
      p90Ms: null,
    })),
  ];
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** "23.4 ms", "0.062 ms", "1.20 s" */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}
