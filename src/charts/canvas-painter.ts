/**
 * The DOM-free half of an off-main-thread canvas chart. A painter draws on whichever canvas it is
 * given: an OffscreenCanvas handed to a painter worker, or (where a browser cannot hand canvases
 * over) the page's own canvas. It knows nothing of the page: the page posts it messages with what
 * to draw, including the width and colours it read from layout and style, which a worker cannot see.
 *
 * Why: while every core is busy with workers, the page's main thread gets only its share of a
 * core, and every millisecond of drawing, painting and committing a canvas there is stretched
 * several times over. A worker draws and commits its canvas to the compositor itself.
 *
 * The page side (handing the canvas over, the fallback, ending the worker) is painter-host.ts.
 */

export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** What drawing needs from the page, read there (layout and style, which a worker cannot see). */
export interface PainterSurface {
  /** CSS px. */
  cssWidth: number;
  /** The canvas's computed text colour, for the light and dark themes. */
  ink: string;
  fontFamily: string;
  devicePixelRatio: number;
}

/** The message a painter gets whenever the canvas is resized or the theme changes. */
export interface SurfaceMessage {
  type: 'surface';
  surface: PainterSurface;
}

export interface CanvasPainter<Message> {
  receive(message: Message): void;
}

export interface PainterTools<Report> {
  /**
   * Draws at the next frame. Calls made before that frame fold into one: only the last `draw`
   * given runs. (On the page, the fallback, it draws at once.)
   */
  schedule(draw: () => void): void;
  /** Sends something back to the page (e.g. counts it shows); nothing happens where no one listens. */
  report(report: Report): void;
}

export type PainterFactory<Message, Report = never> = (
  canvas: AnyCanvas,
  tools: PainterTools<Report>,
) => CanvasPainter<Message>;

/** What the page sends a painter worker: the canvas once, then the painter's own messages. */
export type ToPainterWorker<Message> =
  { type: 'canvas'; canvas: OffscreenCanvas } | { type: 'message'; message: Message };

/**
 * Sizes the backing store to `cssWidth` × `cssHeight` CSS px at `dpr` (reallocating only when
 * the size changed: reallocating every frame was a hot spot), clears it, and returns the context
 * drawing in CSS px. A page canvas's CSS height is the page's to set: a worker's canvas has no style.
 */
export function beginPainterFrame(
  canvas: AnyCanvas,
  cssWidth: number,
  cssHeight: number,
  dpr: number,
): Context2D | null {
  const pixelWidth = Math.round(cssWidth * dpr);
  const pixelHeight = Math.round(cssHeight * dpr);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  const ctx = canvas.getContext('2d') as Context2D | null;
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  return ctx;
}

/**
 * The page's performance.now() as read in a painter worker, whose own clock starts elsewhere:
 * the page's time in each message less this thread's time when it arrived. Messages take a
 * moment to arrive, so the largest difference seen is the closest. A painter that animates on its
 * own frames (between the page's messages) times them with this.
 */
export class PageClock {
  private offset = -Infinity;

  constructor(private readonly local: () => number = () => performance.now()) {}

  /** A message stamped `pageNow` on the page has just arrived. */
  observe(pageNow: number): void {
    this.offset = Math.max(this.offset, pageNow - this.local());
  }

  now(): number {
    return this.local() + this.offset;
  }
}

/** A `schedule` that folds the draws asked for before the next frame into one. */
export function frameScheduler(nextFrame: (callback: () => void) => void): (draw: () => void) => void {
  let pending: (() => void) | null = null;
  return (draw) => {
    const waiting = pending !== null;
    pending = draw;
    if (waiting) return;
    nextFrame(() => {
      const latest = pending;
      pending = null;
      latest?.();
    });
  };
}

interface PainterWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** Workers in Chromium and Firefox have it (for OffscreenCanvas); elsewhere a timer stands in. */
  requestAnimationFrame?: (callback: () => void) => number;
}

/**
 * A painter worker's whole entry: waits for the canvas, creates the painter on it, then hands it
 * every message. Draws at the worker's own animation frames.
 */
export function servePainter<Message, Report = never>(
  createPainter: PainterFactory<Message, Report>,
  scope: PainterWorkerScope = self as unknown as PainterWorkerScope,
): void {
  let painter: CanvasPainter<Message> | null = null;
  const nextFrame = scope.requestAnimationFrame
    ? (callback: () => void) => void scope.requestAnimationFrame!(callback)
    : (callback: () => void) => void setTimeout(callback, 16);
  scope.addEventListener('message', ({ data }: MessageEvent<ToPainterWorker<Message>>) => {
    if (data.type === 'canvas') {
      painter = createPainter(data.canvas, {
        schedule: frameScheduler(nextFrame),
        report: (report) => scope.postMessage(report),
      });
    } else {
      painter?.receive(data.message);
    }
  });
}
