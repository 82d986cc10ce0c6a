/**
 * One horizontal lane per process over time, coloured by what it was doing (working, blocked on
 * a full queue, waiting on an empty one, done…). The caller names the states and how each is
 * drawn, so one renderer serves queues, pipes and pipelines. The canvas is drawn by a painter
 * worker (state-lanes-painter.ts): the lanes grow while every core is busy with workers, and the
 * page's main thread only posts them. React owns the <canvas>, its text alternative and the legend.
 */
import { useEffect, useRef } from 'react';
import { ChartCanvas } from './chart-figure';
import { createPainterHost, usePainterHost, usePainterSurface } from './painter-host';
import {
  DEFAULT_LANES_LOOK,
  lanesMessage,
  stateLanesHeight,
  StateLanesPainter,
  type LanesLook,
  type LaneStateStyle,
  type StateLane,
  type StateLanesMessage,
  type StateSegment,
} from './state-lanes-painter';

export type { LanesLook, LaneStateStyle, StateLane, StateSegment } from './state-lanes-painter';

export function StateLanes({
  lanes,
  states,
  domain,
  title,
  testId,
  look = DEFAULT_LANES_LOOK,
  legend = true,
  description,
}: {
  lanes: readonly StateLane[];
  states: readonly LaneStateStyle[];
  /** [start, end] of the time axis, in ms. */
  domain: readonly [number, number];
  title: string;
  testId?: string;
  look?: LanesLook;
  /** The legend of states under the lanes (off where the scene draws its own). */
  legend?: boolean;
  /** Spoken after the title; by default, each lane's current state. */
  description?: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = usePainterHost(canvasRef, (canvas) =>
    createPainterHost<StateLanesMessage>(canvas, {
      what: 'The process lanes',
      startWorker: () =>
        new Worker(new URL('./state-lanes.worker.ts', import.meta.url), {
          type: 'module',
          name: 'state lanes painter',
        }),
      createPainter: (target, tools) => new StateLanesPainter(target, tools),
    }),
  );
  usePainterSurface(canvasRef, painter);
  useEffect(() => {
    const canvas = canvasRef.current;
    const host = painter();
    if (!canvas || !host) return;
    // The height follows the lane count (none: nothing to show); a worker's canvas has no style to set.
    const height = `${lanes.length > 0 ? stateLanesHeight(lanes.length, look) : 0}px`;
    if (canvas.style.height !== height) canvas.style.height = height;
    host.post(lanesMessage({ lanes, states, domain, look }));
  }, [painter, lanes, states, domain, look]);

  const labelOf = new Map(states.map((s) => [s.key, s.label]));
  const summary = lanes
    .map((lane) => {
      const lastState = lane.segments.at(-1)?.state;
      return `${lane.label}: ${lastState ? (labelOf.get(lastState) ?? lastState) : 'not started'}`;
    })
    .join('; ');

  return (
    <figure className="m-0" data-testid={testId}>
      <ChartCanvas canvasRef={canvasRef} label={`${title}. ${description ?? summary}`} />
      {legend && (
        <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
          {states
            .filter((s) => s.draw !== 'none')
            .map((s) => (
              <span key={s.key} className="inline-flex items-center gap-1.5">
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-5 rounded-sm"
                  style={
                    s.draw === 'hatch'
                      ? {
                          background: `repeating-linear-gradient(45deg, ${s.color} 0 2px, ${s.color}33 2px 5px)`,
                        }
                      : s.draw === 'thin'
                        ? {
                            background: `linear-gradient(${s.color}, ${s.color}) center / 100% 2px no-repeat`,
                          }
                        : {
                            background:
                              s.color === 'process'
                                ? 'linear-gradient(90deg,#38bdf8,#f472b6,#a3e635)'
                                : s.color,
                          }
                  }
                />
                {s.label}
              </span>
            ))}
        </figcaption>
      )}
    </figure>
  );
}

/**
 * Folds one sample (each lane's state now) into growing lanes: a state that did not change
 * extends its segment, a change closes it and opens a new one. Exported for the scenes' samplers.
 */
export function extendLanes(
  segments: StateSegment[][],
  statesNow: readonly string[],
  t: number,
  maxSegments = 4_000,
): void {
  statesNow.forEach((state, i) => {
    const lane = (segments[i] ??= []);
    const last = lane.at(-1);
    if (last && last.state === state) last.to = t;
    else {
      if (last) last.to = t;
      lane.push({ from: t, to: t, state });
      if (lane.length > maxSegments) coarsen(lane);
    }
  });
}

/**
 * Halves a lane's segments for a long run: each pair becomes one segment with the state that
 * lasted longer. Finer detail than a pixel is lost, never the lane's extent.
 */
function coarsen(lane: StateSegment[]): void {
  const out: StateSegment[] = [];
  for (let k = 0; k < lane.length; k += 2) {
    const a = lane[k]!;
    const b = lane[k + 1];
    if (!b) out.push(a);
    else out.push({ from: a.from, to: b.to, state: a.to - a.from >= b.to - b.from ? a.state : b.state });
  }
  lane.splice(0, lane.length, ...out);
}
