import { describe, expect, it } from 'vitest';
import { advance, completeRepeat, emptyPicture, type LiveSample } from './live-picture';

const sample = (patch: Partial<LiveSample>): LiveSample => ({
  t: 0,
  repeat: 1,
  states: ['running', 'running'],
  done: 0,
  counter: 0,
  acquisitions: [0, 0],
  progress: [0, 0],
  holder: null,
  waiters: [],
  newWaitsUs: [],
  ...patch,
});

describe('the live picture', () => {
  it('merges frames with the same state into one lane segment and starts a new one on a change', () => {
    let p = emptyPicture(2);
    p = advance(p, sample({ t: 10 }));
    p = advance(p, sample({ t: 20 }));
    p = advance(p, sample({ t: 30, states: ['waiting', 'running'] }));
    expect(p.lanes[0]).toEqual([
      { from: 0, to: 20, state: 'running' },
      { from: 20, to: 30, state: 'waiting' },
    ]);
    expect(p.lanes[1]).toEqual([{ from: 0, to: 30, state: 'running' }]);
  });

  it('draws one climb per repeat and ends it exactly at the final value', () => {
    let p = emptyPicture(2);
    p = advance(p, sample({ t: 10, done: 100, counter: 90 }));
    p = advance(p, sample({ t: 20, done: 100, counter: 90 })); // unchanged: no new point
    p = advance(p, sample({ t: 30, done: 300, counter: 250 }));
    expect(p.climb).toEqual([
      {
        id: 1,
        points: [
          { done: 100, counter: 90 },
          { done: 300, counter: 250 },
        ],
        complete: false,
      },
    ]);
    p = completeRepeat(p, 1, 400, 320, 40);
    expect(p.climb[0]).toEqual({
      id: 1,
      points: [
        { done: 100, counter: 90 },
        { done: 300, counter: 250 },
        { done: 400, counter: 320 },
      ],
      complete: true,
    });
    expect(p.lanes[0]!.at(-1)).toEqual({ from: 30, to: 40, state: 'done' });
    p = advance(p, sample({ t: 50, repeat: 2, done: 10, counter: 10 }));
    expect(p.climb.map((s) => s.id)).toEqual([1, 2]);
  });

  it('keeps the lock holder and queue of the latest frame and accumulates waits', () => {
    let p = emptyPicture(3);
    p = advance(p, sample({ t: 5, holder: 2, waiters: [0, 1], newWaitsUs: [3, 40] }));
    p = advance(p, sample({ t: 6, holder: 0, waiters: [], newWaitsUs: [7] }));
    expect(p.holder).toBe(0);
    expect(p.waiters).toEqual([]);
    expect(p.waitsUs).toEqual([3, 40, 7]);
  });

  it('stays bounded on long runs', () => {
    let p = emptyPicture(1);
    for (let i = 1; i <= 3000; i++)
      p = advance(p, sample({ t: i, done: i, counter: i - 1, states: [i % 2 ? 'running' : 'waiting'] }));
    expect(p.climb[0]!.points.length).toBeLessThanOrEqual(400);
    expect(p.climb[0]!.points.at(-1)).toEqual({ done: 3000, counter: 2999 });
  });
});
