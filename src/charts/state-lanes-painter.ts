/**
 * Draws the state lanes: one horizontal lane per process over time, coloured by what it was
 * doing (working, blocked on a full queue, waiting on an empty one, done…). DOM-free: it runs in
 * state-lanes.worker.ts (or on the page where a canvas cannot be handed to a worker); the page
 * (state-lanes.tsx) posts it the lanes whenever they grow, and the width and colours it read.
 */
import { formatSecondsTick } from './axes';
import {
  beginPainterFrame,
  type AnyCanvas,
  type CanvasPainter,
  type PainterSurface,
  type PainterTools,
  type SurfaceMessage,
} from './canvas-painter';
import { drawLaneLabel, drawLaneTrack, drawTimeAxis, hatchFill } from './lane-canvas';
import { fitLaneHeight, laneGeometry, laneTimeScale, type LaneGeometry } from './lane-layout';

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

export type StateLanesMessage =
  | SurfaceMessage
  | {
      type: 'lanes';
      lanes: readonly StateLane[];
      states: readonly LaneStateStyle[];
      /** [start, end] of the time axis, in ms. */
      domain: readonly [number, number];
    };

/** The lanes' CSS height for `lanes` lanes: the page sets it (a worker's canvas has no style). */
export function stateLanesHeight(lanes: number): number {
  return stateLanesGeometry(lanes, 0).height;
}

function stateLanesGeometry(lanes: number, width: number): LaneGeometry {
  return laneGeometry({
    lanes,
    width,
    laneHeight: fitLaneHeight(lanes, { min: 12, max: 26, budget: 300 }),
    labelWidth: 92,
    rightGap: 8,
    axisHeight: 24,
  });
}

export class StateLanesPainter implements CanvasPainter<StateLanesMessage> {
  private surface: PainterSurface | null = null;
  private picture: Extract<StateLanesMessage, { type: 'lanes' }> | null = null;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: Pick<PainterTools<never>, 'schedule'>,
  ) {}

  receive(message: StateLanesMessage): void {
    if (message.type === 'surface') this.surface = message.surface;
    else this.picture = message;
    this.tools.schedule(() => this.draw());
  }

  private draw(): void {
    const surface = this.surface;
    const picture = this.picture;
    if (!surface || !picture || surface.cssWidth <= 0) return;
    const { lanes, states, domain } = picture;
    if (lanes.length === 0) {
      beginPainterFrame(this.canvas, surface.cssWidth, 0, surface.devicePixelRatio);
      return;
    }
    const { ink, fontFamily } = surface;
    const geometry = stateLanesGeometry(lanes.length, surface.cssWidth);
    const { laneHeight } = geometry;
    const ctx = beginPainterFrame(this.canvas, surface.cssWidth, geometry.height, surface.devicePixelRatio);
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
}
