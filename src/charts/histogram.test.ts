import { describe, expect, it } from 'vitest';
import { histogramBins } from './histogram';

describe('histogramBins', () => {
  it('puts every value in exactly one bin', () => {
    const values = [1, 2, 2, 3, 10, 11, 50];
    const bins = histogramBins(values);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    expect(bins[0]!.x0).toBeLessThanOrEqual(1);
    expect(bins.at(-1)!.x1).toBeGreaterThanOrEqual(50);
  });

  it('draws equal values (every run lost 0) as one bin around the value', () => {
    expect(histogramBins([0, 0, 0])).toEqual([{ x0: -0.5, x1: 0.5, count: 3 }]);
  });

  it('bins on log10 for waits spanning microseconds to milliseconds', () => {
    const bins = histogramBins([1, 10, 100, 1000, 10_000], { log: true });
    expect(bins[0]!.x0).toBeCloseTo(0);
    expect(bins.at(-1)!.x1).toBeCloseTo(4);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(5);
  });

  it('bins a very long series (round trips, waits) without spreading it into a call', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => (i % 1000) + 1);
    const bins = histogramBins(values, { log: true });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(300_000);
    expect(bins[0]!.x0).toBeCloseTo(0);
    expect(bins.at(-1)!.x1).toBeCloseTo(3);
  });

  it('is empty without values', () => {
    expect(histogramBins([])).toEqual([]);
  });
});
