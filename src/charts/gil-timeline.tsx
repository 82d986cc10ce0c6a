/**
 * GIL timeline: one lane per thread or process over time, showing when it ran (for a thread:
 * held the GIL), waited for the GIL, or waited on I/O with the GIL released. Drawn on a canvas
 * because it is redrawn every animation frame with thousands of short segments; React owns the
 * <canvas> element only, the effect owns its pixels. Several timelines given the same `domainMs`
 * line up, so their lengths compare directly.
 */
import { scaleLinear } from 'd3';
import { useEffect, useRef, useState } from 'react';

export type GilTimelineState = 'gate' | 'running' | 'waiting' | 'io' | 'done';

export interface GilTimelineSegment {
  from: number;
  to: number;
  state: GilTimelineState;
}

export interface GilTimelineLane {
  label: string;
  color: string;
  segments: readonly GilTimelineSegment[];
}

export const GIL_WAITING_COLOR = '#f59e0b';
export const GIL_IO_COLOR = '#94a3b8';

export const GIL_STATE_LABELS: Record<GilTimelineState, string> = {
  gate: 'at the start gate',
  running: 'running',
  waiting: 'waiting for the GIL',
  io: 'waiting on I/O (GIL released)',
  done: 'done',
};

const LABEL_WIDTH = 96;
const LANE_HEIGHT = 26;
const AXIS_HEIGHT = 24;

function stripes(ctx: CanvasRenderingContext2D, color: string, background: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return color;
  t.fillStyle = background;
  t.fillRect(0, 0, 8, 8);
  t.strokeStyle = color;
  t.lineWidth = 2.5;
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

function draw(canvas: HTMLCanvasElement, width: number, lanes: readonly GilTimelineLane[], domainMs: number, showAxis: boolean) {
  const height = lanes.length * LANE_HEIGHT + (showAxis ? AXIS_HEIGHT : 4);
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
    .domain([0, Math.max(1, domainMs)])
    .range([LABEL_WIDTH, width - 10])
    .clamp(true);
  const waitingFill = stripes(ctx, GIL_WAITING_COLOR, `${GIL_WAITING_COLOR}44`);
  const ioFill = stripes(ctx, `${GIL_IO_COLOR}cc`, `${GIL_IO_COLOR}22`);
  ctx.textBaseline = 'middle';
  ctx.font = '14px ui-sans-serif, system-ui, sans-serif';

  lanes.forEach((lane, i) => {
    const top = i * LANE_HEIGHT;
    const mid = top + LANE_HEIGHT / 2;
    ctx.fillStyle = ink;
    ctx.globalAlpha = 0.07;
    ctx.fillRect(LABEL_WIDTH, top + 2, width - LABEL_WIDTH - 10, LANE_HEIGHT - 4);
    ctx.globalAlpha = 1;
    ctx.fillStyle = lane.color;
    ctx.fillRect(4, mid - 5, 10, 10);
    ctx.fillStyle = ink;
    ctx.fillText(lane.label, 20, mid);
    for (const seg of lane.segments) {
      const x0 = x(seg.from);
      const w = x(seg.to) - x0;
      if (w <= 0.2 && seg.state !== 'running') continue;
      const wide = Math.max(0.75, w);
      if (seg.state === 'running') {
        ctx.fillStyle = lane.color;
        ctx.fillRect(x0, top + 3, wide, LANE_HEIGHT - 6);
      } else if (seg.state === 'waiting') {
        ctx.fillStyle = waitingFill;
        ctx.fillRect(x0, top + 3, wide, LANE_HEIGHT - 6);
      } else if (seg.state === 'io') {
        ctx.fillStyle = ioFill;
        ctx.fillRect(x0, top + 7, wide, LANE_HEIGHT - 14);
      } else if (seg.state === 'gate') {
        ctx.fillStyle = ink;
        ctx.globalAlpha = 0.3;
        ctx.fillRect(x0, mid - 1, wide, 2);
        ctx.globalAlpha = 1;
      }
    }
  });

  if (!showAxis) return;
  const axisTop = lanes.length * LANE_HEIGHT;
  ctx.fillStyle = ink;
  ctx.globalAlpha = 0.8;
  ctx.font = '13px ui-sans-serif, system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const t of x.ticks(6)) {
    ctx.fillRect(x(t), axisTop, 1, 5);
    ctx.fillText(t >= 1000 ? `${(t / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s` : `${t} ms`, x(t), axisTop + 15);
  }
  ctx.textAlign = 'start';
  ctx.globalAlpha = 1;
}

export function GilTimeline({
  lanes,
  domainMs,
  title,
  description,
  showAxis = true,
  testId,
}: {
  lanes: readonly GilTimelineLane[];
  /** Length of the time axis in ms (from 0). */
  domainMs: number;
  /** The chart's accessible name. */
  title: string;
  /** Spoken after the title, e.g. the current state of each lane. */
  description?: string;
  showAxis?: boolean;
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
    if (canvasRef.current && width > 0) draw(canvasRef.current, width, lanes, domainMs, showAxis);
  }, [lanes, domainMs, width, showAxis]);

  return (
    <figure className="m-0" data-testid={testId}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={description ? `${title}. ${description}` : title}
        className="block w-full text-slate-700 dark:text-slate-200"
      />
    </figure>
  );
}

/** The key under the timelines. */
export function GilTimelineLegend() {
  const item = 'inline-flex items-center gap-1.5';
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Timeline key">
      <li className={item}>
        <span className="inline-block h-3 w-5 rounded-sm bg-sky-400" aria-hidden="true" /> running (a thread: holding the GIL)
      </li>
      <li className={item}>
        <span
          className="inline-block h-3 w-5 rounded-sm"
          style={{ background: `repeating-linear-gradient(135deg, ${GIL_WAITING_COLOR} 0 3px, ${GIL_WAITING_COLOR}44 3px 6px)` }}
          aria-hidden="true"
        />{' '}
        waiting for the GIL
      </li>
      <li className={item}>
        <span
          className="inline-block h-2 w-5 rounded-sm"
          style={{ background: `repeating-linear-gradient(135deg, ${GIL_IO_COLOR} 0 3px, ${GIL_IO_COLOR}33 3px 6px)` }}
          aria-hidden="true"
        />{' '}
        waiting on I/O, GIL released
      </li>
    </ul>
  );
}
