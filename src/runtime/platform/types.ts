/**
 * The one seam between the browser and Node. Everything else in the runtime is platform-free.
 *
 * Parent side:  Platform.spawn(init) → WorkerLike (a Web Worker or a node:worker_threads Worker)
 * Worker side:  WorkerSide, handed to `runWorker(side)` by the two worker entry files.
 *
 * Messages are structured-cloned. The protocol on top of them is in `process/protocol.ts`.
 */
import type { ErrorInfo } from '../errors';

export interface WorkerInit {
  /** Shown in devtools / thread names: the process name. */
  name: string;
}

/** A running worker as the parent sees it. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** An error the worker itself could not report (e.g. its entry module failed to load). */
  onError(listener: (error: ErrorInfo) => void): void;
  /**
   * The thread is gone. Node reports it ('exit' event); browsers have no such event, so the
   * browser adapter reports it right after `terminate()`.
   */
  onExit(listener: () => void): void;
  terminate(): void;
}

export interface Platform {
  readonly kind: 'browser' | 'node';
  spawn(init: WorkerInit): WorkerLike;
  /** Milliseconds since the Unix epoch, sub-millisecond resolution, comparable across threads. */
  now(): number;
  cpuCount(): number;
}

/** A worker's view of its parent. */
export interface WorkerSide {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  now(): number;
}
