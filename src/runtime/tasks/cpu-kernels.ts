/**
 * CPU-bound kernels for pools and speedup sweeps. Each works on a half-open range so a pool
 * can split it into chunks; each reports progress in telemetry and honours stop requests.
 *
 *   sumSquares(ctx, start, end) → decimal string   Σ i² for start ≤ i < end, exact
 *   countPrimes(ctx, start, end) → number          primes in [start, end)
 *   monteCarloPi(ctx, samples, seed) → number      hits inside the quarter circle
 *                                                  (deterministic PRNG: same seed, same hits)
 */
import { checkInt } from '../errors';
import type { TaskContext } from './task-context';

const SLICE = 1 << 16;
const TWO_52 = 2 ** 52;
const TWO_26 = 2 ** 26;
const MAX_END = 2 ** 32;

/**
 * Float accumulators stay exact while below 2^53; each spills whole 2^52s into a carry count,
 * and BigInt combines them once at the end (BigInt in the loop would be ~50× slower).
 * Below 2^26, i² < 2^52 and one accumulator suffices; above, i = h·2^16 + l and
 * i² = h²·2^32 + 2hl·2^16 + l², each term summed in its own accumulator.
 */
class ExactSum {
  private lo = 0;
  private carries = 0;
  add(x: number): void {
    let s = this.lo + x;
    if (s >= TWO_52) {
      s -= TWO_52;
      this.carries++;
    }
    this.lo = s;
  }
  total(): bigint {
    return BigInt(this.carries) * BigInt(TWO_52) + BigInt(this.lo);
  }
}

export function sumSquares(ctx: TaskContext, start: number, end: number): string {
  checkInt('start', start, 0, MAX_END);
  checkInt('end', end, start, MAX_END);
  // The hot loop keeps its accumulator in locals: lo < 2^52 before each add and i² < 2^52,
  // so every sum is exact; whole 2^52s move to `carries`.
  let lo = 0;
  let carries = 0;
  const h2 = new ExactSum();
  const hl2 = new ExactSum();
  const l2 = new ExactSum();
  for (let from = start; from < end; from += SLICE) {
    ctx.checkStop();
    const to = Math.min(end, from + SLICE);
    // Each loop has its own counter: one variable shared by both loops kept V8 from optimising
    // the first (about 3× slower in Node 20).
    const split = Math.min(to, Math.max(from, TWO_26));
    for (let i = from; i < split; i++) {
      lo += i * i;
      if (lo >= TWO_52) {
        lo -= TWO_52;
        carries++;
      }
    }
    for (let i = split; i < to; i++) {
      const h = Math.floor(i / 65536);
      const l = i - h * 65536;
      h2.add(h * h);
      hl2.add(2 * h * l);
      l2.add(l * l);
    }
    ctx.telemetry.setProgress(to - start);
  }
  const small = BigInt(carries) * BigInt(TWO_52) + BigInt(lo);
  const total = small + (h2.total() << 32n) + (hl2.total() << 16n) + l2.total();
  return total.toString();
}

export function countPrimes(ctx: TaskContext, start: number, end: number): number {
  checkInt('start', start, 0, 2 ** 31);
  checkInt('end', end, start, 2 ** 31);
  let count = 0;
  for (let from = start; from < end; from += SLICE) {
    ctx.checkStop();
    const to = Math.min(end, from + SLICE);
    for (let n = from; n < to; n++) if (isPrime(n)) count++;
    ctx.telemetry.setProgress(to - start);
  }
  return count;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let d = 5; d * d <= n; d += 6) if (n % d === 0 || n % (d + 2) === 0) return false;
  return true;
}

export function monteCarloPi(ctx: TaskContext, samples: number, seed: number): number {
  checkInt('samples', samples, 0);
  checkInt('seed', seed, 0, 0xffffffff);
  // mulberry32: a tiny deterministic PRNG with good enough equidistribution for this.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let hits = 0;
  for (let done = 0; done < samples; ) {
    ctx.checkStop();
    const k = Math.min(SLICE, samples - done);
    for (let i = 0; i < k; i++) {
      const x = next();
      const y = next();
      if (x * x + y * y <= 1) hits++;
    }
    done += k;
    ctx.telemetry.setProgress(done);
  }
  return hits;
}

export const cpuTasks = { sumSquares, countPrimes, monteCarloPi };
