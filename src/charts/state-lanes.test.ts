import { describe, expect, it } from 'vitest';
import { extendLanes, type StateSegment } from './state-lanes';

describe('extendLanes', () => {
  it('extends a segment while the state holds and opens a new one when it changes', () => {
    const lanes: StateSegment[][] = [];
    extendLanes(lanes, ['working', 'waiting'], 0);
    extendLanes(lanes, ['working', 'waiting'], 10);
    extendLanes(lanes, ['blocked', 'waiting'], 20);
    expect(lanes[0]).toEqual([
      { from: 0, to: 20, state: 'working' },
      { from: 20, to: 20, state: 'blocked' },
    ]);
    expect(lanes[1]).toEqual([{ from: 0, to: 20, state: 'waiting' }]);
  });

  it('coarsens a long lane but keeps its extent', () => {
    const lanes: StateSegment[][] = [];
    for (let t = 0; t <= 100; t++) extendLanes(lanes, [t % 2 === 0 ? 'a' : 'b'], t, 20);
    const lane = lanes[0]!;
    expect(lane.length).toBeLessThanOrEqual(20);
    expect(lane[0]!.from).toBe(0);
    expect(lane.at(-1)!.to).toBe(100);
    for (let k = 1; k < lane.length; k++) expect(lane[k]!.from).toBe(lane[k - 1]!.to);
  });
});
