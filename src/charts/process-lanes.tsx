/**
 * One horizontal lane per process over time: running, waiting for a lock, done. Drawn on a
 * canvas because it is redrawn every animation frame with up to 16 lanes of segments; React owns
 * only the <canvas> element, the effect below owns its pixels.
 */
import { useCallback } from 'react';
import { formatSecondsTick } from './axes';
import { ChartCanvas } from './chart-figure';
import { beginCanvasFrame, usePaintedCanvas, type CanvasSurface } from './canvas-surface';
import { drawLaneLabel, drawLaneTrack, drawTimeAxis, hatchFill } from './lane-canvas';
import { fitLaneHeight, laneGeometry, laneTimeScale } from './lane-layout';

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
const WAITING_TINT = `${WAITING_COLOR}55`;

function draw(
  canvas: HTMLCanvasElement,
  surface: CanvasSurface,
  lanes: readonly Lane[],
  domain: readonly [number, number],
) {
  const { ink, fontFamily } = surface;
  const geometry = laneGeometry({
    lanes: lanes.length,
    width: surface.cssWidth,
    laneHeight: fitLaneHeight(lanes.length, { min: 14, max: 30, budget: 320 }),
    labelWidth: 56,
    rightGap: 8,
    axisHeight: 26,
  });
  const { laneHeight } = geometry;
  const ctx = beginCanvasFrame(canvas, surface.cssWidth, geometry.height);
  if (!ctx) return;
  const x = laneTimeScale(geometry, domain[0], domain[1]);
  const waitingFill = hatchFill(ctx, WAITING_COLOR, WAITING_TINT, 2.5);
  ctx.font = `${Math.min(15, laneHeight * 0.6)}px ${fontFamily}`;
  ctx.textBaseline = 'middle';

  lanes.forEach((lane, i) => {
    const top = i * laneHeight;
    const mid = top + laneHeight / 2;
    drawLaneTrack(ctx, geometry, top, ink, 0.08);
    drawLaneLabel(ctx, lane, mid, ink);
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

  drawTimeAxis(ctx, x, geometry.axisTop, ink, fontFamily, formatSecondsTick);
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
  const canvasRef = usePaintedCanvas(
    useCallback((canvas, surface) => draw(canvas, surface, lanes, domain), [lanes, domain]),
  );

  const summary = lanes
    .map((lane) => {
      const last = lane.segments.at(-1);
      return `${lane.label}: ${last ? LANE_STATE_LABELS[last.state] : 'not started'}`;
    })
    .join('; ');

  return (
    <figure className="m-0" data-testid={testId}>
      <ChartCanvas canvasRef={canvasRef} label={`${title}. ${summary}`} />
    </figure>
  );
}
