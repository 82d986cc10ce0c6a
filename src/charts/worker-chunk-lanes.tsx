/**
 * One lane per pool worker, showing which chunk it holds over time. The lanes are drawn on a
 * canvas from a sample taken once per animation frame (the workers write their current chunk
 * into shared memory; nothing is posted per chunk), so a chunk shorter than a frame can slip
 * between two samples: that is the price of observing without perturbing.
 */
import { useEffect, useRef } from 'react';
import { schemeTableau10 } from 'd3';

export interface LaneSample {
  /** Identifies one map call; the lanes restart when it changes. */
  runKey: string;
  /** Per worker: the index of the chunk it holds now, or null while idle. */
  chunks: readonly (number | null)[];
  /** Per worker: how many chunks it has finished in this map call, when known. */
  completed?: readonly number[];
  /** What the lanes show, e.g. "pool of 4 · chunksize 4 · repeat 2/3". */
  caption: string;
}

interface Segment {
  chunk: number;
  t0: number;
  t1: number | null;
}

interface LaneState {
  runKey: string;
  startedAt: number;
  lanes: Segment[][];
  last: LaneSample | null;
}

const LANE_HEIGHT = 22;
const LABEL_WIDTH = 76;
const COUNT_WIDTH = 70;

/** Folds one sample into the lanes: a changed chunk closes the old segment and opens a new one. */
function record(state: LaneState, sample: LaneSample, now: number): void {
  if (sample.runKey !== state.runKey) {
    state.runKey = sample.runKey;
    state.startedAt = now;
    state.lanes = [];
  }
  sample.chunks.forEach((chunk, worker) => {
    const lane = (state.lanes[worker] ??= []);
    const open = lane.at(-1);
    if (open && open.t1 === null && open.chunk !== chunk) open.t1 = now;
    if (chunk !== null && (!open || open.t1 !== null)) lane.push({ chunk, t0: now, t1: null });
  });
  state.last = sample;
}

function draw(canvas: HTMLCanvasElement, state: LaneState, now: number): void {
  const workers = Math.max(1, state.last?.chunks.length ?? 0);
  const cssWidth = canvas.clientWidth || 600;
  const cssHeight = workers * LANE_HEIGHT + 22;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(cssWidth * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    canvas.style.height = `${cssHeight}px`;
  }
  const g = canvas.getContext('2d');
  if (!g) return;
  const style = getComputedStyle(canvas);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssWidth, cssHeight);
  g.font = `11px ${style.fontFamily}`;
  g.textBaseline = 'middle';

  const plotWidth = Math.max(10, cssWidth - LABEL_WIDTH - COUNT_WIDTH);
  // The whole map call always fits: the time axis stretches as it goes on.
  const span = Math.max(50, now - state.startedAt);
  const toX = (t: number) => LABEL_WIDTH + ((t - state.startedAt) / span) * plotWidth;

  for (let worker = 0; worker < workers; worker++) {
    const y = worker * LANE_HEIGHT;
    g.fillStyle = style.color;
    g.globalAlpha = 0.08;
    g.fillRect(LABEL_WIDTH, y + 2, plotWidth, LANE_HEIGHT - 4);
    g.globalAlpha = 1;
    g.fillText(`worker ${worker + 1}`, 4, y + LANE_HEIGHT / 2);
    for (const seg of state.lanes[worker] ?? []) {
      const x0 = toX(seg.t0);
      const x1 = Math.max(x0 + 2, toX(seg.t1 ?? now));
      g.fillStyle = schemeTableau10[seg.chunk % schemeTableau10.length]!;
      g.fillRect(x0, y + 3, x1 - x0 - 1, LANE_HEIGHT - 6);
      if (x1 - x0 > 18) {
        g.fillStyle = '#fff';
        g.fillText(String(seg.chunk), x0 + 3, y + LANE_HEIGHT / 2);
      }
    }
    const done = state.last?.completed?.[worker];
    if (done !== undefined) {
      g.fillStyle = style.color;
      g.fillText(`${done} done`, LABEL_WIDTH + plotWidth + 6, y + LANE_HEIGHT / 2);
    }
  }
  g.fillStyle = style.color;
  g.fillText(`${Math.round(span)} ms`, LABEL_WIDTH + plotWidth - 40, workers * LANE_HEIGHT + 11);
  g.fillText(state.last?.caption ?? 'idle', LABEL_WIDTH, workers * LANE_HEIGHT + 11);
}

export interface WorkerChunkLanesProps {
  /** Called once per frame while `active`: the workers' current chunks. */
  sample: () => LaneSample | null;
  active: boolean;
}

export function WorkerChunkLanes({ sample, active }: WorkerChunkLanesProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stateRef = useRef<LaneState>({ runKey: '', startedAt: 0, lanes: [], last: null });
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  }, [sample]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const state = stateRef.current;
    if (!active) {
      // Freeze the last picture: close open segments where the run ended.
      const now = performance.now();
      for (const lane of state.lanes) for (const seg of lane) seg.t1 ??= now;
      draw(canvas, state, now);
      return;
    }
    let frame = requestAnimationFrame(function tick(now) {
      const current = sampleRef.current();
      if (current) record(state, current, now);
      draw(canvas, state, now);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active]);

  return (
    <canvas
      ref={canvasRef}
      className="block w-full text-slate-700 dark:text-slate-200"
      role="img"
      aria-label="Per-worker lanes: which chunk each pool worker holds over time; colours and numbers are chunk indices."
      data-testid="worker-chunk-lanes"
    />
  );
}
