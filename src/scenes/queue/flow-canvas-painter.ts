/**
 * The token picture as a canvas painter (see charts/canvas-painter.ts): it runs in
 * queue-flow.worker.ts, or on the page where a canvas cannot be handed to a worker.
 *
 * Frames that arrive while one is waiting to be drawn are folded together: samples carry
 * cumulative counts, so the latest one launches the tokens of every sample skipped.
 *
 * In its worker the painter also animates on its own frames while tokens are in flight. Driven
 * only by the page's messages, it drew about 50 frames a second even with two workers running:
 * the page's frames and the worker's are not in step, so some worker frames got no message and
 * others two (folded into one).
 */
import {
  PageClock,
  type AnyCanvas,
  type CanvasPainter,
  type PainterTools,
} from '../../charts/canvas-painter';
import type { FlowFrame, FlowMessage, FlowReport } from './flow-painter-protocol';
import { QueueFlowPainter } from './queue-flow';

/** Reports every few frames: the page needs the counts a few times a second, not every frame. */
const REPORT_EVERY = 6;

export class FlowCanvasPainter implements CanvasPainter<FlowMessage> {
  private readonly painter = new QueueFlowPainter();
  private pending: FlowFrame | null = null;
  /** The last frame drawn: its labels and surface serve the frames the painter draws on its own. */
  private latest: FlowFrame | null = null;
  /** Token times are the page's. */
  private readonly clock: PageClock;
  private frames = 0;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: PainterTools<FlowReport>,
    /** Draw frames of its own while tokens fly (in a worker; on the page, the page's loop drives it). */
    private readonly animate = false,
    localClock?: () => number,
  ) {
    this.clock = new PageClock(localClock);
  }

  receive(message: FlowMessage): void {
    if (message.type === 'reset') {
      this.painter.reset();
      this.pending = null;
      this.latest = null;
      this.report();
      return;
    }
    this.clock.observe(message.now);
    // A sample skipped here is not lost: the next one's counts include its items.
    this.pending =
      this.pending?.sample && !message.sample ? { ...message, sample: this.pending.sample } : message;
    this.tools.schedule(() => this.draw());
  }

  private draw(): void {
    const frame = this.pending ?? (this.animate && this.latest ? { ...this.latest, sample: null } : null);
    this.pending = null;
    if (!frame) return;
    this.latest = frame;
    const now = this.animate ? this.clock.now() : frame.now;
    this.painter.frame(this.canvas, frame.sample, now, frame.labels, frame.surface);
    this.frames += 1;
    // The last token landing is reported at once: the page stops its frame loop on it.
    if (this.frames % REPORT_EVERY === 0 || this.painter.inFlight === 0) this.report();
    if (this.animate && this.painter.inFlight > 0) this.tools.schedule(() => this.draw());
  }

  private report(): void {
    this.tools.report({ inFlight: this.painter.inFlight, scale: this.painter.scale, frames: this.frames });
  }
}
