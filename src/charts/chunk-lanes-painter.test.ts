import { describe, expect, it } from 'vitest';
import { frameScheduler, PageClock } from './canvas-painter';
import { ChunkLanesPainter, type FinishedChunk, type LaneSample } from './chunk-lanes-painter';
import { recordingCanvas } from './testing/recording-canvas';

const chunk = (lane: number, index: number): FinishedChunk => ({
  lane,
  chunk: index,
  startedAt: index * 10,
  endedAt: index * 10 + 8,
});

function sample(runKey: string, finishedFrom: number, finished: FinishedChunk[], workers = 2): LaneSample {
  return {
    runKey,
    startedAt: 0,
    chunks: new Array(workers).fill(null),
    finishedFrom,
    finished,
    caption: runKey,
  };
}

function painterWithSurface() {
  const { canvas, texts } = recordingCanvas();
  const painter = new ChunkLanesPainter(canvas, { schedule: (draw) => draw() });
  painter.receive({
    type: 'surface',
    surface: { cssWidth: 600, ink: '#000', fontFamily: 'sans-serif', devicePixelRatio: 2 },
  });
  return { painter, texts, canvas };
}

/** The per-lane "n done" counts of the last frame drawn. */
const doneCounts = (texts: string[], lanes: number) => texts.filter((t) => t.endsWith(' done')).slice(-lanes);

describe('ChunkLanesPainter', () => {
  it('adds up finished chunks sent a few at a time', () => {
    const { painter, texts, canvas } = painterWithSurface();
    painter.receive({
      type: 'sample',
      sample: sample('a', 0, [chunk(0, 0), chunk(1, 1)]),
      now: 20,
      live: true,
      rows: 2,
    });
    painter.receive({ type: 'sample', sample: sample('a', 2, [chunk(0, 2)]), now: 30, live: false, rows: 2 });
    expect(doneCounts(texts, 2)).toEqual(['2 done', '1 done']);
    // Two lanes of 22 px and the axis, at the pixel ratio the page read.
    expect(canvas.height).toBe((2 * 22 + 22) * 2);
  });

  it('starts over when the call changes, and does not count a resent chunk twice', () => {
    const { painter, texts } = painterWithSurface();
    painter.receive({
      type: 'sample',
      sample: sample('a', 0, [chunk(0, 0), chunk(1, 1), chunk(0, 2)]),
      now: 30,
      live: true,
      rows: 2,
    });
    painter.receive({ type: 'sample', sample: sample('b', 0, [chunk(1, 0)]), now: 40, live: true, rows: 2 });
    expect(doneCounts(texts, 2)).toEqual(['0 done', '1 done']);
    painter.receive({ type: 'sample', sample: sample('b', 0, [chunk(1, 0)]), now: 50, live: false, rows: 2 });
    expect(doneCounts(texts, 2)).toEqual(['0 done', '1 done']);
  });

  it('keeps the rows the page laid the canvas out for when a call has fewer workers', () => {
    const { painter, texts, canvas } = painterWithSurface();
    painter.receive({
      type: 'sample',
      sample: sample('serial', 0, [chunk(0, 0)], 1),
      now: 10,
      live: true,
      rows: 8,
    });
    // One worker's lane is labelled and counted; the canvas keeps the height of eight lanes.
    expect(texts).toContain('worker 1');
    expect(texts).not.toContain('worker 2');
    expect(doneCounts(texts, 1)).toEqual(['1 done']);
    expect(canvas.height).toBe((8 * 22 + 22) * 2);
  });

  it('labels every row before a run: the workers the run will start', () => {
    const { painter, texts } = painterWithSurface();
    painter.receive({ type: 'sample', sample: null, now: 0, live: false, rows: 4 });
    expect(texts.filter((t) => t.startsWith('worker ')).slice(-5)).toEqual([
      'worker 1',
      'worker 1',
      'worker 2',
      'worker 3',
      'worker 4',
    ]);
  });

  it('draws nothing before the page has said how wide the canvas is', () => {
    const { canvas, texts } = recordingCanvas();
    const painter = new ChunkLanesPainter(canvas, { schedule: (draw) => draw() });
    painter.receive({ type: 'sample', sample: sample('a', 0, [chunk(0, 0)]), now: 10, live: true, rows: 2 });
    expect(texts).toEqual([]);
  });
});

describe('frameScheduler', () => {
  it('runs only the last draw asked for before the frame, once', () => {
    const frames: (() => void)[] = [];
    const schedule = frameScheduler((callback) => frames.push(callback));
    const drawn: number[] = [];
    schedule(() => drawn.push(1));
    schedule(() => drawn.push(2));
    schedule(() => drawn.push(3));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(drawn).toEqual([3]);
    schedule(() => drawn.push(4));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(drawn).toEqual([3, 4]);
  });
});

describe('PageClock', () => {
  it("reads the page's time on this thread's clock, from the least delayed message", () => {
    let local = 10;
    const clock = new PageClock(() => local);
    clock.observe(1_000); // sent at page time 1000, arrived at local 10
    local = 25;
    clock.observe(1_010); // sent at 1010, arrived 5 ms late
    local = 30;
    expect(clock.now()).toBe(1_020);
  });
});
