import { describe, expect, it } from 'vitest';
import { currentContext } from './task-context';
import { countPrimes, monteCarloPi, sumSquares } from './cpu-kernels';
import './registry';

const ctx = currentContext();

function exactSumSquares(start: number, end: number): string {
  // Σ_{i<n} i² = (n-1)n(2n-1)/6
  const s = (n: bigint) => (n <= 0n ? 0n : ((n - 1n) * n * (2n * n - 1n)) / 6n);
  return (s(BigInt(end)) - s(BigInt(start))).toString();
}

describe('cpu kernels', () => {
  it('sumSquares is exact beyond 2^53', () => {
    expect(sumSquares(ctx, 0, 5_000_000)).toBe(exactSumSquares(0, 5_000_000));
    expect(sumSquares(ctx, 0, 10)).toBe('285');
    // Crosses the 2^26 boundary into the split accumulators.
    const a = 2 ** 26 - 1000;
    expect(sumSquares(ctx, a, a + 200_000)).toBe(exactSumSquares(a, a + 200_000));
    expect(sumSquares(ctx, 2 ** 32 - 5000, 2 ** 32)).toBe(exactSumSquares(2 ** 32 - 5000, 2 ** 32));
  });

  it('countPrimes counts primes in [start, end)', () => {
    expect(countPrimes(ctx, 0, 100)).toBe(25);
    expect(countPrimes(ctx, 0, 100_000)).toBe(9592);
    expect(countPrimes(ctx, 50, 100) + countPrimes(ctx, 0, 50)).toBe(25);
  });

  it('monteCarloPi is deterministic per seed and near π', () => {
    const hits = monteCarloPi(ctx, 200_000, 7);
    expect(monteCarloPi(ctx, 200_000, 7)).toBe(hits);
    expect(Math.abs((4 * hits) / 200_000 - Math.PI)).toBeLessThan(0.05);
  });

  it('rejects invalid ranges naming the argument', () => {
    expect(() => sumSquares(ctx, 10, 5)).toThrow(/end must be an integer from 10/);
    expect(() => countPrimes(ctx, -1, 5)).toThrow(/start must be/);
  });
});
