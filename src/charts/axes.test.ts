import { describe, expect, it } from 'vitest';
import { formatElapsedTick, formatSecondsTick, formatShortNumber, powersOfTen, timeDomain } from './axes';

describe('timeDomain', () => {
  it('keeps a real span as it is', () => {
    expect(timeDomain(200, 3400)).toEqual([200, 3400]);
  });

  it('gives a run that has not started (or ended at once) an axis of minSpan', () => {
    expect(timeDomain(500, 500)).toEqual([500, 501]);
    expect(timeDomain(0, 0, 1000)).toEqual([0, 1000]);
    expect(timeDomain(0, 250, 1000)).toEqual([0, 1000]);
    expect(timeDomain(0, 4200, 1000)).toEqual([0, 4200]);
  });
});

describe('powersOfTen', () => {
  it('lists the decades inside the domain, ends included', () => {
    expect(powersOfTen(3, 30)).toEqual([10]);
    expect(powersOfTen(1, 1000)).toEqual([1, 10, 100, 1000]);
    expect(powersOfTen(0.008, 125)).toEqual([0.01, 0.1, 1, 10, 100]);
  });

  it('matches the log-axis domains the charts build', () => {
    // Cost bars: the domain starts on a decade below the cheapest value.
    const floor = 10 ** Math.floor(Math.log10(0.8) - 0.3);
    expect(powersOfTen(floor, 95 * 1.2)).toEqual([0.1, 1, 10, 100]);
  });

  it('is empty where no decade falls inside, or the domain is not positive', () => {
    expect(powersOfTen(2, 9)).toEqual([]);
    expect(powersOfTen(0, 100)).toEqual([]);
    expect(powersOfTen(50, 5)).toEqual([]);
  });
});

describe('time tick labels', () => {
  it('reads in seconds with at most two decimals', () => {
    expect(formatSecondsTick(0)).toBe('0 s');
    expect(formatSecondsTick(250)).toBe('0.25 s');
    expect(formatSecondsTick(1500)).toBe('1.5 s');
    expect(formatSecondsTick(12_345)).toBe('12.35 s');
  });

  it('reads in milliseconds below a second, seconds from one second', () => {
    expect(formatElapsedTick(0)).toBe('0 ms');
    expect(formatElapsedTick(999)).toBe('999 ms');
    expect(formatElapsedTick(1000)).toBe('1 s');
    expect(formatElapsedTick(2500)).toBe('2.5 s');
  });
});

describe('formatShortNumber', () => {
  it('shortens thousands and millions, keeps small numbers to two decimals', () => {
    expect(formatShortNumber(950)).toBe('950');
    expect(formatShortNumber(1.234)).toBe('1.23');
    expect(formatShortNumber(12_500)).toBe('12.5k');
    expect(formatShortNumber(40_000)).toBe('40k');
    expect(formatShortNumber(2_400_000)).toBe('2.4M');
    expect(formatShortNumber(-3_000)).toBe('-3k');
  });
});
