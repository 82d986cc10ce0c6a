/**
 * The live picture of a run, accumulated from one sample per animation frame: lanes of process
 * states over time, the counter's climb per repeat, the lock's holder and queue, acquisitions per
 * process and the waits seen so far. Pure and immutable-ish (each advance returns a new object)
 * so React re-renders exactly when a frame arrives.
 */
import type { ClimbPoint, ClimbSeries } from '../../charts/counter-climb';
import type { LaneSegment, LaneState } from '../../charts/process-lanes';

/** What one frame saw. Times are ms since the run started. */
export interface LiveSample {
  t: number;
  /** 1-based repeat this sample belongs to. */
  repeat: number;
  /** Per process (index within the repeat). */
  states: LaneState[];
  /** Increments performed so far in this repeat, all processes together. */
  done: number;
  counter: number;
  acquisitions: number[];
  /** Increments performed so far, per process. */
  progress: number[];
  /** Process indices; null when the lock is free or there is no lock. */
  holder: number | null;
  /** Process indices waiting for the lock, first in line first. */
  waiters: number[];
  /** Waits (µs) that ended since the previous sample. */
  newWaitsUs: number[];
}

export interface LivePicture {
  now: number;
  lanes: LaneSegment[][];
  climb: ClimbSeries[];
  holder: number | null;
  waiters: number[];
  acquisitions: number[];
  progress: number[];
  waitsUs: number[];
}

/** Bounds that keep a long run's picture cheap to draw. */
const MAX_SEGMENTS_PER_LANE = 4000;
const MAX_POINTS_PER_SERIES = 400;
const MAX_SERIES = 25;
/**
 * The most recent waits kept for the live histogram: its shape is plain from a few thousand, and
 * every render bins them all (20,000 cost the main thread milliseconds each time, traced).
 */
const MAX_WAITS = 4_000;

export function emptyPicture(processes: number): LivePicture {
  return {
    now: 0,
    lanes: Array.from({ length: processes }, () => []),
    climb: [],
    holder: null,
    waiters: [],
    acquisitions: Array.from({ length: processes }, () => 0),
    progress: Array.from({ length: processes }, () => 0),
    waitsUs: [],
  };
}

function extendLane(lane: LaneSegment[], state: LaneState, from: number, to: number): LaneSegment[] {
  const last = lane.at(-1);
  if (last && last.state === state) return [...lane.slice(0, -1), { ...last, to }];
  const next = [...lane, { from: last ? last.to : from, to, state }];
  return next.length > MAX_SEGMENTS_PER_LANE ? next.slice(next.length - MAX_SEGMENTS_PER_LANE) : next;
}

/** Halves a series that grew too long, keeping the first and last points. */
function thin(points: ClimbPoint[]): ClimbPoint[] {
  if (points.length <= MAX_POINTS_PER_SERIES) return points;
  return points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

export function advance(picture: LivePicture, sample: LiveSample): LivePicture {
  const lanes = picture.lanes.map((lane, i) =>
    extendLane(lane, sample.states[i] ?? 'starting', picture.now, sample.t),
  );
  let climb = picture.climb;
  const current = climb.at(-1);
  const point = { done: sample.done, counter: sample.counter };
  if (!current || current.id !== sample.repeat) {
    climb = [...climb, { id: sample.repeat, points: [point], complete: false }].slice(-MAX_SERIES);
  } else if (!current.complete) {
    const last = current.points.at(-1);
    if (!last || last.done !== point.done || last.counter !== point.counter) {
      climb = [...climb.slice(0, -1), { ...current, points: thin([...current.points, point]) }];
    }
  }
  const waitsUs =
    sample.newWaitsUs.length === 0
      ? picture.waitsUs
      : [...picture.waitsUs, ...sample.newWaitsUs].slice(-MAX_WAITS);
  return {
    now: sample.t,
    lanes,
    climb,
    holder: sample.holder,
    waiters: sample.waiters,
    acquisitions: sample.acquisitions,
    progress: sample.progress,
    waitsUs,
  };
}

/** A repeat ended: its line ends exactly at the measured final value. */
export function completeRepeat(
  picture: LivePicture,
  repeat: number,
  expected: number,
  final: number,
  t: number,
): LivePicture {
  const finalPoint = { done: expected, counter: final };
  const others = picture.climb.filter((s) => s.id !== repeat);
  const existing = picture.climb.find((s) => s.id === repeat);
  const points = existing ? [...existing.points.filter((p) => p.done < expected), finalPoint] : [finalPoint];
  const lanes = picture.lanes.map((lane) => extendLane(lane, 'done', picture.now, Math.max(t, picture.now)));
  return {
    ...picture,
    now: Math.max(t, picture.now),
    lanes,
    climb: [...others, { id: repeat, points, complete: true }].sort((a, b) => a.id - b.id).slice(-MAX_SERIES),
    holder: null,
    waiters: [],
  };
}
