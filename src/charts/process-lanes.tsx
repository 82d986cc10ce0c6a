/**
 * One horizontal lane per process over time: running, waiting for a lock, done. Drawn on a
 * canvas because it is redrawn every animation frame with up to 16 lanes of segments; React owns
 * only the <canvas> element, the effect below owns its pixels.
 */
import { scaleLinear } from 'd3';
import { useEffect, useRef, useState } from 'react';

export type LaneState = 'starting' | 'running' | 'waiting' | 'done';

export interface LaneSegment {
  /** Milliseconds on the chart's time axis. */
  from: number;
  to: number;
  state: LaneState;
}

export interface Lane {
  label: string;
  color: string;
  segments: readonly LaneSegment[];
}

export const LANE_STATE_LABELS: Record<LaneState, string> = {
  starting: 'starting',
  running: 'running',
  waiting: 'waiting for the lock',
  done: 'done',
};

export const WAITING_COLOR = '#f59e0b';
const LABEL_WIDTH = 56;
const AXIS_HEIGHT = 26;

/** The hatching for "waiting", built once per canvas context (building it per frame was the hot spot). */
const hatchCache = new WeakMap<CanvasRenderingContext2D, CanvasPattern | string>();

function hatch(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  const cached = hatchCache.get(ctx);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  let pattern: CanvasPattern | string = WAITING_COLOR;
  if (t) {
    t.fillStyle = `${WAITING_COLOR}55`;
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = WAITING_COLOR;
    t.lineWidth = 2.5;
    t.beginPath();
    t.moveTo(-2, 10);
    t.lineTo(10, -2);
    t.moveTo(6, 10);
    t.lineTo(10, 6);
    t.moveTo(-2, 2);
    t.lineTo(2, -2);
    t.stroke();
    pattern = ctx.createPattern(tile, 'repeat') ?? WAITING_COLOR;
  }
  hatchCache.set(ctx, pattern);
  return pattern;
}

function draw(
  canvas: HTMLCanvasElement,
  width: number,
  lanes: readonly Lane[],
  domain: readonly [number, number],
) {
  const laneHeight = Math.max(14, Math.min(30, 320 / Math.max(1, lanes.length)));
  const height = lanes.length * laneHeight + AXIS_HEIGHT;
  const dpr = window.devicePixelRatio || 1;
  // Resizing reallocates the backing store: only when the size really changed.
  const pixelWidth = Math.round(width * dpr);
  const pixelHeight = Math.round(height * dpr);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  // The theme class, not getComputedStyle: that would force a style recalculation every frame.
  const ink = document.documentElement.classList.contains('dark') ? '#e2e8f0' : '#334155';
  const x = scaleLinear()
    .domain([domain[0], Math.max(domain[1], domain[0] + 1)])
    .range([LABEL_WIDTH, width - 8])
    .clamp(true);
  const waitingFill = hatch(ctx);
  ctx.font = `${Math.min(15, laneHeight * 0.6)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textBaseline = 'middle';

  lanes.forEach((lane, i) => {
    const top = i * laneHeight;
    const mid = top + laneHeight / 2;
    ctx.fillStyle = ink;
    ctx.globalAlpha = 0.08;
    ctx.fillRect(LABEL_WIDTH, top + 2, width - LABEL_WIDTH - 8, laneHeight - 4);
    ctx.globalAlpha = 1;
    ctx.fillStyle = lane.color;
    ctx.fillRect(4, mid - 5, 10, 10);
    ctx.fillStyle = ink;
    ctx.fillText(lane.label, 18, mid);
    for (const seg of lane.segments) {
      const x0 = x(seg.from);
      const w = Math.max(1, x(seg.to) - x0);
      if (seg.state === 'running') {
        ctx.fillStyle = lane.color;
        ctx.fillRect(x0, top + 3, w, laneHeight - 6);
      } else if (seg.state === 'waiting') {
        ctx.fillStyle = waitingFill;
        ctx.fillRect(x0, top + 3, w, laneHeight - 6);
      } else if (seg.state === 'starting') {
        ctx.fillStyle = ink;
        ctx.globalAlpha = 0.25;
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
    ctx.fillText(`${(t / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`, x(t), axisTop + 16);
  }
  ctx.textAlign = 'start';
  ctx.globalAlpha = 1;
}

export function ProcessLanes({
  lanes,
  domain,
  title,
  testId,
}: {
  lanes: readonly Lane[];
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

  // Canvas pixels do not follow CSS: redraw when the theme class on <html> changes.
  const [theme, setTheme] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme((n) => n + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (canvasRef.current && width > 0) draw(canvasRef.current, width, lanes, domain);
  }, [lanes, domain, width, theme]);

  const summary = lanes
    .map((lane) => {
      const last = lane.segments.at(-1);
      return `${lane.label}: ${last ? LANE_STATE_LABELS[last.state] : 'not started'}`;
    })
    .join('; ');

  return (
    <figure className="m-0" data-testid={testId}>
      <canvas ref={canvasRef} role="img" aria-label={`${title}. ${summary}`} className="block w-full" />
    </figure>
  );
}
