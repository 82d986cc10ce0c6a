/**
 * One lane per pool worker, showing which chunk it holds over time, drawn on a canvas once per
 * animation frame. Two sources, neither of which sends a message per chunk:
 *  - the chunk a worker holds right now, which it writes into shared-memory telemetry
 *    (sampled each frame: drawn as an open bar growing from when it was first seen);
 *  - the chunks already finished, with the start and end times the workers measured
 *    (they come back with the results anyway: drawn exactly, however short).
 */
import { useEffect, useRef } from 'react';
import { schemeTableau10 } from 'd3';
import { ChartCanvas } from './chart-figure';
import {
  beginCanvasFrame,
  observeCanvasSurface,
  readCanvasSurface,
  type CanvasSurface,
} from './canvas-surface';
import { drawLaneTrack } from './lane-canvas';
import { laneGeometry } from './lane-layout';

export interface FinishedChunk {
  lane: number;
  chunk: number;
  /** performance.now() times on the page's clock. */
  startedAt: number;
  endedAt: number;
}

export interface LaneSample {
  /** Identifies one map call; the lanes restart when it changes. */
  runKey: string;
  /** When the call was submitted (performance.now() time): the left edge of the lanes. */
  startedAt: number;
  /** Per worker: the index of the chunk it holds now, or null while idle. */
  chunks: readonly (number | null)[];
  finished: readonly FinishedChunk[];
  /** What the lanes show, e.g. "timed · pool of 4 · 16 chunks of 4 tasks · repeat 2/3". */
  caption: string;
}

interface OpenChunk {
  chunk: number;
  firstSeenAt: number;
}

interface LaneState {
  runKey: string;
  open: (OpenChunk | null)[];
  last: LaneSample | null;
  /** When the last sample was taken: where a frozen picture ends. */
  lastSampleAt: number;
}

/** The canvas surface with the font string built once, not every frame. */
interface Surface extends CanvasSurface {
  font: string;
}

function chunkSurface(canvas: HTMLCanvasElement, surface = readCanvasSurface(canvas)): Surface {
  return { ...surface, cssWidth: surface.cssWidth || 600, font: `11px ${surface.fontFamily}` };
}

const LANE_HEIGHT = 22;
const REDRAW_MS = 32;
const LABEL_WIDTH = 76;
const COUNT_WIDTH = 70;

function record(state: LaneState, sample: LaneSample, now: number): void {
  if (sample.runKey !== state.runKey) {
    state.runKey = sample.runKey;
    state.open = [];
  }
  state.open = sample.chunks.map((chunk, worker) => {
    if (chunk === null) return null;
    const open = state.open[worker];
    return open && open.chunk === chunk ? open : { chunk, firstSeenAt: now };
  });
  state.last = sample;
  state.lastSampleAt = now;
}

function draw(
  canvas: HTMLCanvasElement,
  surface: Surface,
  state: LaneState,
  now: number,
  live: boolean,
): void {
  const sample = state.last;
  const workers = Math.max(1, sample?.chunks.length ?? 0);
  const { cssWidth, ink } = surface;
  const geometry = laneGeometry({
    lanes: workers,
    width: cssWidth,
    laneHeight: LANE_HEIGHT,
    labelWidth: LABEL_WIDTH,
    rightGap: COUNT_WIDTH,
    axisHeight: 22,
  });
  const g = beginCanvasFrame(canvas, cssWidth, geometry.height);
  if (!g) return;
  g.font = surface.font;
  g.textBaseline = 'middle';

  const origin = sample?.startedAt ?? now;
  const lastEnd = Math.max(0, ...(sample?.finished ?? []).map((c) => c.endedAt));
  // The whole call always fits: the time axis stretches as it goes on. (A chunk can end after
  // the frame's timestamp: it finished while this frame was being prepared.)
  const end = live ? Math.max(now, lastEnd) : Math.max(lastEnd, origin + 1);
  const span = Math.max(20, end - origin);
  const plotWidth = Math.max(10, geometry.plotRight - geometry.plotLeft);
  const toX = (t: number) => LABEL_WIDTH + (Math.max(0, t - origin) / span) * plotWidth;
  const bar = (chunk: number, x0: number, x1: number, y: number) => {
    const width = Math.max(1.5, x1 - x0 - 1);
    g.fillStyle = schemeTableau10[chunk % schemeTableau10.length]!;
    g.fillRect(x0, y + 3, width, LANE_HEIGHT - 6);
    if (width > 18) {
      g.fillStyle = '#fff';
      g.fillText(String(chunk), x0 + 3, y + LANE_HEIGHT / 2);
    }
  };

  const done = new Array<number>(workers).fill(0);
  for (let worker = 0; worker < workers; worker++) {
    const y = worker * LANE_HEIGHT;
    drawLaneTrack(g, geometry, y, ink, 0.08);
    g.fillStyle = ink;
    g.fillText(`worker ${worker + 1}`, 4, y + LANE_HEIGHT / 2);
  }
  g.save();
  g.beginPath();
  g.rect(LABEL_WIDTH, 0, plotWidth, workers * LANE_HEIGHT);
  g.clip();
  for (const c of sample?.finished ?? []) {
    if (c.lane >= workers) continue;
    done[c.lane]!++;
    bar(c.chunk, toX(c.startedAt), toX(c.endedAt), c.lane * LANE_HEIGHT);
  }
  if (live) {
    state.open.forEach((open, worker) => {
      if (open) bar(open.chunk, toX(open.firstSeenAt), toX(end), worker * LANE_HEIGHT);
    });
  }
  g.restore();
  g.fillStyle = ink;
  done.forEach((n, worker) =>
    g.fillText(`${n} done`, LABEL_WIDTH + plotWidth + 6, worker * LANE_HEIGHT + LANE_HEIGHT / 2),
  );
  const footer = geometry.axisTop + 11;
  g.fillText(sample?.caption ?? 'Run the experiment to see chunks dealt to workers.', LABEL_WIDTH, footer);
  g.textAlign = 'right';
  g.fillText(`${span < 100 ? span.toFixed(1) : Math.round(span)} ms`, LABEL_WIDTH + plotWidth, footer);
  g.textAlign = 'left';
}

export interface WorkerChunkLanesProps {
  /** Called once per frame while `active`: the workers' current and finished chunks. */
  sample: () => LaneSample | null;
  active: boolean;
}

export function WorkerChunkLanes({ sample, active }: WorkerChunkLanesProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stateRef = useRef<LaneState>({ runKey: '', open: [], last: null, lastSampleAt: 0 });
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  }, [sample]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const state = stateRef.current;
    let surface = chunkSurface(canvas);
    // A frozen picture has no frame loop to repaint it after a resize or a theme switch.
    const stopObserving = observeCanvasSurface(canvas, (next) => {
      surface = chunkSurface(canvas, next);
      if (!active) draw(canvas, surface, state, state.lastSampleAt, false);
    });
    let frame = 0;
    if (active) {
      let drawnAt = -Infinity;
      frame = requestAnimationFrame(function tick(now) {
        // Redrawn at most ~30 times a second, ~15 when there are more workers than cores: with
        // every core busy with workers, each frame the page spends less on the lanes is a frame
        // the rest of the page keeps (finished chunks carry their exact times anyway).
        const workers = state.last?.chunks.length ?? 0;
        const interval = workers > (navigator.hardwareConcurrency || 1) ? 2 * REDRAW_MS : REDRAW_MS;
        if (now - drawnAt >= interval) {
          drawnAt = now;
          const current = sampleRef.current();
          if (current) record(state, current, now);
          draw(canvas, surface, state, now, true);
        }
        frame = requestAnimationFrame(tick);
      });
    } else {
      // The run ended: one last sample brings in the chunks that finished since the last frame.
      const current = sampleRef.current();
      if (current) record(state, { ...current, chunks: current.chunks.map(() => null) }, performance.now());
      draw(canvas, surface, state, state.lastSampleAt, false);
    }
    return () => {
      cancelAnimationFrame(frame);
      stopObserving();
    };
  }, [active]);

  return (
    <ChartCanvas
      canvasRef={canvasRef}
      label="Per-worker lanes: which chunk each pool worker holds over time; colours and numbers are chunk indices."
      testId="worker-chunk-lanes"
    />
  );
}
