/**
 * One horizontal lane per process over time, coloured by what it was doing (working, blocked on
 * a full queue, waiting on an empty one, done…). The caller names the states and how each is
 * drawn, so one renderer serves queues, pipes and pipelines. A canvas, redrawn as samples come
 * in; React owns only the <canvas> and the legend.
 */
import { scaleLinear } from 'd3';
import { useEffect, useRef, useState } from 'react';

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

const LABEL_WIDTH = 92;
const AXIS_HEIGHT = 24;

function hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return color;
  t.fillStyle = `${color}44`;
  t.fillRect(0, 0, 8, 8);
  t.strokeStyle = color;
  t.lineWidth = 2;
  t.beginPath();
  t.moveTo(-2, 10);
  t.lineTo(10, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? color;
}

function draw(
  canvas: HTMLCanvasElement,
  width: number,
  lanes: readonly StateLane[],
  states: readonly LaneStateStyle[],
  domain: readonly [number, number],
) {
  const laneHeight = Math.max(12, Math.min(26, 300 / Math.max(1, lanes.length)));
  const height = lanes.length * laneHeight + AXIS_HEIGHT;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const ink = getComputedStyle(canvas).color;
  const x = scaleLinear()
    .domain([domain[0], Math.max(domain[1], domain[0] + 1)])
    .range([LABEL_WIDTH, width - 8])
    .clamp(true);
  const byKey = new Map(states.map((s) => [s.key, s]));
  const hatches = new Map<string, CanvasPattern | string>();
  ctx.font = `${Math.min(14, laneHeight * 0.62)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textBaseline = 'middle';

  lanes.forEach((lane, i) => {
    const top = i * laneHeight;
    const mid = top + laneHeight / 2;
    ctx.fillStyle = ink;
    ctx.globalAlpha = 0.07;
    ctx.fillRect(LABEL_WIDTH, top + 2, width - LABEL_WIDTH - 8, laneHeight - 4);
    ctx.globalAlpha = 1;
    ctx.fillStyle = lane.color;
    ctx.fillRect(4, mid - 5, 10, 10);
    ctx.fillStyle = ink;
    ctx.fillText(lane.label, 18, mid);
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
        if (!pattern) hatches.set(color, (pattern = hatchPattern(ctx, color)));
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

  const axisTop = lanes.length * laneHeight;
  ctx.fillStyle = ink;
  ctx.globalAlpha = 0.8;
  ctx.font = '13px ui-sans-serif, system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const t of x.ticks(6)) {
    ctx.fillRect(x(t), axisTop, 1, 5);
    ctx.fillText(`${+(t / 1000).toFixed(2)} s`, x(t), axisTop + 15);
  }
  ctx.textAlign = 'start';
  ctx.globalAlpha = 1;
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
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (canvasRef.current && width > 0) draw(canvasRef.current, width, lanes, states, domain);
  }, [lanes, states, domain, width]);

  const labelOf = new Map(states.map((s) => [s.key, s.label]));
  const summary = lanes
    .map((lane) => {
      const lastState = lane.segments.at(-1)?.state;
      return `${lane.label}: ${lastState ? (labelOf.get(lastState) ?? lastState) : 'not started'}`;
    })
    .join('; ');

  return (
    <figure className="m-0" data-testid={testId}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${title}. ${summary}`}
        className="block w-full text-slate-700 dark:text-slate-200"
      />
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
