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

const emptySeries: QueueLiveSeries = { depth: [], throughput: [], lanes: [], laneLabels: [], elapsedMs: 0, scale: 1 };

export function useQueueLive(running: boolean) {
  const painter = useRef(new QueueFlowPainter());
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const view = useRef<QueueLiveView | null>(null);
  const acc = useRef({ depth: [] as [number, number][], consumed: [] as [number, number][], lanes: [] as StateSegment[][], lastFlush: 0 });
  const [series, setSeries] = useState<QueueLiveSeries>(emptySeries);
  const [lastFrame, setLastFrame] = useState<QueueFrame | null>(null);
  const [tail, setTail] = useState(false);

  const attach = useCallback((v: QueueLiveView) => {
    view.current = v;
    painter.current.reset();
    acc.current = { depth: [], consumed: [], lanes: [], lastFlush: 0 };
    setSeries(emptySeries);
    setTail(true);
  }, []);

  const flush = useCallback((frame: QueueFrame | null) => {
    const v = view.current;
    if (!v) return;
    const a = acc.current;
    const throughput: [number, number][] = [];
    for (let i = 1, from = 0; i < a.consumed.length; i++) {
      const [t, total] = a.consumed[i]!;
      const [t0, total0] = a.consumed[from]!;
      if (t - t0 >= 100) {
        throughput.push([t, Math.round(((total - total0) * 1000) / (t - t0))]);
        from = i;
      }
    }
    setSeries({
      depth: thin(a.depth),
      throughput: thin(throughput),
      lanes: a.lanes.map((lane) => lane.map((s) => ({ ...s }))),
      laneLabels: [...v.processes.filter((p) => p.role === 'producer'), ...v.processes.filter((p) => p.role === 'consumer')].map((p) => p.name),
      elapsedMs: a.depth.at(-1)?.[0] ?? 0,
      scale: painter.current.scale,
    });
    setLastFrame(frame);
  }, []);

  const onFrame = useCallback(
    (now: number) => {
      const canvas = canvasRef.current;
      const v = view.current;
      if (!v) return;
      const frame = sampleQueue(v, takeSnapshot({ events: false }));
      const t = runtimeNow() - v.startedAt;
      const a = acc.current;
      if (running) {
        a.depth.push([t, frame.flow.depth]);
        a.consumed.push([t, frame.consumed]);
        extendLanes(a.lanes, frame.laneStates, t);
      }
      const producers = v.processes.filter((p) => p.role === 'producer').length;
      if (canvas) painter.current.frame(canvas, frame.flow, now, { producers, consumers: v.processes.length - producers });
      if (now - a.lastFlush > FLUSH_MS) {
        a.lastFlush = now;
        flush(frame);
      }
      // After the run: keep drawing until the last tokens have landed.
      if (!running && painter.current.inFlight === 0) {
        flush(frame);
        setTail(false);
      }
    },
    [running, flush],
  );

  useAnimationFrame(onFrame, running || tail);

  return { canvasRef, attach, series, lastFrame, painter: painter.current, view };
}

function thin<T>(points: readonly T[]): T[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = points.length / MAX_POINTS;
  const out: T[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points.at(-1)!);
  return out;
}
