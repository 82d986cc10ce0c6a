/**
 * The token picture as a canvas painter (see charts/canvas-painter.ts): it runs in
 * queue-flow.worker.ts, or on the page where a canvas cannot be handed to a worker.
 *
 * Frames that arrive while one is waiting to be drawn are folded together: samples carry
 * cumulative counts, so the latest one launches the tokens of every sample skipped.
 */
import type { AnyCanvas, CanvasPainter, PainterTools } from '../../charts/canvas-painter';
import type { FlowFrame, FlowMessage, FlowReport } from './flow-painter-protocol';
import { QueueFlowPainter } from './queue-flow';

/** Reports every few frames: the page needs the counts a few times a second, not every frame. */
const REPORT_EVERY = 6;

export class FlowCanvasPainter implements CanvasPainter<FlowMessage> {
  private readonly painter = new QueueFlowPainter();
  private pending: FlowFrame | null = null;
  private frames = 0;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: PainterTools<FlowReport>,
  ) {}

  receive(message: FlowMessage): void {
    if (message.type === 'reset') {
      this.painter.reset();
      this.pending = null;
      this.report();
      return;
    }
    // A sample skipped here is not lost: the next one's counts include its items.
    this.pending =
      this.pending?.sample && !message.sample ? { ...message, sample: this.pending.sample } : message;
    this.tools.schedule(() => this.draw());
  }

  private draw(): void {
    const frame = this.pending;
    this.pending = null;
    if (!frame) return;
    this.painter.frame(this.canvas, frame.sample, frame.now, frame.labels, frame.surface);
    this.frames += 1;
    // The last token landing is reported at once: the page stops its frame loop on it.
    if (this.frames % REPORT_EVERY === 0 || this.painter.inFlight === 0) this.report();
  }

  private report(): void {
    this.tools.report({ inFlight: this.painter.inFlight, scale: this.painter.scale, frames: this.frames });
  }
}
