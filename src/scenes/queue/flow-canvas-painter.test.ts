import { describe, expect, it } from 'vitest';
import { recordingCanvas } from '../../charts/testing/recording-canvas';
import { FlowCanvasPainter } from './flow-canvas-painter';
import type { FlowFrame, FlowReport } from './flow-painter-protocol';
import type { FlowSample } from './queue-flow';

function sample(produced: number): FlowSample {
  return {
    producers: [{ count: produced, look: 'working' }],
    consumers: [{ count: 0, look: 'waiting', gotSentinel: false }],
    depth: produced,
    capacity: null,
    sentinelsSent: 0,
    sentinelsNeeded: 1,
    unfinished: null,
  };
}

const frame = (s: FlowSample | null, now: number): FlowFrame => ({
  type: 'frame',
  sample: s,
  now,
  labels: { producers: 1, consumers: 1 },
  surface: { width: 600, ink: '#000', devicePixelRatio: 1 },
});

/** A painter whose frames run when the test says, on a clock the test sets. */
function setUp(animate: boolean) {
  const frames: (() => void)[] = [];
  const reports: FlowReport[] = [];
  let time = 1_000;
  const painter = new FlowCanvasPainter(
    recordingCanvas().canvas,
    {
      // Like frameScheduler: draws asked for before the next frame fold into one.
      schedule: (draw) => {
        if (frames.length === 0) frames.push(draw);
        else frames[0] = draw;
      },
      report: (r) => reports.push(r),
    },
    animate,
    () => time,
  );
  const nextFrame = (ms = 16) => {
    time += ms;
    frames.shift()?.();
  };
  return { painter, frames, reports, nextFrame, setTime: (t: number) => (time = t) };
}

describe('FlowCanvasPainter', () => {
  it('in a worker, keeps drawing frames of its own while tokens fly, and stops when they land', () => {
    const { painter, frames, reports, nextFrame } = setUp(true);
    painter.receive(frame(sample(0), 1_000));
    nextFrame();
    painter.receive(frame(sample(5), 1_020));
    nextFrame();
    // Five tokens launched; no message comes from the page, yet the next frames are drawn.
    let drawn = 0;
    while (frames.length > 0 && drawn < 100) {
      nextFrame();
      drawn++;
    }
    // A flight lasts 420 ms: about 26 frames of 16 ms, then the loop ends by itself.
    expect(drawn).toBeGreaterThan(20);
    expect(drawn).toBeLessThan(40);
    expect(reports.at(-1)).toMatchObject({ inFlight: 0 });
  });

  it('on the page, draws only the frames the page posts', () => {
    const { painter, frames, nextFrame } = setUp(false);
    painter.receive(frame(sample(0), 1_000));
    nextFrame();
    painter.receive(frame(sample(5), 1_020));
    nextFrame();
    expect(frames).toHaveLength(0);
  });
});
