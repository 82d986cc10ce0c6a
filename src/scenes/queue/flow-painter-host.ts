/**
 * The page's handle on the token picture. The tokens are drawn by a painter (flow-canvas-painter.ts)
 * in queue-flow.worker.ts where the browser can hand the canvas to a worker, on the page
 * otherwise (charts/painter-host.ts decides); the page only posts a sample per frame.
 *
 * The page reads the canvas's width and colour (layout and style, which a worker cannot see)
 * when the canvas is resized or the theme changes, redraws the last frame then, and sets the
 * canvas's CSS height from the geometry.
 */
import { observeCanvasSurface, readCanvasSurface, type CanvasSurface } from '../../charts/canvas-surface';
import { createPainterHost, type PainterHost } from '../../charts/painter-host';
import { FlowCanvasPainter } from './flow-canvas-painter';
import type { FlowMessage, FlowReport } from './flow-painter-protocol';
import { flowGeometry, type FlowLabels, type FlowSample, type FlowSurface } from './queue-flow';

export interface FlowPainterHandle {
  readonly canvas: HTMLCanvasElement;
  frame(sample: FlowSample | null, now: number, labels: FlowLabels): void;
  reset(): void;
  /** Tokens in flight at the last report (the painter reports every few frames, and at once when none are left). */
  readonly inFlight: number;
  /** Items per token. */
  readonly scale: number;
  /** Frames of tokens drawn so far (as last reported). */
  readonly framesDrawn: number;
  /** Whether the tokens are drawn off the main thread. */
  readonly offMainThread: boolean;
  /** Ends the painter worker, if any. The canvas cannot be drawn on afterwards. */
  dispose(): void;
}

export function createFlowPainter(canvas: HTMLCanvasElement): FlowPainterHandle {
  const toFlowSurface = (read: CanvasSurface): FlowSurface => ({
    width: read.cssWidth,
    ink: read.ink,
    devicePixelRatio: window.devicePixelRatio || 1,
  });
  let surface = toFlowSurface(readCanvasSurface(canvas));
  let cssHeight = 0;
  const prepare = (labels: FlowLabels): FlowSurface => {
    const height = flowGeometry(
      Math.max(320, Math.floor(surface.width)),
      labels.producers,
      labels.consumers,
    ).height;
    if (height !== cssHeight) {
      cssHeight = height;
      canvas.style.height = `${height}px`;
    }
    return surface;
  };
  let reported: FlowReport = { inFlight: 0, scale: 1, frames: 0 };
  const host: PainterHost<FlowMessage> = createPainterHost<FlowMessage, FlowReport>(canvas, {
    what: 'The queue picture',
    startWorker: () =>
      new Worker(new URL('./queue-flow.worker.ts', import.meta.url), {
        type: 'module',
        name: 'queue token painter',
      }),
    createPainter: (target, tools) => new FlowCanvasPainter(target, tools),
    onReport: (report) => (reported = report),
    // A painter that cannot run must not keep the scene waiting for tokens to land.
    onError: () => (reported = { ...reported, inFlight: 0 }),
  });
  /** The last frame posted: drawn again when the surface changes (a frozen picture has no frame loop). */
  let last: { sample: FlowSample | null; labels: FlowLabels } | null = null;
  const stopObserving = observeCanvasSurface(canvas, (read) => {
    surface = toFlowSurface(read);
    if (last) host.post({ type: 'frame', ...last, now: performance.now(), surface: prepare(last.labels) });
  });
  return {
    canvas,
    frame(sample, now, labels) {
      last = { sample, labels };
      host.post({ type: 'frame', sample, now, labels, surface: prepare(labels) });
    },
    reset() {
      last = null;
      reported = { ...reported, inFlight: 0, scale: 1 };
      host.post({ type: 'reset' });
    },
    get inFlight() {
      return reported.inFlight;
    },
    get scale() {
      return reported.scale;
    },
    get framesDrawn() {
      return reported.frames;
    },
    offMainThread: host.offMainThread,
    dispose: () => {
      stopObserving();
      host.dispose();
    },
  };
}
