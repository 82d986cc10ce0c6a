/**
 * The arithmetic behind a speedup experiment: summaries of repeated timings, speedup,
 * efficiency, and a least-squares fit of Amdahl's law. Pure functions, no DOM.
 */

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface TimingSummary {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** Median, fastest and slowest of repeated timings: the median resists one noisy repeat. */
export function summarize(timesMs: readonly number[]): TimingSummary {
  if (timesMs.length === 0) throw new RangeError('no timings to summarize');
  return { medianMs: median(timesMs), minMs: Math.min(...timesMs), maxMs: Math.max(...timesMs) };
}

/** How many times faster than the serial run: serial time / parallel time. */
export function speedup(serialMs: number, parallelMs: number): number {
  return parallelMs > 0 ? serialMs / parallelMs : 0;
}

/** Speedup per worker: 1 means every worker pulled its full weight. */
export function efficiency(speedupValue: number, poolSize: number): number {
  return poolSize > 0 ? speedupValue / poolSize : 0;
}

/**
 * Amdahl's law: with a serial fraction f of the work, p processors give
 * S(p) = 1 / (f + (1 - f) / p).
 *
 * `parallelism` is how many processors a pool of n workers can really use: min(n, cores) for
 * CPU-bound work (a third worker on two cores adds no processor), n for work that only waits.
 */
export function amdahlSpeedup(serialFraction: number, processors: number): number {
  return 1 / (serialFraction + (1 - serialFraction) / processors);
}

export interface SpeedupObservation {
  poolSize: number;
  speedup: number;
}

/**
 * Least-squares estimate of Amdahl's serial fraction from measured speedups.
 *
 * The law is linear in the normalised time 1/S: 1/S - 1/p = f · (1 - 1/p). Fitting that line
 * through the origin gives f = Σxy / Σx² in closed form, with x = 1 - 1/p, y = 1/S - 1/p; the
 * result is clamped to [0, 1]. Returns null when no observation used more than one processor
 * (a pool of one says nothing about the serial fraction).
 */
export function fitAmdahlSerialFraction(
  observations: readonly SpeedupObservation[],
  maxProcessors = Number.POSITIVE_INFINITY,
): number | null {
  let sxy = 0;
  let sxx = 0;
  for (const { poolSize, speedup: s } of observations) {
    const p = Math.min(poolSize, maxProcessors);
    if (!(s > 0) || !(p > 1)) continue;
    const x = 1 - 1 / p;
    const y = 1 / s - 1 / p;
    sxy += x * y;
    sxx += x * x;
  }
  if (sxx === 0) return null;
  return Math.min(1, Math.max(0, sxy / sxx));
}
