/**
 * The flowchart's moving parts, drawn on a canvas over its SVG: an arrow glows when its count
 * moved, and tokens travel along it. DOM-free: it runs in pipeline-flow.worker.ts (or on the page
 * where a canvas cannot be handed to a worker). The page posts the arrows' counts every frame;
 * the boxes, labels and counts stay in the SVG, updated a few times a second.
 *
 * Why a canvas in a worker: moving 160 SVG circles and glowing lines every frame cost the page's
 * main thread style, layout and paint each frame, which it cannot afford while eight workers hold
 * the cores (traced: 31-33 fps with 8 workers).
 */
import {
  beginPainterFrame,
  type AnyCanvas,
  type CanvasPainter,
  type PainterSurface,
  type PainterTools,
  type SurfaceMessage,
} from '../../charts/canvas-painter';
import { along, EDGE_COLORS, VIEW_HEIGHT, VIEW_WIDTH, type Edge } from './flowchart-layout';

export type PipelineFlowMessage =
  | SurfaceMessage
  /** The arrows of the current layout: counts come in this order. Starts a new picture. */
  | { type: 'layout'; edges: readonly Edge[] }
  | {
      type: 'frame';
      /** Per arrow (in layout order): how many items have gone along it so far. */
      counts: readonly number[];
      /** Per worker: it has taken its sentinel (its last get-task token is drawn as one). */
      gotSentinel: readonly boolean[];
      /** The page's performance.now(). */
      now: number;
      /** The run is over: nothing is in flight any more, nothing glows. */
      final: boolean;
    };

const GLOW_MS = 450;
const FLIGHT_MS = 380;
/** The most tokens in flight at once. */
export const MAX_FLOW_TOKENS = 160;
const SENTINEL_COLOR = '#0f172a';

interface Token {
  edge: Edge;
  t0: number;
  color: string;
  sentinel: boolean;
}

export class PipelineFlowPainter implements CanvasPainter<PipelineFlowMessage> {
  private surface: PainterSurface | null = null;
  private edges: readonly Edge[] = [];
  private last: number[] = [];
  private glowSince: number[] = [];
  private tokens: Token[] = [];
  private now = 0;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: Pick<PainterTools<never>, 'schedule'>,
  ) {}

  /** Tokens in flight after the last frame (for tests). */
  get inFlight(): number {
    return this.tokens.length;
  }

  receive(message: PipelineFlowMessage): void {
    if (message.type === 'surface') this.surface = message.surface;
    else if (message.type === 'layout') {
      this.edges = message.edges;
      this.last = [];
      this.glowSince = [];
      this.tokens = [];
    } else this.advance(message);
    this.tools.schedule(() => this.draw());
  }

  private advance({
    counts,
    gotSentinel,
    now,
    final,
  }: Extract<PipelineFlowMessage, { type: 'frame' }>): void {
    this.now = now;
    if (final) {
      this.tokens = [];
      this.glowSince = [];
    }
    this.edges.forEach((edge, i) => {
      const count = counts[i] ?? 0;
      const before = this.last[i];
      this.last[i] = count;
      if (before === undefined || count <= before || final) return;
      this.glowSince[i] = now;
      // Two tokens at most per arrow and frame: a busy arrow is a stream, not a flood.
      const launches = Math.min(count - before, 2);
      for (let k = 0; k < launches && this.tokens.length < MAX_FLOW_TOKENS; k++) {
        const sentinel =
          edge.kind === 'sentinel' ||
          (edge.kind === 'get-task' && gotSentinel[edge.worker!] === true && k === launches - 1);
        this.tokens.push({
          edge,
          t0: now - k * 40,
          color: sentinel ? SENTINEL_COLOR : EDGE_COLORS[edge.kind],
          sentinel,
        });
      }
    });
    this.tokens = this.tokens.filter((t) => now - t.t0 < FLIGHT_MS);
  }

  private draw(): void {
    const surface = this.surface;
    if (!surface || surface.cssWidth <= 0) return;
    const scale = surface.cssWidth / VIEW_WIDTH;
    const ctx = beginPainterFrame(
      this.canvas,
      surface.cssWidth,
      VIEW_HEIGHT * scale,
      surface.devicePixelRatio,
    );
    if (!ctx) return;
    // Everything below is in the flowchart's viewBox units.
    ctx.scale(scale, scale);
    const now = this.now;
    ctx.lineCap = 'round';
    this.edges.forEach((edge, i) => {
      const glow = Math.max(0, 1 - (now - (this.glowSince[i] ?? -Infinity)) / GLOW_MS);
      if (glow <= 0) return;
      ctx.globalAlpha = glow;
      ctx.strokeStyle = EDGE_COLORS[edge.kind];
      ctx.lineWidth = 2 + 3 * glow;
      ctx.beginPath();
      ctx.moveTo(edge.from.x, edge.from.y);
      ctx.lineTo(edge.to.x, edge.to.y);
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#f8fafc';
    ctx.lineWidth = 1;
    for (const t of this.tokens) {
      if (now < t.t0) continue;
      const p = along(t.edge, Math.min(1, (now - t.t0) / FLIGHT_MS));
      ctx.fillStyle = t.color;
      ctx.beginPath();
      ctx.arc(p.x, p.y, t.sentinel ? 7 : 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}
