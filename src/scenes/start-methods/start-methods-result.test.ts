import { describe, expect, it } from 'vitest';
import { formatLatency, latencyStats } from './start-methods-result';

describe('latency statistics', () => {
  it('median, min, max and nearest-rank p90', () => {
    const s = latencyStats([5, 1, 4, 2, 3, 10, 6, 7, 8, 9]);
    expect(s).toEqual({ median: 5.5, min: 1, max: 10, p90: 9 });
  });
  it('formats sub-millisecond and second figures readably', () => {
    expect(formatLatency(0.0623)).toBe('0.062 ms');
    expect(formatLatency(23.44)).toBe('23.4 ms');
    expect(formatLatency(1234)).toBe('1.23 s');
  });
});
