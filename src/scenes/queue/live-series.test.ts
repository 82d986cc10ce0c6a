import { describe, expect, it } from 'vitest';
import type { StateSegment } from '../../charts/state-lanes';
import { compactLane, thin } from './live-series';

/** 0–500 ms: 'working'/'blocked' alternating every ms; 500–700: 'waiting'; 700–1000: alternating again. */
function busyLane(): StateSegment[] {
  const lane: StateSegment[] = [];
  for (let t = 0; t < 1000; t++) {
    if (t >= 500 && t < 700) {
      if (t === 500) lane.push({ from: 500, to: 700, state: 'waiting' });
      continue;
    }
    lane.push({ from: t, to: t + 1, state: t % 2 === 0 ? 'working' : 'blocked' });
  }
  return lane;
}

describe('compactLane', () => {
  it('keeps a short lane as it is (a copy)', () => {
    const lane = [
      { from: 0, to: 5, state: 'a' },
      { from: 5, to: 9, state: 'b' },
    ];
    const out = compactLane(lane, 10);
    expect(out).toEqual(lane);
    expect(out[0]).not.toBe(lane[0]);
  });

  it('cuts a busy lane to at most one segment per slot, covering the same time', () => {
    const out = compactLane(busyLane(), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out[0]!.from).toBe(0);
    expect(out.at(-1)!.to).toBe(1000);
    for (let i = 1; i < out.length; i++) {
      expect(out[i]!.from).toBeCloseTo(out[i - 1]!.to, 9);
      expect(out[i]!.state).not.toBe(out[i - 1]!.state);
    }
  });

  it('gives each slot the state that filled most of it', () => {
    const out = compactLane(busyLane(), 100);
    const stateAt = (t: number) => out.find((s) => s.from <= t && t < s.to)?.state;
    // The long wait survives whole, and its edges fall on slot boundaries (10 ms slots).
    const waiting = out.filter((s) => s.state === 'waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.from).toBeCloseTo(500, 6);
    expect(waiting[0]!.to).toBeCloseTo(700, 6);
    expect(stateAt(600)).toBe('waiting');
    // Alternating 1 ms states split a 10 ms slot evenly: the first one met wins the tie.
    expect(['working', 'blocked']).toContain(stateAt(250));
  });
});

describe('thin', () => {
  it('keeps the first and the last point and at most 600 in all', () => {
    const points = Array.from({ length: 5000 }, (_, i) => [i, i * 2] as [number, number]);
    const out = thin(points);
    expect(out).toHaveLength(600);
    expect(out[0]).toEqual([0, 0]);
    expect(out.at(-1)).toEqual([4999, 9998]);
  });
});
