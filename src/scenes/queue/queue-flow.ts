/**
 * The queue scene's live picture, drawn on a canvas: producers on the left, the queue in the
 * middle, consumers on the right, main below. Tokens travel producer → queue → consumer.
 *
 * Driven by samples of shared counters (one per animation frame): the difference since the last
 * frame says how many items each process moved, and that many tokens are launched. When the
 * traffic is heavy a token stands for several items (the scale doubles while more than
 * MAX_TOKENS are in flight, and halves again when traffic calms), so the picture never
 * stutters however fast the queue goes; the legend says how many items a token is.
 */
import { beginPainterFrame, type AnyCanvas, type Context2D } from '../../charts/canvas-painter';
import { processColor } from '../../charts/process-colors';

export type ProducerLook = 'starting' | 'working' | 'blocked' | 'done';
export type ConsumerLook = 'starting' | 'working' | 'waiting' | 'polling' | 'done' | 'hung';

export interface FlowSample {
  producers: readonly { count: number; look: ProducerLook }[];
  consumers: readonly { count: number; look: ConsumerLook; gotSentinel: boolean }[];
  depth: number;
  /** maxsize, 0 = rendezvous, null = unbounded. */
  capacity: number | null;
  sentinelsSent: number;
  sentinelsNeeded: number;
  unfinished: number | null;
}

interface Token {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  t0: number;
  color: string;
  sentinel: boolean;
}

const FLIGHT_MS = 420;
/**
 * The most tokens in flight: a heavy flow shows several hundred at once (the design asks for
 * ≥ 500 animating), still cheap to draw each frame in the painter worker.
 */
export const MAX_TOKENS = 1200;
const MAX_SCALE = 2 ** 24;
const count = new Intl.NumberFormat('en-US');
const SENTINEL_COLOR = '#0f172a';
const BLOCKED = '#ef4444';
const WAITING = '#f59e0b';
/** Consumers share one light colour: tokens keep their producer's colour all the way. */
const CONSUMER_COLOR = '#cbd5e1';

/** What drawing needs from the page, read there (the painter may run in a worker, without a DOM). */
export interface FlowSurface {
  /** CSS pixels. */
  width: number;
  /** The canvas's computed text colour, for the light and dark themes. */
  ink: string;
  devicePixelRatio: number;
}

export interface FlowLabels {
  producers: number;
  consumers: number;
}


export interface FlowGeometry {
  width: number;
  height: number;
  producerX: number;
  consumerX: number;
  queueX0: number;
  queueX1: number;
  queueY: number;
  mainY: number;
  producerY(i: number): number;
  consumerY(i: number): number;
}

export function flowGeometry(width: number, producers: number, consumers: number): FlowGeometry {
  const rows = Math.max(producers, consumers, 3);
  const rowHeight = rows <= 6 ? 44 : rows <= 10 ? 32 : 24;
  const top = 34;
  const laneHeight = rows * rowHeight;
  const height = top + laneHeight + 70;
  const yOf = (n: number) => (i: number) => top + ((i + 0.5) * laneHeight) / n;
  return {
    width,
    height,
    producerX: Math.max(60, width * 0.1),
    consumerX: width - Math.max(60, width * 0.1),
    queueX0: width * 0.37,
    queueX1: width * 0.63,
    queueY: top + laneHeight / 2,
    mainY: top + laneHeight + 38,
    producerY: yOf(producers),
    consumerY: yOf(consumers),
  };
}

/**
 * Items per token for `inFlight` tokens and this frame's traffic (`launching` items). Up: doubles
 * until this frame's tokens fit under MAX_TOKENS (a long frame can bring thousands of items at
 * once). Down: to the smallest scale at which the items now in flight plus this frame's would
 * still fill no more than 60% of MAX_TOKENS, so a burst's large scale does not outlive it. The
 * caller lets a flight time pass between steps down: the count in flight needs that long to
 * show the new scale.
 */
export function nextScale(scale: number, inFlight: number, launching: number, mayShrink = true): number {
  let next = scale;
  // Room for this frame's tokens; never none, or a full picture would push the scale to the limit.
  const room = Math.max(MAX_TOKENS - inFlight, MAX_TOKENS * 0.1);
  while (launching / next > room && next < MAX_SCALE) next *= 2;
  if (next !== scale || !mayShrink) return next;
  const items = inFlight * scale + launching;
  while (next > 1 && items / (next / 2) <= MAX_TOKENS * 0.6) next /= 2;
  return next;
}

export class QueueFlowPainter {
  private tokens: Token[] = [];
  private last: FlowSample | null = null;
  private producerDebt: number[] = [];
  private consumerDebt: number[] = [];
  /** Colours of the items in the queue, oldest first (for drawing the queue's cells). */
  private fifo: string[] = [];
  scale = 1;
  /** When the scale last changed. */
  private scaledAt = -Infinity;
  private geometry: FlowGeometry | null = null;
  /** The deepest an unbounded queue has been this run: the bar's full scale. */
  private deepest = 0;

  reset(): void {
    this.deepest = 0;
    this.tokens = [];
    this.last = null;
    this.producerDebt = [];
    this.consumerDebt = [];
    this.fifo = [];
    this.scale = 1;
    this.scaledAt = -Infinity;
  }

  get inFlight(): number {
    return this.tokens.length;
  }

  /**
   * Folds a sample in (launching tokens) and draws the frame. The canvas's CSS height is the
   * caller's to set (flowGeometry(...).height): a worker's canvas has no style.
   */
  frame(
    canvas: AnyCanvas,
    sample: FlowSample | null,
    now: number,
    labels: FlowLabels,
    surface: FlowSurface,
  ): void {
    const g = flowGeometry(Math.max(320, Math.floor(surface.width)), labels.producers, labels.consumers);
    this.geometry = g;
    if (sample) this.ingest(sample, now, g);
    this.draw(canvas, g, sample ?? this.last, now, labels, surface);
  }

  private ingest(sample: FlowSample, now: number, g: FlowGeometry): void {
    const prev = this.last;
    this.last = sample;
    if (
      !prev ||
      prev.producers.length !== sample.producers.length ||
      prev.consumers.length !== sample.consumers.length
    ) {
      this.producerDebt = sample.producers.map(() => 0);
      this.consumerDebt = sample.consumers.map(() => 0);
      if (!prev) return;
    }
    let launching = 0;
    sample.producers.forEach((p, i) => (launching += Math.max(0, p.count - (prev.producers[i]?.count ?? 0))));
    sample.consumers.forEach((c, i) => (launching += Math.max(0, c.count - (prev.consumers[i]?.count ?? 0))));
    const scale = nextScale(this.scale, this.tokens.length, launching, now - this.scaledAt >= FLIGHT_MS);
    if (scale !== this.scale) {
      this.scale = scale;
      this.scaledAt = now;
      // Items owed a token at the old scale are not all drawn at the new one: a burst that
      // came down from a large scale would otherwise launch thousands of tokens at once.
      const owe = (debt: number) => Math.min(debt, scale);
      this.producerDebt = this.producerDebt.map(owe);
      this.consumerDebt = this.consumerDebt.map(owe);
    }

    sample.producers.forEach((p, i) => {
      this.producerDebt[i] =
        (this.producerDebt[i] ?? 0) + Math.max(0, p.count - (prev.producers[i]?.count ?? 0));
      const n = Math.floor(this.producerDebt[i]! / this.scale);
      this.producerDebt[i]! -= n * this.scale;
      const color = processColor(i);
      for (let k = 0; k < n; k++) {
        this.launch(
          g.producerX + 14,
          g.producerY(i),
          g.queueX0,
          g.queueY,
          now - (k * 16) / Math.max(1, n),
          color,
          false,
        );
        this.fifo.push(color);
      }
    });
    for (let s = prev.sentinelsSent; s < sample.sentinelsSent; s++) {
      this.launch(g.width / 2, g.mainY - 12, g.queueX0, g.queueY, now, SENTINEL_COLOR, true);
      this.fifo.push(SENTINEL_COLOR);
    }
    sample.consumers.forEach((c, i) => {
      this.consumerDebt[i] =
        (this.consumerDebt[i] ?? 0) + Math.max(0, c.count - (prev.consumers[i]?.count ?? 0));
      const n = Math.floor(this.consumerDebt[i]! / this.scale);
      this.consumerDebt[i]! -= n * this.scale;
      for (let k = 0; k < n; k++) {
        const color = this.takeColor(false);
        this.launch(
          g.queueX1,
          g.queueY,
          g.consumerX - 14,
          g.consumerY(i),
          now - (k * 16) / Math.max(1, n),
          color,
          false,
        );
      }
      if (c.gotSentinel && !prev.consumers[i]?.gotSentinel) {
        this.takeColor(true);
        this.launch(g.queueX1, g.queueY, g.consumerX - 14, g.consumerY(i), now, SENTINEL_COLOR, true);
      }
    });
    // The model FIFO only colours the cells; the true depth comes from the queue itself.
    if (this.fifo.length > 4096) this.fifo.splice(0, this.fifo.length - 4096);
  }

  private sprites = new Map<string, OffscreenCanvas>();

  /** A token (a 9 px disc) in `color`, drawn once at the screen's pixel ratio. */
  private tokenSprite(color: string, dpr: number): OffscreenCanvas | null {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const key = `${color}@${dpr}`;
    let sprite = this.sprites.get(key);
    if (!sprite) {
      const size = Math.ceil(10 * dpr);
      sprite = new OffscreenCanvas(size, size);
      const g = sprite.getContext('2d');
      if (!g) return null;
      g.scale(dpr, dpr);
      g.fillStyle = color;
      g.beginPath();
      g.arc(5, 5, 4.5, 0, Math.PI * 2);
      g.fill();
      this.sprites.set(key, sprite);
    }
    return sprite;
  }

  private takeColor(sentinel: boolean): string {
    if (sentinel) {
      const at = this.fifo.indexOf(SENTINEL_COLOR);
      if (at >= 0) this.fifo.splice(at, 1);
      return SENTINEL_COLOR;
    }
    const at = this.fifo.findIndex((c) => c !== SENTINEL_COLOR);
    if (at < 0) return '#94a3b8';
    return this.fifo.splice(at, 1)[0]!;
  }

  private launch(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    t0: number,
    color: string,
    sentinel: boolean,
  ): void {
    this.tokens.push({ x0, y0, x1, y1, t0, color, sentinel });
  }

  private draw(
    canvas: AnyCanvas,
    g: FlowGeometry,
    sample: FlowSample | null,
    now: number,
    labels: FlowLabels,
    surface: FlowSurface,
  ): void {
    const dpr = surface.devicePixelRatio || 1;
    const ctx = beginPainterFrame(canvas, g.width, g.height, dpr);
    if (!ctx) return;
    const ink = surface.ink;
    const font = (px: number, weight = '') => `${weight} ${px}px ui-sans-serif, system-ui, sans-serif`;

    // Pipes from every producer to the queue and from the queue to every consumer.
    ctx.strokeStyle = ink;
    ctx.globalAlpha = 0.12;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i < labels.producers; i++) {
      ctx.moveTo(g.producerX + 14, g.producerY(i));
      ctx.lineTo(g.queueX0, g.queueY);
    }
    for (let i = 0; i < labels.consumers; i++) {
      ctx.moveTo(g.queueX1, g.queueY);
      ctx.lineTo(g.consumerX - 14, g.consumerY(i));
    }
    ctx.moveTo(g.width / 2, g.mainY - 12);
    ctx.lineTo(g.queueX0 + 8, g.queueY + 22);
    ctx.stroke();
    ctx.globalAlpha = 1;

    this.drawQueue(ctx, g, sample, ink, font);

    // Tokens in flight: one path per colour, so hundreds of tokens cost a handful of fills.
    const alive: Token[] = [];
    const byColor = new Map<string, number[]>();
    const sentinels: number[] = [];
    for (const t of this.tokens) {
      const f = (now - t.t0) / FLIGHT_MS;
      if (f >= 1) continue;
      alive.push(t);
      if (f < 0) continue;
      const e = f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2;
      const x = t.x0 + (t.x1 - t.x0) * e;
      const y = t.y0 + (t.y1 - t.y0) * e;
      if (t.sentinel) sentinels.push(x, y);
      else {
        let xy = byColor.get(t.color);
        if (!xy) byColor.set(t.color, (xy = []));
        xy.push(x, y);
      }
    }
    this.tokens = alive;
    for (const [color, xy] of byColor) {
      const sprite = this.tokenSprite(color, dpr);
      if (sprite) {
        // A copied bitmap per token: far cheaper than filling hundreds of circles.
        for (let i = 0; i < xy.length; i += 2) ctx.drawImage(sprite, xy[i]! - 5, xy[i + 1]! - 5, 10, 10);
        continue;
      }
      ctx.fillStyle = color;
      ctx.beginPath();
      for (let i = 0; i < xy.length; i += 2) {
        ctx.moveTo(xy[i]! + 4.5, xy[i + 1]!);
        ctx.arc(xy[i]!, xy[i + 1]!, 4.5, 0, Math.PI * 2);
      }
      ctx.fill();
    }
    for (let i = 0; i < sentinels.length; i += 2) {
      const x = sentinels[i]!;
      const y = sentinels[i + 1]!;
      ctx.fillStyle = SENTINEL_COLOR;
      ctx.beginPath();
      ctx.arc(x, y, 6, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeStyle = '#f8fafc';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x - 3, y + 3);
      ctx.lineTo(x + 3, y - 3);
      ctx.stroke();
    }

    // Nodes.
    ctx.textBaseline = 'middle';
    for (let i = 0; i < labels.producers; i++) {
      const p = sample?.producers[i];
      this.drawNode(
        ctx,
        g.producerX,
        g.producerY(i),
        processColor(i),
        `P${i + 1}`,
        p?.look ?? 'starting',
        ink,
        font,
      );
      ctx.textAlign = 'right';
      ctx.fillStyle = ink;
      ctx.font = font(12);
      ctx.fillText(count.format(p?.count ?? 0), g.producerX - 18, g.producerY(i));
      if (p?.look === 'blocked') {
        ctx.textAlign = 'left';
        ctx.fillStyle = BLOCKED;
        ctx.font = font(12, '600');
        ctx.fillText(
          sample?.capacity === 0 ? 'waiting for a taker' : 'blocked: queue full',
          g.producerX + 18,
          g.producerY(i) - 13,
        );
      }
    }
    for (let i = 0; i < labels.consumers; i++) {
      const c = sample?.consumers[i];
      const look = c?.look ?? 'starting';
      this.drawNode(ctx, g.consumerX, g.consumerY(i), CONSUMER_COLOR, `C${i + 1}`, look, ink, font);
      ctx.textAlign = 'left';
      ctx.fillStyle = ink;
      ctx.font = font(12);
      ctx.fillText(count.format(c?.count ?? 0), g.consumerX + 18, g.consumerY(i));
      const tag =
        look === 'hung'
          ? 'waits forever'
          : look === 'waiting'
            ? 'waiting: queue empty'
            : c?.gotSentinel
              ? 'got None: exits'
              : look === 'polling'
                ? 'polling empty()'
                : '';
      if (tag) {
        ctx.textAlign = 'right';
        ctx.fillStyle = look === 'hung' ? BLOCKED : look === 'waiting' ? WAITING : ink;
        ctx.font = font(12, look === 'hung' ? '700' : '600');
        ctx.fillText(tag, g.consumerX - 18, g.consumerY(i) - 13);
      }
    }
    // Main, which sends the sentinels.
    ctx.fillStyle = SENTINEL_COLOR;
    ctx.strokeStyle = ink;
    ctx.lineWidth = 1.5;
    roundRect(ctx, g.width / 2 - 34, g.mainY - 12, 68, 24, 6);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#f8fafc';
    ctx.textAlign = 'center';
    ctx.font = font(13, '600');
    ctx.fillText('main', g.width / 2, g.mainY);
    if (sample && sample.sentinelsNeeded > 0) {
      ctx.fillStyle =
        sample.sentinelsSent < sample.sentinelsNeeded && sample.consumers.some((c) => c.look === 'hung')
          ? BLOCKED
          : ink;
      ctx.font = font(12);
      ctx.textAlign = 'left';
      ctx.fillText(
        `None sent: ${sample.sentinelsSent} / ${sample.sentinelsNeeded} consumers`,
        g.width / 2 + 42,
        g.mainY,
      );
    }
    ctx.textAlign = 'center';
    ctx.fillStyle = ink;
    ctx.font = font(13, '600');
    ctx.fillText('producers', g.producerX, 14);
    ctx.fillText('consumers', g.consumerX, 14);
    ctx.textAlign = 'start';
  }

  private drawQueue(
    ctx: Context2D,
    g: FlowGeometry,
    sample: FlowSample | null,
    ink: string,
    font: (px: number, weight?: string) => string,
  ): void {
    const depth = sample?.depth ?? 0;
    const capacity = sample?.capacity ?? null;
    const x0 = g.queueX0;
    const w = g.queueX1 - g.queueX0;
    const h = 30;
    const y0 = g.queueY - h / 2;
    ctx.strokeStyle = ink;
    ctx.lineWidth = 2;
    ctx.globalAlpha = 0.8;
    roundRect(ctx, x0, y0, w, h, 6);
    ctx.stroke();
    ctx.globalAlpha = 1;
    const full = capacity !== null && capacity > 0 && depth >= capacity;
    const cells = capacity !== null && capacity > 0 && capacity <= 40 ? capacity : 0;
    // Oldest items sit at the head (right end): the FIFO colours, newest at the left.
    const colors = this.fifo.slice(0, Math.max(0, depth));
    if (cells > 0) {
      const cw = w / cells;
      for (let k = 0; k < cells; k++) {
        const cx = x0 + w - (k + 1) * cw;
        if (k < depth) {
          ctx.fillStyle = colors[k] ?? '#94a3b8';
          roundRect(ctx, cx + 2, y0 + 4, cw - 4, h - 8, 3);
          ctx.fill();
        } else {
          ctx.strokeStyle = ink;
          ctx.globalAlpha = 0.2;
          ctx.lineWidth = 1;
          roundRect(ctx, cx + 2, y0 + 4, cw - 4, h - 8, 3);
          ctx.stroke();
          ctx.globalAlpha = 1;
        }
      }
    } else {
      // Unbounded (or large): a bar against the deepest it has been, with the newest colours.
      const scaleTo = Math.max(capacity ?? 0, depth, this.deepest);
      this.deepest = scaleTo;
      const fw = scaleTo > 0 ? (w - 4) * (depth / scaleTo) : 0;
      const stripes = Math.min(colors.length, 60);
      for (let k = 0; k < stripes; k++) {
        ctx.fillStyle = colors[k]!;
        const sw = fw / Math.max(1, stripes);
        ctx.fillRect(x0 + w - 2 - (k + 1) * sw, y0 + 4, sw, h - 8);
      }
      if (stripes === 0 && fw > 0) {
        ctx.fillStyle = '#94a3b8';
        ctx.fillRect(x0 + w - 2 - fw, y0 + 4, fw, h - 8);
      }
    }
    ctx.fillStyle = full ? BLOCKED : ink;
    ctx.font = font(13, '600');
    ctx.textAlign = 'center';
    const capText =
      capacity === null ? 'unbounded' : capacity === 0 ? 'rendezvous (capacity 0)' : `maxsize ${capacity}`;
    ctx.fillText(
      `Queue · depth ${count.format(depth)} · ${capText}${full ? ' · FULL' : ''}`,
      x0 + w / 2,
      y0 - 12,
    );
    if (sample?.unfinished !== null && sample?.unfinished !== undefined) {
      ctx.fillStyle = ink;
      ctx.font = font(12);
      ctx.fillText(
        `unfinished tasks (WaitGroup counter): ${count.format(sample.unfinished)}`,
        x0 + w / 2,
        y0 + h + 14,
      );
    }
    ctx.textAlign = 'start';
  }

  private drawNode(
    ctx: Context2D,
    x: number,
    y: number,
    color: string,
    label: string,
    look: ProducerLook | ConsumerLook,
    ink: string,
    font: (px: number, weight?: string) => string,
  ): void {
    ctx.globalAlpha = look === 'done' ? 0.55 : 1;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(x, y, 13, 0, Math.PI * 2);
    ctx.fill();
    if (look === 'blocked' || look === 'hung' || look === 'waiting') {
      ctx.strokeStyle = look === 'waiting' ? WAITING : BLOCKED;
      ctx.lineWidth = 3;
      ctx.setLineDash(look === 'waiting' ? [4, 3] : []);
      ctx.beginPath();
      ctx.arc(x, y, 17, 0, Math.PI * 2);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = '#0f172a';
    ctx.font = font(11, '700');
    ctx.textAlign = 'center';
    ctx.fillText(label, x, y + 0.5);
    ctx.globalAlpha = 1;
    void ink;
  }

  /** Geometry of the last frame (for tests and hit areas). */
  get lastGeometry(): FlowGeometry | null {
    return this.geometry;
  }
}

function roundRect(ctx: Context2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
