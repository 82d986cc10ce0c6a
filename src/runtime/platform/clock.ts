/**
 * One clock for every thread: `performance.timeOrigin + performance.now()` is the Unix epoch in
 * milliseconds with sub-millisecond resolution, and (unlike bare `performance.now()`, whose
 * origin is each thread's own start) timestamps from different workers can be compared.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
