/**
 * Draws the state lanes: one horizontal lane per process over time, coloured by what it was
 * doing (working, blocked on a full queue, waiting on an empty one, done…). DOM-free: it runs in
 * state-lanes.worker.ts (or on the page where a canvas cannot be handed to a worker); the page
 * (state-lanes.tsx) posts it the lanes whenever they grow, and the width and colours it read.
 */
import { formatElapsedTick, formatSecondsTick } from './axes';
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
import { packSegments, unpackSegments, type PackedSegments } from './packed';

export interface LaneStateStyle {
  key: string;
  label: string;
  /** A colour, 'process' for the lane's own colour, or 'ink' for the text colour. */
  color: string;
  /** solid bar, hatched bar (blocked), thin line (starting / idle), or nothing (done). */
  draw: 'solid' | 'hatch' | 'thin' | 'none';
  /** Hatch: the tint behind the stripes (default: the colour at 27% opacity) and the stripes' width. */
  tint?: string;
  stripeWidth?: number;
  /** Thin: the line's opacity (default 0.5). */
  opacity?: number;
  /** Solid and hatched bars: px left empty above and below the bar in its lane (default 3). */
  inset?: number;
}

/** Sizes of a lane chart, for charts that differ from the default (e.g. short labels like "P1"). */
export interface LanesLook {
  labelWidth: number;
  laneHeight: { min: number; max: number; budget: number };
  axisHeight: number;
  trackOpacity: number;
  /** Largest label font size, CSS px, and the share of a lane's height it may take. */
  font: { max: number; share: number };
  /** Tick labels under the lanes: seconds ("1.5 s"), elapsed ("250 ms", "1.5 s"), or no axis. */
  axis?: 'seconds' | 'elapsed' | 'none';
  /** Narrowest bar drawn, px (default 1); bars other than solid ones narrower than `skipBelow` px are not drawn. */
  minWidth?: number;
  skipBelow?: number;
}

export const DEFAULT_LANES_LOOK: LanesLook = {
  labelWidth: 92,
  laneHeight: { min: 12, max: 26, budget: 300 },
  axisHeight: 24,
  trackOpacity: 0.07,
  font: { max: 14, share: 0.62 },
};

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

interface LanesPicture {
  lanes: readonly StateLane[];
  states: readonly LaneStateStyle[];
  /** [start, end] of the time axis, in ms. */
  domain: readonly [number, number];
  look: LanesLook;
}

/** A lane as posted: its segments packed (see packed.ts). */
export interface PackedLane {
  label: string;
  color: string;
  segments: PackedSegments;
}

export type StateLanesMessage =
  SurfaceMessage | ({ type: 'lanes'; lanes: readonly PackedLane[] } & Omit<LanesPicture, 'lanes'>);

/** The message that shows `picture`. */
export function lanesMessage(picture: LanesPicture): StateLanesMessage {
  return {
    type: 'lanes',
    ...picture,
    lanes: picture.lanes.map((lane) => ({ ...lane, segments: packSegments(lane.segments) })),
  };
}

/** The lanes' CSS height for `lanes` lanes: the page sets it (a worker's canvas has no style). */
export function stateLanesHeight(lanes: number, look: LanesLook = DEFAULT_LANES_LOOK): number {
  return stateLanesGeometry(lanes, 0, look).height;
}

function stateLanesGeometry(lanes: number, width: number, look: LanesLook): LaneGeometry {
  return laneGeometry({
    lanes,
    width,
    laneHeight: fitLaneHeight(lanes, look.laneHeight),
    labelWidth: look.labelWidth,
    rightGap: 8,
    axisHeight: look.axisHeight,
  });
}

export class StateLanesPainter implements CanvasPainter<StateLanesMessage> {
  private surface: PainterSurface | null = null;
  private picture: LanesPicture | null = null;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: Pick<PainterTools<never>, 'schedule'>,
  ) {}

  receive(message: StateLanesMessage): void {
    if (message.type === 'surface') this.surface = message.surface;
    else
      this.picture = {
        ...message,
        lanes: message.lanes.map((lane) => ({ ...lane, segments: unpackSegments(lane.segments) })),
      };
    this.tools.schedule(() => this.draw());
  }

  private draw(): void {
    const surface = this.surface;
    const picture = this.picture;
    if (!surface || !picture || surface.cssWidth <= 0) return;
    const { lanes, states, domain, look } = picture;
    if (lanes.length === 0) {
      beginPainterFrame(this.canvas, surface.cssWidth, 0, surface.devicePixelRatio);
      return;
    }
    const { ink, fontFamily } = surface;
    const geometry = stateLanesGeometry(lanes.length, surface.cssWidth, look);
    const { laneHeight } = geometry;
    const ctx = beginPainterFrame(this.canvas, surface.cssWidth, geometry.height, surface.devicePixelRatio);
    if (!ctx) return;
    const x = laneTimeScale(geometry, domain[0], domain[1]);
    const byKey = new Map(states.map((s) => [s.key, s]));
    const minWidth = look.minWidth ?? 1;
    const skipBelow = look.skipBelow ?? 0;
    // Looked up per colour once a frame, not per segment: a lane can have thousands of segments.
    const hatches = new Map<string, CanvasPattern | string>();
    ctx.font = `${Math.min(look.font.max, laneHeight * look.font.share)}px ${fontFamily}`;
    ctx.textBaseline = 'middle';

    lanes.forEach((lane, i) => {
      const top = i * laneHeight;
      const mid = top + laneHeight / 2;
      drawLaneTrack(ctx, geometry, top, ink, look.trackOpacity);
      drawLaneLabel(ctx, lane, mid, ink);
      for (const seg of lane.segments) {
        const style = byKey.get(seg.state);
        if (!style || style.draw === 'none') continue;
        const color = style.color === 'process' ? lane.color : style.color === 'ink' ? ink : style.color;
        const x0 = x(seg.from);
        const span = x(seg.to) - x0;
        if (style.draw !== 'solid' && span <= skipBelow) continue;
        const w = Math.max(minWidth, span);
        const inset = style.inset ?? 3;
        if (style.draw === 'solid') {
          ctx.fillStyle = color;
          ctx.fillRect(x0, top + inset, w, laneHeight - 2 * inset);
        } else if (style.draw === 'hatch') {
          let pattern = hatches.get(color);
          if (!pattern)
            hatches.set(
              color,
              (pattern = hatchFill(ctx, color, style.tint ?? `${color}44`, style.stripeWidth)),
            );
          ctx.fillStyle = pattern;
          ctx.fillRect(x0, top + inset, w, laneHeight - 2 * inset);
        } else {
          ctx.fillStyle = color;
          ctx.globalAlpha = style.opacity ?? 0.5;
          ctx.fillRect(x0, mid - 1, w, 2);
          ctx.globalAlpha = 1;
        }
      }
    });

    const axis = look.axis ?? 'seconds';
    if (axis !== 'none')
      drawTimeAxis(
        ctx,
        x,
        geometry.axisTop,
        ink,
        fontFamily,
        axis === 'elapsed' ? formatElapsedTick : formatSecondsTick,
      );
  }
}
