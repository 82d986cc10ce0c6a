import { describe, expect, it } from 'vitest';
import {
  amdahlSpeedup,
  efficiency,
  fitAmdahlSerialFraction,
  median,
  speedup,
  summarize,
} from './speedup-math';

describe('median and summaries', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ignores one wild repeat', () => {
    expect(summarize([10, 11, 400])).toEqual({ medianMs: 11, minMs: 10, maxMs: 400 });
  });
  it('refuses an empty list instead of returning NaN', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('speedup and efficiency', () => {
  it('is serial time over parallel time', () => {
    expect(speedup(100, 52)).toBeCloseTo(1.923, 3);
    expect(efficiency(1.9, 2)).toBeCloseTo(0.95, 5);
  });
  it('never divides by zero', () => {
    expect(speedup(100, 0)).toBe(0);
    expect(efficiency(2, 0)).toBe(0);
  });
});

describe('Amdahl fit', () => {
  it('recovers a known serial fraction from exact points', () => {
    const points = [1, 2, 4, 8, 16].map((n) => ({ poolSize: n, speedup: amdahlSpeedup(0.12, n) }));
    expect(fitAmdahlSerialFraction(points)).toBeCloseTo(0.12, 10);
  });

  it('recovers it within noise from jittered points', () => {
    const jitter = [1.02, 0.97, 1.01, 0.99, 1.03];
    const points = [1, 2, 3, 4, 6].map((n, i) => ({
      poolSize: n,
      speedup: amdahlSpeedup(0.25, n) * jitter[i]!,
    }));
    const f = fitAmdahlSerialFraction(points)!;
    expect(f).toBeGreaterThan(0.2);
    expect(f).toBeLessThan(0.3);
  });

  it('caps the processors at the core count, so a pool bigger than the machine is not read as serial work', () => {
    // Two cores, 5% serial: pools of 4 and 8 run no faster than a pool of 2.
    const s2 = amdahlSpeedup(0.05, 2);
    const points = [
      { poolSize: 1, speedup: 1 },
      { poolSize: 2, speedup: s2 },
      { poolSize: 4, speedup: s2 },
      { poolSize: 8, speedup: s2 },
    ];
    expect(fitAmdahlSerialFraction(points, 2)).toBeCloseTo(0.05, 10);
    expect(fitAmdahlSerialFraction(points)).toBeGreaterThan(0.3);
  });

  it('gives 0 for perfect scaling and clamps slower-than-serial pools to 1', () => {
    expect(fitAmdahlSerialFraction([{ poolSize: 4, speedup: 4 }])).toBe(0);
    expect(fitAmdahlSerialFraction([{ poolSize: 2, speedup: 0.4 }])).toBe(1);
  });

  it('has nothing to say without a pool of more than one worker', () => {
    expect(fitAmdahlSerialFraction([{ poolSize: 1, speedup: 0.98 }])).toBeNull();
    expect(fitAmdahlSerialFraction([])).toBeNull();
  });
});
