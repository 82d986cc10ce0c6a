/**
 * What every canvas lane chart draws besides its own segments: the faint track of a lane, the
 * lane's colour swatch and name, hatching for waiting spans, and the time axis under the lanes.
 * The charts set the font for lane names themselves (it follows their lane height).
 */
import type { ScaleLinear } from 'd3';
import type { Context2D } from './canvas-painter';
import type { LaneGeometry } from './lane-layout';

/** The track a lane's segments sit on, across the plot: shows where the lane is when it is empty. */
export function drawLaneTrack(
  ctx: Context2D,
  geometry: LaneGeometry,
  top: number,
  ink: string,
  opacity: number,
): void {
  ctx.fillStyle = ink;
  ctx.globalAlpha = opacity;
  ctx.fillRect(geometry.plotLeft, top + 2, geometry.plotRight - geometry.plotLeft, geometry.laneHeight - 4);
  ctx.globalAlpha = 1;
}

/** The lane's name in the label column, after a swatch of its process's colour. */
export function drawLaneLabel(
  ctx: Context2D,
  lane: { label: string; color: string },
  mid: number,
  ink: string,
  maxWidth?: number,
): void {
  ctx.fillStyle = lane.color;
  ctx.fillRect(4, mid - 5, 10, 10);
  ctx.fillStyle = ink;
  ctx.fillText(lane.label, 18, mid, maxWidth);
}

/** Tick marks and time labels along the top edge of the axis band under the lanes. */
export function drawTimeAxis(
  ctx: Context2D,
  x: ScaleLinear<number, number>,
  axisTop: number,
  ink: string,
  fontFamily: string,
  format: (ms: number) => string,
): void {
  ctx.fillStyle = ink;
  ctx.globalAlpha = 0.8;
  ctx.font = `13px ${fontFamily}`;
  ctx.textAlign = 'center';
  for (const t of x.ticks(6)) {
    ctx.fillRect(x(t), axisTop, 1, 5);
    ctx.fillText(format(t), x(t), axisTop + 15);
  }
  ctx.textAlign = 'start';
  ctx.globalAlpha = 1;
}

const hatchCache = new WeakMap<Context2D, Map<string, CanvasPattern | string>>();

/**
 * Diagonal stripes over a tinted background, the fill for "waiting" and "blocked" spans. Built
 * once per context and colours, then reused: building the tile every frame was a hot spot.
 * Falls back to the plain stripe colour where a pattern cannot be made.
 */
export function hatchFill(
  ctx: Context2D,
  stripe: string,
  background: string,
  lineWidth = 2,
): CanvasPattern | string {
  let byColours = hatchCache.get(ctx);
  if (!byColours) hatchCache.set(ctx, (byColours = new Map()));
  const key = `${stripe} ${background} ${lineWidth}`;
  let fill = byColours.get(key);
  if (!fill) byColours.set(key, (fill = hatchTile(ctx, stripe, background, lineWidth)));
  return fill;
}

function hatchTile(
  ctx: Context2D,
  stripe: string,
  background: string,
  lineWidth: number,
): CanvasPattern | string {
  // A worker has no document: painters there make their tile on an OffscreenCanvas.
  const tile =
    typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(8, 8) : document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d') as Context2D | null;
  if (!t) return stripe;
  t.fillStyle = background;
  t.fillRect(0, 0, 8, 8);
  t.strokeStyle = stripe;
  t.lineWidth = lineWidth;
  // One stripe corner to corner, and the two halves of its neighbours, so the tile repeats seamlessly.
  t.beginPath();
  t.moveTo(-2, 10);
  t.lineTo(10, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? stripe;
}
