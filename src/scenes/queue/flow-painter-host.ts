/**
 * The page's handle on the token picture. The tokens are drawn by a painter (flow-canvas-painter.ts)
 * in queue-flow.worker.ts where the browser can hand the canvas to a worker, on the page
 * otherwise (charts/painter-host.ts decides); the page only posts a sample per frame.
 *
 * The page reads the canvas's width and colour (layout and style, which a worker cannot see)
 * at most every SURFACE_MS, and sets its CSS height from the geometry.
 */
import { createPainterHost, type PainterHost } from '../../charts/painter-host';
import { FlowCanvasPainter } from './flow-canvas-painter';
import type { FlowMessage, FlowReport } from './flow-painter-protocol';
import { flowGeometry, type FlowLabels, type FlowSample, type FlowSurface } from './queue-flow';

/** Reading layout and computed style every frame is costly when the cores are busy. */
const SURFACE_MS = 500;

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
  let surface: FlowSurface = { width: 0, ink: '', devicePixelRatio: 1 };
  let surfaceReadAt = -Infinity;
  let cssHeight = 0;
  const prepare = (now: number, labels: FlowLabels): FlowSurface => {
    if (now - surfaceReadAt > SURFACE_MS || now < surfaceReadAt) {
      surfaceReadAt = now;
      surface = {
        width: canvas.clientWidth,
        ink: getComputedStyle(canvas).color,
        devicePixelRatio: window.devicePixelRatio || 1,
      };
    }
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
  return {
    canvas,
    frame(sample, now, labels) {
      host.post({ type: 'frame', sample, now, labels, surface: prepare(now, labels) });
    },
    reset() {
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
    dispose: () => host.dispose(),
  };
}
