import { describe, expect, it } from 'vitest';
import { answersAgree, ioWaitMs, splitRange } from './workloads';

describe('splitRange', () => {
  it('covers [0, size) exactly with contiguous ranges differing by at most one', () => {
    const ranges = splitRange(10, 3);
    expect(ranges).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
  });
  it('never makes empty ranges when there are more parts than items', () => {
    expect(splitRange(2, 5)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('answers and waits', () => {
  it('wants exact sums, but only a close estimate of π from differently seeded ranges', () => {
    expect(answersAgree('sum-squares', '41666654166667500000', '41666654166667500000', 5_000_000)).toBe(true);
    expect(answersAgree('sum-squares', '41666654166667500000', '41666654166667500001', 5_000_000)).toBe(
      false,
    );
    expect(answersAgree('monte-carlo-pi', '785400', '785100', 1_000_000)).toBe(true);
    expect(answersAgree('monte-carlo-pi', '785400', '700000', 1_000_000)).toBe(false);
  });
  it('waits 1 ms per 100,000 items, and at least 1 ms', () => {
    expect(ioWaitMs([0, 500_000])).toBe(5);
    expect(ioWaitMs([0, 10])).toBe(1);
  });
});
