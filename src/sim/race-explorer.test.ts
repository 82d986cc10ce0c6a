import { describe, expect, it } from 'vitest';
import {
  countSwitches,
  enumerateSchedules,
  exploreInterleavings,
  findSchedule,
  minimumFinal,
} from './race-explorer';
import { runSchedule } from './race-machine';
import { SIM_SYNCS, type RaceProgram } from './race-program';

const histogram = (p: RaceProgram) =>
  Object.fromEntries(exploreInterleavings(p).finals.map((b) => [b.final, Number(b.schedules)]));

function naiveHistogram(p: RaceProgram): Record<number, number> {
  const out: Record<number, number> = {};
  const it = enumerateSchedules(p, 1_000_000);
  for (let r = it.next(); !r.done; r = it.next()) out[r.value.final] = (out[r.value.final] ?? 0) + 1;
  return out;
}

describe('exploreInterleavings: counts computed by hand', () => {
  it('2 processes × 1 increment: C(6,3) = 20 schedules, only the 2 unbroken ones end at 2', () => {
    const r = exploreInterleavings({ processes: 2, increments: 1, sync: 'none' as const });
    expect(r.complete).toBe(true);
    expect(r.totalSchedules).toBe(20n);
    expect(histogram(r.program)).toEqual({ 1: 18, 2: 2 });
    expect(r.losingSchedules).toBe(18n);
  });

  it('2 × 2: C(12,6) = 924 schedules; exact only when the 4 increments do not overlap (C(4,2) = 6)', () => {
    const r = exploreInterleavings({ processes: 2, increments: 2, sync: 'none' as const });
    expect(r.totalSchedules).toBe(924n);
    expect(r.finals.find((b) => b.final === 4)?.schedules).toBe(6n);
    expect(r.finals[0]!.final).toBe(2);
  });

  it('3 × 1: 9!/(3!)^3 = 1680 schedules, exact only in the 3! = 6 serial orders', () => {
    const r = exploreInterleavings({ processes: 3, increments: 1, sync: 'none' as const });
    expect(r.totalSchedules).toBe(1680n);
    expect(r.finals.find((b) => b.final === 3)?.schedules).toBe(6n);
    expect(r.finals.map((b) => b.final)).toEqual([1, 2, 3]);
  });

  it('with the lock every schedule is a serial order of whole increments, and all are exact', () => {
    // Blocks of (acquire … release) cannot interleave: 2×1 → 2, 2×2 → C(4,2) = 6, 3×2 → 6!/(2!)^3 = 90.
    expect(histogram({ processes: 2, increments: 1, sync: 'lock' as const })).toEqual({ 2: 2 });
    expect(histogram({ processes: 2, increments: 2, sync: 'lock' as const })).toEqual({ 4: 6 });
    expect(histogram({ processes: 3, increments: 2, sync: 'lock' as const })).toEqual({ 6: 90 });
  });

  it('an atomic add is one step, so schedules are just orders of whole increments, all exact', () => {
    expect(histogram({ processes: 2, increments: 1, sync: 'atomic' as const })).toEqual({ 2: 2 });
    expect(histogram({ processes: 3, increments: 3, sync: 'atomic' as const })).toEqual({ 9: 1680 });
  });

  it('Value(lock=True) still loses updates: its lock is released between the read and the write', () => {
    const r = exploreInterleavings({ processes: 2, increments: 2, sync: 'value-lock' as const });
    expect(r.finals.map((b) => b.final)).toEqual([2, 3, 4]);
    expect(r.losingSchedules).toBeGreaterThan(0n);
    expect(histogram(r.program)).toEqual(naiveHistogram(r.program));
  });

  it('one process has exactly one schedule', () => {
    expect(histogram({ processes: 1, increments: 3, sync: 'none' as const })).toEqual({ 3: 1 });
  });

  it('3 × 3 is feasible by merging states: 27!/(9!)^3 schedules, minimum 2', () => {
    const r = exploreInterleavings({ processes: 3, increments: 3, sync: 'none' as const });
    expect(r.complete).toBe(true);
    expect(r.totalSchedules).toBe(227_873_431_500n);
    expect(r.distinctStates).toBeLessThan(100_000);
    expect(r.finals[0]!.final).toBe(2);
    // Exact iff the 9 increments are serial: 9!/(3!)^3 = 1680 orders of whole increments.
    expect(r.finals.at(-1)).toMatchObject({ final: 9, schedules: 1680n });
  });

  it('agrees with one-by-one enumeration', () => {
    for (const p of [
      { processes: 2, increments: 2, sync: 'none' as const },
      { processes: 3, increments: 1, sync: 'none' as const },
      { processes: 2, increments: 3, sync: 'none' as const },
      { processes: 2, increments: 2, sync: 'lock' as const },
    ]) {
      expect(histogram(p)).toEqual(naiveHistogram(p));
    }
  });

  it('gives an example schedule that really ends at each final value', () => {
    const r = exploreInterleavings({ processes: 3, increments: 2, sync: 'none' as const });
    for (const bucket of r.finals) expect(runSchedule(r.program, bucket.example).counter).toBe(bucket.final);
  });

  it('stops at the state cap and says so', () => {
    const r = exploreInterleavings({ processes: 3, increments: 3, sync: 'none' as const }, { stateCap: 100 });
    expect(r.complete).toBe(false);
    expect(r.distinctStates).toBe(100);
    expect(r.finals).toEqual([]);
  });
});

describe('enumerateSchedules', () => {
  it('stops at the limit and reports truncation', () => {
    const it = enumerateSchedules({ processes: 2, increments: 2, sync: 'none' as const }, 10);
    let n = 0;
    let r = it.next();
    for (; !r.done; r = it.next()) n++;
    expect(n).toBe(10);
    expect(r.value).toEqual({ truncated: true });
  });
});

describe('minimumFinal (the challenge target)', () => {
  it('matches the explorer: 2 for K ≥ 2, 1 for K = 1, P·K with a lock or an atomic add', () => {
    for (const [P, K] of [
      [2, 1],
      [2, 2],
      [2, 3],
      [3, 1],
      [3, 2],
      [3, 3],
    ] as const) {
      for (const sync of SIM_SYNCS) {
        const p = { processes: P, increments: K, sync };
        expect(minimumFinal(p), `${P}×${K} ${sync}`).toBe(exploreInterleavings(p).finals[0]!.final);
      }
    }
    expect(minimumFinal({ processes: 2, increments: 2, sync: 'none' as const })).toBe(2);
    expect(minimumFinal({ processes: 2, increments: 1, sync: 'none' as const })).toBe(1);
  });
});

describe('findSchedule', () => {
  it('2 × 1 → 1 with 2 switches: P1 loads, P2 runs through, P1 stores its stale copy', () => {
    expect(findSchedule({ processes: 2, increments: 1, sync: 'none' as const }, 1)).toEqual({
      schedule: [0, 1, 1, 1, 0, 0],
      switches: 2,
    });
  });

  it('finds a schedule with the fewest switches (checked against all 924)', () => {
    const p = { processes: 2, increments: 2, sync: 'none' as const };
    const found = findSchedule(p, 2)!;
    expect(runSchedule(p, found.schedule).counter).toBe(2);
    let best = Infinity;
    for (const { schedule, final } of enumerateSchedules(p))
      if (final === 2) best = Math.min(best, countSwitches(schedule));
    expect(found.switches).toBe(best);
    expect(countSwitches(found.schedule)).toBe(found.switches);
  });

  it('reaches the minimum of 3 × 3 and returns null for what the lock makes impossible', () => {
    const p = { processes: 3, increments: 3, sync: 'none' as const };
    expect(runSchedule(p, findSchedule(p, 2)!.schedule).counter).toBe(2);
    expect(findSchedule({ processes: 2, increments: 2, sync: 'lock' as const }, 3)).toBeNull();
    expect(findSchedule({ processes: 2, increments: 2, sync: 'none' as const }, 1)).toBeNull();
  });
});
