/**
 * Draws the queue's tokens off the main thread. With every core busy with producer and consumer
 * workers, the page's main thread gets only its share of a core: drawing hundreds of tokens
 * there (and painting and committing the canvas each frame) cost it frames. Here, the page only
 * posts one small sample per frame, and the canvas goes to the compositor from this thread.
 *
 * Frames that arrive while one is being drawn are folded together: samples carry cumulative
 * counts, so the latest one launches the tokens of every sample skipped.
 */
import type { FromPainter, ToPainter } from './flow-painter-protocol';
import { QueueFlowPainter } from './queue-flow';

const scope = self as unknown as {
  postMessage(message: FromPainter): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToPainter>) => void): void;
  requestAnimationFrame?: (callback: () => void) => number;
};

const painter = new QueueFlowPainter();
let canvas: OffscreenCanvas | null = null;
let pending: Extract<ToPainter, { type: 'frame' }> | null = null;
let scheduled = false;
let frames = 0;
/** Reports every few frames: the page needs the counts a few times a second, not every frame. */
const REPORT_EVERY = 6;

function drawPending(): void {
  scheduled = false;
  const frame = pending;
  pending = null;
  if (!canvas || !frame) return;
  painter.frame(canvas, frame.sample, frame.now, frame.labels, frame.surface);
  frames += 1;
  // The last token landing is reported at once: the page stops its frame loop on it.
  if (frames % REPORT_EVERY === 0 || painter.inFlight === 0)
    scope.postMessage({ inFlight: painter.inFlight, scale: painter.scale, frames });
}

scope.addEventListener('message', ({ data }) => {
  switch (data.type) {
    case 'canvas':
      canvas = data.canvas;
      break;
    case 'reset':
      painter.reset();
      pending = null;
      scope.postMessage({ inFlight: 0, scale: painter.scale, frames });
      break;
    case 'frame':
      // A sample skipped here is not lost: the next one's counts include its items.
      if (pending?.sample && !data.sample) pending = { ...data, sample: pending.sample };
      else pending = data;
      if (!scheduled) {
        scheduled = true;
        if (scope.requestAnimationFrame) scope.requestAnimationFrame(drawPending);
        else setTimeout(drawPending, 0);
      }
      break;
  }
});

export {};
