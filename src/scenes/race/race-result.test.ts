import { describe, expect, it } from 'vitest';
import { makeRun, median, raceCsvRows, summarize } from './race-result';

const settings = { processes: 2, increments: 1_000, sync: 'none' as const, batch: 1, repeats: 3 };
const extra = { cores: 2, code: { python: 'py', go: 'go' }, startedAt: '2026-01-01T00:00:00.000Z' };

describe('race results', () => {
  it('derives lost updates, their share and the rate from what was measured', () => {
    expect(makeRun(1, 2_000, 1_500, 4, [0, 0], [0, 0])).toEqual({
      repeat: 1,
      final: 1_500,
      lostUpdates: 500,
      lostPercent: 25,
      ms: 4,
      incrementsPerSec: 500_000,
      acquisitions: [0, 0],
      waitMs: [0, 0],
    });
  });

  it('takes the median over repeats (the middle one, or the mean of the two middle ones)', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
    const runs = [
      makeRun(1, 2_000, 1_900, 2, [], []),
      makeRun(2, 2_000, 1_000, 2, [], []),
      makeRun(3, 2_000, 2_000, 4, [], []),
    ];
    const result = summarize(settings, runs, extra);
    expect(result).toMatchObject({
      scene: 'race',
      expected: 2_000,
      lostUpdates: 100,
      lostPercent: 5,
      exact: false,
      medianMs: 2,
    });
    expect(result.incrementsPerSec).toBe(1_000_000);
  });

  it('is exact only when every repeat ended at the expected value', () => {
    const runs = [makeRun(1, 2_000, 2_000, 1, [], []), makeRun(2, 2_000, 2_000, 1, [], [])];
    expect(summarize(settings, runs, extra).exact).toBe(true);
  });

  it('writes one CSV row per repeat with the settings alongside', () => {
    const runs = [makeRun(1, 2_000, 1_999, 1, [3, 4], [0.5, 0.25])];
    const [row] = raceCsvRows(summarize(settings, runs, extra));
    expect(row).toMatchObject({
      repeat: 1,
      processes: 2,
      sync: 'none',
      expected: 2_000,
      final: 1_999,
      lostUpdates: 1,
      acquisitions: '3 4',
    });
  });
});
