/**
 * What the page and the token painter (flow-canvas-painter.ts, in queue-flow.worker.ts) say to
 * each other. The page samples the run each animation frame and posts the sample; the painter
 * draws the tokens, and reports how many are in flight and how many items a token stands for.
 */
import type { FlowLabels, FlowSample, FlowSurface } from './queue-flow';

export interface FlowFrame {
  type: 'frame';
  sample: FlowSample | null;
  /** The page's performance.now() for this frame: token times all come from the page's clock. */
  now: number;
  labels: FlowLabels;
  surface: FlowSurface;
}

export type FlowMessage = { type: 'reset' } | FlowFrame;

export interface FlowReport {
  inFlight: number;
  scale: number;
  /** Frames drawn since the painter started: the token animation's own frame rate. */
  frames: number;
}
