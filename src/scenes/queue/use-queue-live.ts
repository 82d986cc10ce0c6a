/**
 * The live side of the queue scene: once per animation frame, sample the running experiment
 * (stats lines, depth, telemetry states), draw the token canvas, and grow the depth, throughput
 * and lane series. React state is refreshed a few times a second only; the canvas every frame.
 */
import { useCallback, useRef, useState } from 'react';
import { extendLanes, type StateSegment } from '../../charts/state-lanes';
import { now as runtimeNow } from '../../runtime';
import { takeSnapshot } from '../../telemetry';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { QueueFlowPainter } from './queue-flow';
import { sampleQueue, type QueueFrame } from './queue-sampler';
import type { QueueLiveView } from './run-queue';

const FLUSH_MS = 150;
const MAX_POINTS = 1_200;

export interface QueueLiveSeries {
  depth: [number, number][];
  throughput: [number, number][];
  lanes: StateSegment[][];
  laneLabels: string[];
  elapsedMs: number;
  scale: number;
}

interface Accumulated {
  depth: [number, number][];
  consumed: [number, number][];
  lanes: StateSegment[][];
  lastFlush: number;
}

const emptySeries: QueueLiveSeries = {
  depth: [],
  throughput: [],
  lanes: [],
  laneLabels: [],
  elapsedMs: 0,
  scale: 1,
};

function thin<T>(points: readonly T[]): T[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = points.length / MAX_POINTS;
  const out: T[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points.at(-1)!);
  return out;
}

function ratesFrom(consumed: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1, from = 0; i < consumed.length; i++) {
    const [t, total] = consumed[i]!;
    const [t0, total0] = consumed[from]!;
    if (t - t0 >= 100) {
      out.push([t, Math.round(((total - total0) * 1000) / (t - t0))]);
      from = i;
    }
  }
  return out;
}

/**
 * Samples and draws once per animation frame while `running`, and until the last tokens land.
 * Returns what the scene renders: the canvas ref, `attach` (give it the run's live view), the
 * series for the charts, the last frame (for the canvas's text alternative), and `drawIdle`.
 */
export function useQueueLive(running: boolean) {
  const painterRef = useRef<QueueFlowPainter | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const viewRef = useRef<QueueLiveView | null>(null);
  const accRef = useRef<Accumulated>({ depth: [], consumed: [], lanes: [], lastFlush: 0 });
  const [series, setSeries] = useState<QueueLiveSeries>(emptySeries);
  const [lastFrame, setLastFrame] = useState<QueueFrame | null>(null);
  const [tail, setTail] = useState(false);

  const painter = useCallback(() => (painterRef.current ??= new QueueFlowPainter()), []);

  const attach = useCallback(
    (view: QueueLiveView) => {
      viewRef.current = view;
      painter().reset();
      accRef.current = { depth: [], consumed: [], lanes: [], lastFlush: 0 };
      setSeries(emptySeries);
      setLastFrame(null);
      setTail(true);
    },
    [painter],
  );

  const drawIdle = useCallback(
    (producers: number, consumers: number) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      viewRef.current = null;
      painter().reset();
      painter().frame(canvas, null, performance.now(), { producers, consumers });
    },
    [painter],
  );

  const flush = useCallback(
    (frame: QueueFrame) => {
      const view = viewRef.current;
      if (!view) return;
      const acc = accRef.current;
      const ordered = [
        ...view.processes.filter((p) => p.role === 'producer'),
        ...view.processes.filter((p) => p.role === 'consumer'),
      ];
      setSeries({
        depth: thin(acc.depth),
        throughput: thin(ratesFrom(acc.consumed)),
        lanes: acc.lanes.map((lane) => lane.map((s) => ({ ...s }))),
        laneLabels: ordered.map((p) => p.name),
        elapsedMs: acc.depth.at(-1)?.[0] ?? 0,
        scale: painter().scale,
      });
      setLastFrame(frame);
    },
    [painter],
  );

  const onFrame = useCallback(
    (now: number) => {
      const view = viewRef.current;
      if (!view) return;
      const frame = sampleQueue(view, takeSnapshot({ events: false }));
      const acc = accRef.current;
      if (running) {
        const t = runtimeNow() - view.startedAt;
        acc.depth.push([t, frame.flow.depth]);
        acc.consumed.push([t, frame.consumed]);
        extendLanes(acc.lanes, frame.laneStates, t);
      }
      const producers = view.processes.filter((p) => p.role === 'producer').length;
      const canvas = canvasRef.current;
      if (canvas)
        painter().frame(canvas, frame.flow, now, { producers, consumers: view.processes.length - producers });
      if (now - acc.lastFlush > FLUSH_MS) {
        acc.lastFlush = now;
        flush(frame);
        // For `npm run bench`, which checks how many tokens animate while it counts frames;
        // written at the flush rate, not per frame, so it costs no style work.
        if (canvas) canvas.dataset.tokensInFlight = String(painter().inFlight);
      }
      // After the run: keep drawing until the last tokens have landed.
      if (!running && painter().inFlight === 0) {
        flush(frame);
        setTail(false);
      }
    },
    [running, flush, painter],
  );

  useAnimationFrame(onFrame, running || tail);

  return { canvasRef, attach, drawIdle, series, lastFrame };
}

export type QueueLive = ReturnType<typeof useQueueLive>;
