/**
 * The queue scene's live series, cut down to what its charts can show: the React state is
 * refreshed a few times a second during a run, and each refresh redraws the charts, so they get
 * at most a few hundred points and segments however long the run is. Pure functions.
 */
import type { StateSegment } from '../../charts/state-lanes';

/** Points per live line chart. */
const MAX_POINTS = 600;
/** Time slots per lane in the live lanes chart: finer than its pixels would not show. */
const LANE_SLOTS = 400;

export function thin<T>(points: readonly T[]): T[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = points.length / MAX_POINTS;
  const out: T[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points.at(-1)!);
  return out;
}

/**
 * A lane cut into `slots` equal time slots, each given the state that filled most of it, and
 * runs of equal slots joined: at most `slots` segments however many state changes the run had.
 */
export function compactLane(lane: readonly StateSegment[], slots = LANE_SLOTS): StateSegment[] {
  if (lane.length <= slots) return lane.map((segment) => ({ ...segment }));
  const from = lane[0]!.from;
  const width = (lane.at(-1)!.to - from) / slots;
  const out: StateSegment[] = [];
  let k = 0;
  for (let slot = 0; slot < slots; slot++) {
    const start = from + slot * width;
    const end = slot === slots - 1 ? lane.at(-1)!.to : start + width;
    const time = new Map<string, number>();
    while (k < lane.length && lane[k]!.to <= start) k++;
    for (let j = k; j < lane.length && lane[j]!.from < end; j++) {
      const segment = lane[j]!;
      const overlap = Math.min(end, segment.to) - Math.max(start, segment.from);
      if (overlap > 0) time.set(segment.state, (time.get(segment.state) ?? 0) + overlap);
    }
    let state = out.at(-1)?.state ?? lane[k]?.state ?? lane[0]!.state;
    let longest = -1;
    for (const [candidate, ms] of time) {
      if (ms > longest) [state, longest] = [candidate, ms];
    }
    const last = out.at(-1);
    if (last && last.state === state) last.to = end;
    else out.push({ from: start, to: end, state });
  }
  return out;
}

export function ratesFrom(consumed: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1, from = 0; i < consumed.length; i++) {
    const [t, total] = consumed[i]!;
    const [t0, total0] = consumed[from]!;
    if (t - t0 >= 100) {
      out.push([t, Math.round(((total - total0) * 1000) / (t - t0))]);
      from = i;
    }
  }
  return out;
}
