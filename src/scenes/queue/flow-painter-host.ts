/**
 * The page's handle on the token picture. Where the browser can hand a canvas to a worker
 * (transferControlToOffscreen), the tokens are drawn in queue-flow.worker.ts and the main thread
 * only posts a sample per frame; elsewhere the same painter draws on the page.
 *
 * The page reads the canvas's width and colour (layout and style, which a worker cannot see)
 * at most every SURFACE_MS, and sets its CSS height from the geometry.
 */
import type { FromPainter, ToPainter } from './flow-painter-protocol';
import {
  flowGeometry,
  QueueFlowPainter,
  type FlowLabels,
  type FlowSample,
  type FlowSurface,
} from './queue-flow';

/** Reading layout and computed style every frame is costly when the cores are busy. */
const SURFACE_MS = 500;

export interface FlowPainterHandle {
  readonly canvas: HTMLCanvasElement;
  frame(sample: FlowSample | null, now: number, labels: FlowLabels): void;
  reset(): void;
  /** Tokens in flight at the last frame drawn (a worker reports it a frame late). */
  readonly inFlight: number;
  /** Items per token. */
  readonly scale: number;
  /** Frames of tokens drawn so far (a worker reports it a frame late). */
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

  const worker = startPainterWorker(canvas);
  if (worker === 'unavailable') return inertPainter(canvas);
  if (worker) {
    let reported: FromPainter = { inFlight: 0, scale: 1, frames: 0 };
    worker.addEventListener('message', (event: MessageEvent<FromPainter>) => {
      reported = event.data;
    });
    // A painter that cannot run must not keep the scene waiting for tokens to land.
    worker.addEventListener('error', () => {
      reported = { ...reported, inFlight: 0 };
    });
    const post = (message: ToPainter) => worker.postMessage(message);
    return {
      canvas,
      frame(sample, now, labels) {
        post({ type: 'frame', sample, now, labels, surface: prepare(now, labels) });
      },
      reset() {
        reported = { ...reported, inFlight: 0, scale: 1 };
        post({ type: 'reset' });
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
      offMainThread: true,
      dispose: () => worker.terminate(),
    };
  }

  const painter = new QueueFlowPainter();
  let framesDrawn = 0;
  return {
    canvas,
    frame(sample, now, labels) {
      painter.frame(canvas, sample, now, labels, prepare(now, labels));
      framesDrawn += 1;
    },
    reset: () => painter.reset(),
    get inFlight() {
      return painter.inFlight;
    },
    get scale() {
      return painter.scale;
    },
    get framesDrawn() {
      return framesDrawn;
    },
    offMainThread: false,
    dispose: () => undefined,
  };
}

/** A canvas already handed to a worker that has ended cannot be drawn on again: draw nothing. */
function inertPainter(canvas: HTMLCanvasElement): FlowPainterHandle {
  return {
    canvas,
    frame: () => undefined,
    reset: () => undefined,
    inFlight: 0,
    scale: 1,
    framesDrawn: 0,
    offMainThread: false,
    dispose: () => undefined,
  };
}

/** null: no OffscreenCanvas here, draw on the page; 'unavailable': this canvas was handed over before. */
function startPainterWorker(canvas: HTMLCanvasElement): Worker | null | 'unavailable' {
  if (typeof canvas.transferControlToOffscreen !== 'function' || typeof Worker === 'undefined') return null;
  let offscreen: OffscreenCanvas;
  try {
    offscreen = canvas.transferControlToOffscreen();
  } catch (error) {
    console.warn('The queue picture cannot be drawn: its canvas was already handed to a worker.', error);
    return 'unavailable';
  }
  const worker = new Worker(new URL('./queue-flow.worker.ts', import.meta.url), {
    type: 'module',
    name: 'queue token painter',
  });
  worker.postMessage({ type: 'canvas', canvas: offscreen } satisfies ToPainter, [offscreen]);
  return worker;
}
