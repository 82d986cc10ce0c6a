/**
 * What a pipe run resolves with (plain JSON: "Export JSON" and `window.playground.run('pipe')`),
 * and the statistics behind it: percentiles and a log-spaced latency histogram.
 */

export interface LatencyHistogram {
  /** Bin edges in µs (one more than counts), log-spaced. */
  edgesUs: number[];
  counts: number[];
}

export interface PipePoint {
  payloadBytes: number;
  roundTrips: number;
  elapsedMs: number;
  roundTripsPerSec: number;
  /** Two messages per round trip (ping and pong). */
  msgsPerSec: number;
  /** Payload bytes moved per second, both directions. */
  mbPerSec: number;
  minUs: number;
  medianUs: number;
  meanUs: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  /** Round trips that read as 0 µs: shorter than one tick of the clock (coarse in browsers). */
  belowClockTick: number;
  histogram: LatencyHistogram;
}

export interface PipeResult {
  scene: 'pipe';
  duplex: boolean;
  roundTrips: number;
  payloadSizes: number[];
  /** Of the first payload size. */
  msgsPerSec: number;
  medianRoundTripUs: number;
  points: PipePoint[];
}

/** Log-spaced bins: BINS_PER_DECADE per factor of ten, from 0.1 µs to 10 s. */
export const BINS_PER_DECADE = 10;
const LOG_MIN = -1;
const LOG_MAX = 7;
export const BIN_COUNT = (LOG_MAX - LOG_MIN) * BINS_PER_DECADE;

export function binOf(us: number): number {
  if (!(us > 0)) return 0;
  const b = Math.floor((Math.log10(us) - LOG_MIN) * BINS_PER_DECADE);
  return Math.min(BIN_COUNT - 1, Math.max(0, b));
}

export function binEdge(i: number): number {
  return 10 ** (LOG_MIN + i / BINS_PER_DECADE);
}

/** Adds samples to running counts (length BIN_COUNT). */
export function addToBins(
  counts: number[] | Uint32Array,
  samples: ArrayLike<number>,
  from = 0,
  to = samples.length,
): void {
  for (let i = from; i < to; i++) counts[binOf(samples[i]!)]!++;
}

/** The counts trimmed to the bins that hold something, with their edges. */
export function trimmedHistogram(counts: ArrayLike<number>): LatencyHistogram {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0) {
      if (lo < 0) lo = i;
      hi = i;
    }
  }
  if (lo < 0) return { edgesUs: [], counts: [] };
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(counts[i]!);
  const edgesUs = Array.from({ length: out.length + 1 }, (_, k) => round3(binEdge(lo + k)));
  return { edgesUs, counts: out };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarizeRtts(rttsUs: Float64Array, payloadBytes: number, elapsedMs: number): PipePoint {
  const sorted = Float64Array.from(rttsUs).sort();
  const n = sorted.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i]!;
    if (sorted[i]! <= 0) zeros++;
  }
  const counts = new Array<number>(BIN_COUNT).fill(0);
  addToBins(counts, sorted);
  const perSec = elapsedMs > 0 ? (n * 1000) / elapsedMs : 0;
  return {
    payloadBytes,
    roundTrips: n,
    elapsedMs: round3(elapsedMs),
    roundTripsPerSec: Math.round(perSec),
    msgsPerSec: Math.round(2 * perSec),
    mbPerSec: round3((2 * payloadBytes * perSec) / 1e6),
    minUs: round3(sorted[0] ?? 0),
    medianUs: round3(percentile(sorted, 50)),
    meanUs: round3(n > 0 ? sum / n : 0),
    p90Us: round3(percentile(sorted, 90)),
    p99Us: round3(percentile(sorted, 99)),
    maxUs: round3(sorted[n - 1] ?? 0),
    belowClockTick: zeros,
    histogram: trimmedHistogram(counts),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function pipeCsvRows(r: PipeResult) {
  return r.points.map((p) => ({
    payloadBytes: p.payloadBytes,
    roundTrips: p.roundTrips,
    elapsedMs: p.elapsedMs,
    roundTripsPerSec: p.roundTripsPerSec,
    msgsPerSec: p.msgsPerSec,
    mbPerSec: p.mbPerSec,
    minUs: p.minUs,
    medianUs: p.medianUs,
    meanUs: p.meanUs,
    p90Us: p.p90Us,
    p99Us: p.p99Us,
    maxUs: p.maxUs,
    duplex: r.duplex,
  }));
}
