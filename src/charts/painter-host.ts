/**
 * The page's half of an off-main-thread canvas chart (the painter itself is canvas-painter.ts).
 * Hands the canvas to a painter worker where the browser can (transferControlToOffscreen), or runs
 * the same painter on the page where it cannot; either way the chart only posts messages. The
 * worker ends with the chart: `usePainterHost` disposes of it when the component unmounts.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { PainterFactory, SurfaceMessage, ToPainterWorker } from './canvas-painter';
import { observeCanvasSurface, readCanvasSurface, type CanvasSurface } from './canvas-surface';

export interface PainterHost<Message> {
  readonly canvas: HTMLCanvasElement;
  /** Whether the painter runs in a worker. */
  readonly offMainThread: boolean;
  post(message: Message): void;
  /** Ends the painter worker, if any. The canvas cannot be drawn on afterwards. */
  dispose(): void;
}

export interface PainterHostOptions<Message, Report> {
  /** Starts the painter worker: `new Worker(new URL('./x.worker.ts', import.meta.url), …)`, written where the bundler sees it. */
  startWorker: () => Worker;
  /** The same painter, for browsers that cannot hand a canvas to a worker. */
  createPainter: PainterFactory<Message, Report>;
  onReport?: (report: Report) => void;
  /** The worker failed (it could not load, or threw): whatever it reported last is stale. */
  onError?: () => void;
  /** For the console message when the canvas cannot be drawn, e.g. "the queue picture". */
  what: string;
}

export function createPainterHost<Message, Report = never>(
  canvas: HTMLCanvasElement,
  options: PainterHostOptions<Message, Report>,
): PainterHost<Message> {
  if (typeof canvas.transferControlToOffscreen !== 'function' || typeof Worker === 'undefined') {
    const painter = options.createPainter(canvas, {
      schedule: (draw) => draw(),
      report: (report) => options.onReport?.(report),
    });
    return { canvas, offMainThread: false, post: (message) => painter.receive(message), dispose: () => {} };
  }
  let offscreen: OffscreenCanvas;
  try {
    offscreen = canvas.transferControlToOffscreen();
  } catch (error) {
    // Handed to a worker before (and that worker has ended): nothing can draw on it again.
    console.warn(`${options.what} cannot be drawn: its canvas was already handed to a worker.`, error);
    return { canvas, offMainThread: false, post: () => {}, dispose: () => {} };
  }
  let worker: Worker;
  try {
    worker = options.startWorker();
  } catch (error) {
    // The canvas is the worker's now: nothing else can draw on it. Say so, and keep the page up.
    console.warn(`${options.what} cannot be drawn: its painter worker did not start.`, error);
    options.onError?.();
    return { canvas, offMainThread: false, post: () => {}, dispose: () => {} };
  }
  if (options.onReport) {
    const onReport = options.onReport;
    worker.addEventListener('message', (event: MessageEvent<Report>) => onReport(event.data));
  }
  worker.addEventListener('error', (event) => {
    console.warn(`${options.what}: its painter worker failed.`, event.message);
    options.onError?.();
  });
  worker.postMessage({ type: 'canvas', canvas: offscreen } satisfies ToPainterWorker<Message>, [offscreen]);
  return {
    canvas,
    offMainThread: true,
    post: (message) => worker.postMessage({ type: 'message', message } satisfies ToPainterWorker<Message>),
    dispose: () => worker.terminate(),
  };
}

/**
 * The painter host for the canvas in `canvasRef` (a PainterHost, or a handle built around one),
 * created on first use (and again if the canvas element changes), disposed of when the component
 * unmounts. Returns a getter: null until the canvas is mounted.
 */
export function usePainterHost<Host extends { readonly canvas: HTMLCanvasElement; dispose(): void }>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  create: (canvas: HTMLCanvasElement) => Host,
): () => Host | null {
  const hostRef = useRef<Host | null>(null);
  const createRef = useRef(create);
  useEffect(() => {
    createRef.current = create;
  });
  const host = useCallback((): Host | null => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    if (hostRef.current?.canvas !== canvas) {
      hostRef.current?.dispose();
      hostRef.current = createRef.current(canvas);
    }
    return hostRef.current;
  }, [canvasRef]);
  // Deferred: React's development double mount runs this cleanup and mounts again at once, and a
  // canvas can be handed to a worker only once.
  const disposeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (disposeTimer.current !== null) clearTimeout(disposeTimer.current);
    disposeTimer.current = null;
    return () => {
      disposeTimer.current = setTimeout(() => {
        hostRef.current?.dispose();
        hostRef.current = null;
      }, 0);
    };
  }, []);
  return host;
}

function painterSurface(surface: CanvasSurface): SurfaceMessage {
  return { type: 'surface', surface: { ...surface, devicePixelRatio: window.devicePixelRatio || 1 } };
}

/**
 * Posts the canvas's width and colours to its painter now, then whenever the canvas is resized or
 * the theme changes: read on the page (layout and style), never per frame.
 */
export function usePainterSurface<Message>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  painter: () => { post(message: Message | SurfaceMessage): void } | null,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const host = painter();
    if (!canvas || !host) return;
    host.post(painterSurface(readCanvasSurface(canvas)));
    return observeCanvasSurface(canvas, (surface) => host.post(painterSurface(surface)));
  }, [canvasRef, painter]);
}
