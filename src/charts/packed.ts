/**
 * Chart data packed into typed arrays for the messages to a painter worker.
 *
 * Why: posting a message structured-clones it on the page's main thread, one small object at a
 * time. The queue's lanes are up to 3,200 segment objects and its two charts up to 1,200 point
 * pairs, posted a few times a second while every core is busy with workers: a few milliseconds of
 * the main thread each time, in one stretch. A Float64Array is cloned as one block of memory.
 * The painter unpacks them in its worker.
 */
import type { StateSegment } from './state-lanes-painter';

/** [t0, v0, t1, v1, …] */
export type PackedPoints = Float64Array;

export function packPoints(points: readonly (readonly [number, number])[]): PackedPoints {
  const packed = new Float64Array(points.length * 2);
  points.forEach(([t, v], i) => {
    packed[2 * i] = t;
    packed[2 * i + 1] = v;
  });
  return packed;
}

export function unpackPoints(packed: PackedPoints): [number, number][] {
  const points: [number, number][] = new Array(packed.length / 2);
  for (let i = 0; i < points.length; i++) points[i] = [packed[2 * i]!, packed[2 * i + 1]!];
  return points;
}

/** Segments as [from0, to0, from1, to1, …] and each one's state as an index into `states`. */
export interface PackedSegments {
  bounds: Float64Array;
  state: Uint16Array;
  states: string[];
}

export function packSegments(segments: readonly StateSegment[]): PackedSegments {
  const bounds = new Float64Array(segments.length * 2);
  const state = new Uint16Array(segments.length);
  const states: string[] = [];
  const index = new Map<string, number>();
  segments.forEach((segment, i) => {
    bounds[2 * i] = segment.from;
    bounds[2 * i + 1] = segment.to;
    let k = index.get(segment.state);
    if (k === undefined) index.set(segment.state, (k = states.push(segment.state) - 1));
    state[i] = k;
  });
  return { bounds, state, states };
}

export function unpackSegments(packed: PackedSegments): StateSegment[] {
  const segments: StateSegment[] = new Array(packed.state.length);
  for (let i = 0; i < segments.length; i++)
    segments[i] = {
      from: packed.bounds[2 * i]!,
      to: packed.bounds[2 * i + 1]!,
      state: packed.states[packed.state[i]!]!,
    };
  return segments;
}
