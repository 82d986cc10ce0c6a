/**
 * Axis values the charts share: a time domain that never collapses, the tick values of a log
 * axis, and how tick values read. Pure functions, no DOM.
 */

/**
 * [start, end] of a time axis, at least `minSpan` long: a run that has not started yet (or
 * ended the moment it started) still gets an axis to draw on instead of a zero-width scale.
 */
export function timeDomain(start: number, end: number, minSpan = 1): [number, number] {
  return [start, Math.max(end, start + minSpan)];
}

/**
 * The powers of ten within [lo, hi], for a log axis: labelling 1, 2, 3…9 in every decade
 * crowds the axis, and values that span orders of magnitude read by their decade anyway.
 */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  if (!(lo > 0) || !(hi >= lo)) return out;
  for (let d = Math.floor(Math.log10(lo)); d <= Math.ceil(Math.log10(hi)); d++) {
    const v = 10 ** d;
    if (v >= lo && v <= hi) out.push(v);
  }
  return out;
}

/** A time tick in seconds, to two decimals at most: 0, 0.25 s, 1.5 s. */
export function formatSecondsTick(ms: number): string {
  return `${+(ms / 1000).toFixed(2)} s`;
}

/** A time tick in milliseconds below a second, in seconds from there: 500 ms, 1.5 s. */
export function formatElapsedTick(ms: number): string {
  return ms >= 1000 ? formatSecondsTick(ms) : `${ms} ms`;
}

/** A count or rate in few characters, for tick labels and summaries: 950, 12.5k, 2.4M. */
export function formatShortNumber(n: number): string {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(+n.toFixed(2));
}
