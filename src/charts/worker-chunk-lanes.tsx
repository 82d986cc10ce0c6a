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
  /** When the last sample was taken, and where a frozen picture ends. */
  lastSampleAt: number;
  frozenAt: number;
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
  state.lastSampleAt = now;
}

/**
 * What drawing needs from the page, read once (and on resize) rather than every frame: reading
 * layout or computed style in a frame forces the browser to recompute them when anything else
 * changed, and with every core busy with workers that stretched frames to 100 ms and more.
 */
interface Surface {
  cssWidth: number;
  color: string;
  font: string;
}

function draw(canvas: HTMLCanvasElement, surface: Surface, state: LaneState, now: number): void {
  const workers = Math.max(1, state.last?.chunks.length ?? 0);
  const { cssWidth, color } = surface;
  const cssHeight = workers * LANE_HEIGHT + 22;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(cssWidth * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    canvas.style.height = `${cssHeight}px`;
  }
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssWidth, cssHeight);
  g.font = surface.font;
  g.textBaseline = 'middle';

  const plotWidth = Math.max(10, cssWidth - LABEL_WIDTH - COUNT_WIDTH);
  // The whole map call always fits: the time axis stretches as it goes on.
  const span = Math.max(50, now - state.startedAt);
  const toX = (t: number) => LABEL_WIDTH + ((t - state.startedAt) / span) * plotWidth;

  for (let worker = 0; worker < workers; worker++) {
    const y = worker * LANE_HEIGHT;
    g.fillStyle = color;
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
      g.fillStyle = color;
      g.fillText(`${done} done`, LABEL_WIDTH + plotWidth + 6, y + LANE_HEIGHT / 2);
    }
  }
  g.fillStyle = color;
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
  const stateRef = useRef<LaneState>({ runKey: '', startedAt: 0, lanes: [], last: null, lastSampleAt: 0, frozenAt: 0 });
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  }, [sample]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const state = stateRef.current;
    const readSurface = (): Surface => {
      const style = getComputedStyle(canvas);
      return { cssWidth: canvas.clientWidth || 600, color: style.color, font: `11px ${style.fontFamily}` };
    };
    let surface = readSurface();
    // Theme switches change the colour class; resizes the width: both re-read the surface
    // (and redraw a frozen picture, which no frame loop will repaint).
    const refresh = () => {
      surface = readSurface();
      if (!active) draw(canvas, surface, state, state.frozenAt);
    };
    const resize = new ResizeObserver(refresh);
    resize.observe(canvas);
    const theme = new MutationObserver(refresh);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    let frame = 0;
    if (active) {
      frame = requestAnimationFrame(function tick(now) {
        const current = sampleRef.current();
        if (current) record(state, current, now);
        draw(canvas, surface, state, now);
        frame = requestAnimationFrame(tick);
      });
    } else {
      // Freeze the last picture: close open segments where the run ended.
      state.frozenAt = state.lastSampleAt || performance.now();
      for (const lane of state.lanes) for (const seg of lane) seg.t1 ??= state.frozenAt;
      draw(canvas, surface, state, state.frozenAt);
    }
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      theme.disconnect();
    };
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
