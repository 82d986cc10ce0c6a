/**
 * How each workload becomes pool tasks: the range [0, size) is cut into contiguous ranges and
 * every range becomes one call of a runtime CPU kernel (or wait) task.
 */
import { IO_ITEMS_PER_MS, type Workload } from './pool-params';

export type Range = readonly [start: number, end: number];

/** Cut [0, size) into `parts` contiguous ranges whose lengths differ by at most one. */
export function splitRange(size: number, parts: number): Range[] {
  const count = Math.max(1, Math.min(parts, size));
  const step = Math.floor(size / count);
  const extra = size % count;
  const out: Range[] = [];
  let start = 0;
  for (let k = 0; k < count; k++) {
    const end = start + step + (k < extra ? 1 : 0);
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Simulated I/O waits in whole milliseconds per range; at least 1 ms so every task really waits. */
export function ioWaitMs([start, end]: Range): number {
  return Math.max(1, Math.round((end - start) / IO_ITEMS_PER_MS));
}

/**
 * Whether a pool's combined answer matches the serial one. The kernels are exact (Σ i² is an
 * exact integer, as in Python), so those must be equal; Monte Carlo ranges draw from their own
 * generators, so only the estimate of π has to agree.
 */
export function answersAgree(workload: Workload, serial: string, pooled: string, size: number): boolean {
  if (workload === 'monte-carlo-pi') return Math.abs(Number(serial) - Number(pooled)) / size < 0.01;
  return serial === pooled;
}
