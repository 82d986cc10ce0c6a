/**
 * Messages between the page and the token painter worker (queue-flow.worker.ts). The page samples
 * the run each animation frame and posts the sample; the worker draws the tokens on the canvas the
 * page handed it, and reports how many are in flight and how many items a token stands for.
 */
import type { FlowLabels, FlowSample, FlowSurface } from './queue-flow';

export type ToPainter =
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'reset' }
  | {
      type: 'frame';
      sample: FlowSample | null;
      /** The page's performance.now() for this frame: token times all come from the page's clock. */
      now: number;
      labels: FlowLabels;
      surface: FlowSurface;
    };

export interface FromPainter {
  inFlight: number;
  scale: number;
  /** Frames drawn since the painter started: the token animation's own frame rate. */
  frames: number;
}
