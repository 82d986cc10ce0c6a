/**
 * GIL timeline: one lane per thread or process over time, showing when it ran (for a thread:
 * held the GIL), waited for the GIL, or waited on I/O with the GIL released. Drawn on a canvas
 * because it is redrawn every animation frame with thousands of short segments; React owns the
 * <canvas> element only, the effect owns its pixels. Several timelines given the same `domainMs`
 * line up, so their lengths compare directly.
 */
import { useCallback } from 'react';
import { formatElapsedTick } from './axes';
import { ChartCanvas } from './chart-figure';
import { beginCanvasFrame, usePaintedCanvas, type CanvasSurface } from './canvas-surface';
import { drawLaneLabel, drawLaneTrack, drawTimeAxis, hatchFill } from './lane-canvas';
import { laneGeometry, laneTimeScale } from './lane-layout';

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

const WAITING_TINT = `${GIL_WAITING_COLOR}44`;
const IO_STRIPE = `${GIL_IO_COLOR}cc`;
const IO_TINT = `${GIL_IO_COLOR}22`;

function draw(
  canvas: HTMLCanvasElement,
  surface: CanvasSurface,
  lanes: readonly GilTimelineLane[],
  domainMs: number,
  showAxis: boolean,
) {
  const { ink, fontFamily } = surface;
  const geometry = laneGeometry({
    lanes: lanes.length,
    width: surface.cssWidth,
    laneHeight: 26,
    labelWidth: 96,
    rightGap: 10,
    axisHeight: showAxis ? 24 : 4,
  });
  const { laneHeight } = geometry;
  const ctx = beginCanvasFrame(canvas, surface.cssWidth, geometry.height);
  if (!ctx) return;
  const x = laneTimeScale(geometry, 0, domainMs);
  const waitingFill = hatchFill(ctx, GIL_WAITING_COLOR, WAITING_TINT, 2.5);
  const ioFill = hatchFill(ctx, IO_STRIPE, IO_TINT, 2.5);
  ctx.textBaseline = 'middle';
  ctx.font = `14px ${fontFamily}`;

  lanes.forEach((lane, i) => {
    const top = i * laneHeight;
    const mid = top + laneHeight / 2;
    drawLaneTrack(ctx, geometry, top, ink, 0.07);
    drawLaneLabel(ctx, lane, mid, ink);
    for (const seg of lane.segments) {
      const x0 = x(seg.from);
      const w = x(seg.to) - x0;
      if (w <= 0.2 && seg.state !== 'running') continue;
      const wide = Math.max(0.75, w);
      if (seg.state === 'running') {
        ctx.fillStyle = lane.color;
        ctx.fillRect(x0, top + 3, wide, laneHeight - 6);
      } else if (seg.state === 'waiting') {
        ctx.fillStyle = waitingFill;
        ctx.fillRect(x0, top + 3, wide, laneHeight - 6);
      } else if (seg.state === 'io') {
        ctx.fillStyle = ioFill;
        ctx.fillRect(x0, top + 7, wide, laneHeight - 14);
      } else if (seg.state === 'gate') {
        ctx.fillStyle = ink;
        ctx.globalAlpha = 0.3;
        ctx.fillRect(x0, mid - 1, wide, 2);
        ctx.globalAlpha = 1;
      }
    }
  });

  if (showAxis) drawTimeAxis(ctx, x, geometry.axisTop, ink, fontFamily, formatElapsedTick);
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
  const canvasRef = usePaintedCanvas(
    useCallback((canvas, surface) => draw(canvas, surface, lanes, domainMs, showAxis), [lanes, domainMs, showAxis]),
  );

  return (
    <figure className="m-0" data-testid={testId}>
      <ChartCanvas canvasRef={canvasRef} label={description ? `${title}. ${description}` : title} />
    </figure>
  );
}

/** The key under the timelines: `swatch` sizes and colours the sample, `background` draws hatching. */
const GIL_TIMELINE_KEY: readonly { label: string; swatch: string; background?: string }[] = [
  { label: 'running (a thread: holding the GIL)', swatch: 'h-3 bg-sky-400' },
  {
    label: 'waiting for the GIL',
    swatch: 'h-3',
    background: `repeating-linear-gradient(135deg, ${GIL_WAITING_COLOR} 0 3px, ${GIL_WAITING_COLOR}44 3px 6px)`,
  },
  {
    label: 'waiting on I/O, GIL released',
    swatch: 'h-2',
    background: `repeating-linear-gradient(135deg, ${GIL_IO_COLOR} 0 3px, ${GIL_IO_COLOR}33 3px 6px)`,
  },
];

/** The key under the timelines. */
export function GilTimelineLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Timeline key">
      {GIL_TIMELINE_KEY.map((entry) => (
        <li key={entry.label} className="inline-flex items-center gap-1.5">
          <span
            className={`inline-block w-5 rounded-sm ${entry.swatch}`}
            style={entry.background ? { background: entry.background } : undefined}
            aria-hidden="true"
          />{' '}
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
