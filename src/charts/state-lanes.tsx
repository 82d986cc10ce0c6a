/**
 * One horizontal lane per process over time, coloured by what it was doing (working, blocked on
 * a full queue, waiting on an empty one, done…). The caller names the states and how each is
 * drawn, so one renderer serves queues, pipes and pipelines. A canvas, redrawn as samples come
 * in; React owns only the <canvas> and the legend.
 */
import { useCallback } from 'react';
import { formatSecondsTick } from './axes';
import { ChartCanvas } from './chart-figure';
import { beginCanvasFrame, usePaintedCanvas, type CanvasSurface } from './canvas-surface';
import { drawLaneLabel, drawLaneTrack, drawTimeAxis, hatchFill } from './lane-canvas';
import { fitLaneHeight, laneGeometry, laneTimeScale } from './lane-layout';

export interface LaneStateStyle {
  key: string;
  label: string;
  /** A colour, or 'process' for the lane's own colour. */
  color: string;
  /** solid bar, hatched bar (blocked), thin line (starting / idle), or nothing (done). */
  draw: 'solid' | 'hatch' | 'thin' | 'none';
}

export interface StateSegment {
  from: number;
  to: number;
  state: string;
}

export interface StateLane {
  label: string;
  color: string;
  segments: readonly StateSegment[];
}

function draw(
  canvas: HTMLCanvasElement,
  surface: CanvasSurface,
  lanes: readonly StateLane[],
  states: readonly LaneStateStyle[],
  domain: readonly [number, number],
) {
  const { ink, fontFamily } = surface;
  const geometry = laneGeometry({
    lanes: lanes.length,
    width: surface.cssWidth,
    laneHeight: fitLaneHeight(lanes.length, { min: 12, max: 26, budget: 300 }),
    labelWidth: 92,
    rightGap: 8,
    axisHeight: 24,
  });
  const { laneHeight } = geometry;
  const ctx = beginCanvasFrame(canvas, surface.cssWidth, geometry.height);
  if (!ctx) return;
  const x = laneTimeScale(geometry, domain[0], domain[1]);
  const byKey = new Map(states.map((s) => [s.key, s]));
  // Looked up per colour once a frame, not per segment: a lane can have thousands of segments.
  const hatches = new Map<string, CanvasPattern | string>();
  ctx.font = `${Math.min(14, laneHeight * 0.62)}px ${fontFamily}`;
  ctx.textBaseline = 'middle';

  lanes.forEach((lane, i) => {
    const top = i * laneHeight;
    const mid = top + laneHeight / 2;
    drawLaneTrack(ctx, geometry, top, ink, 0.07);
    drawLaneLabel(ctx, lane, mid, ink);
    for (const seg of lane.segments) {
      const style = byKey.get(seg.state);
      if (!style || style.draw === 'none') continue;
      const color = style.color === 'process' ? lane.color : style.color;
      const x0 = x(seg.from);
      const w = Math.max(1, x(seg.to) - x0);
      if (style.draw === 'solid') {
        ctx.fillStyle = color;
        ctx.fillRect(x0, top + 3, w, laneHeight - 6);
      } else if (style.draw === 'hatch') {
        let pattern = hatches.get(color);
        if (!pattern) hatches.set(color, (pattern = hatchFill(ctx, color, `${color}44`)));
        ctx.fillStyle = pattern;
        ctx.fillRect(x0, top + 3, w, laneHeight - 6);
      } else {
        ctx.fillStyle = color;
        ctx.globalAlpha = 0.5;
        ctx.fillRect(x0, mid - 1, w, 2);
        ctx.globalAlpha = 1;
      }
    }
  });

  drawTimeAxis(ctx, x, geometry.axisTop, ink, fontFamily, formatSecondsTick);
}

export function StateLanes({
  lanes,
  states,
  domain,
  title,
  testId,
}: {
  lanes: readonly StateLane[];
  states: readonly LaneStateStyle[];
  /** [start, end] of the time axis, in ms. */
  domain: readonly [number, number];
  title: string;
  testId?: string;
}) {
  const canvasRef = usePaintedCanvas(
    useCallback((canvas, surface) => draw(canvas, surface, lanes, states, domain), [lanes, states, domain]),
  );

  const labelOf = new Map(states.map((s) => [s.key, s.label]));
  const summary = lanes
    .map((lane) => {
      const lastState = lane.segments.at(-1)?.state;
      return `${lane.label}: ${lastState ? (labelOf.get(lastState) ?? lastState) : 'not started'}`;
    })
    .join('; ');

  return (
    <figure className="m-0" data-testid={testId}>
      <ChartCanvas canvasRef={canvasRef} label={`${title}. ${summary}`} />
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
                      ? { background: `linear-gradient(${s.color}, ${s.color}) center / 100% 2px no-repeat` }
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
