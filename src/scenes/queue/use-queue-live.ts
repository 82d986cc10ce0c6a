/**
 * The live side of the queue scene: once per animation frame, sample the running experiment
 * (stats lines, depth, telemetry states), draw the token canvas, and grow the depth, throughput
 * and lane series. React state is refreshed a few times a second only; the canvas every frame.
 */
import { startTransition, useCallback, useRef, useState } from 'react';
import { usePainterHost } from '../../charts/painter-host';
import { extendLanes, type StateSegment } from '../../charts/state-lanes';
import { now as runtimeNow } from '../../runtime';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { createFlowPainter } from './flow-painter-host';
import { compactLane, ratesFrom, thin } from './live-series';
import { sampleQueue, type QueueFrame } from './queue-sampler';
import type { QueueLiveView } from './run-queue';

/**
 * React state (charts, counts) is refreshed this often while a run is live: every refresh
 * re-renders the charts, which the main thread pays for while every core is busy with workers.
 */
const FLUSH_MS = 400;

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

/**
 * Samples and draws once per animation frame while `running`, and until the last tokens land.
 * Returns what the scene renders: the canvas ref, `attach` (give it the run's live view), the
 * series for the charts, the last frame (for the canvas's text alternative), and `drawIdle`.
 */
export function useQueueLive(running: boolean) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const viewRef = useRef<QueueLiveView | null>(null);
  const accRef = useRef<Accumulated>({ depth: [], consumed: [], lanes: [], lastFlush: 0 });
  const [series, setSeries] = useState<QueueLiveSeries>(emptySeries);
  const [lastFrame, setLastFrame] = useState<QueueFrame | null>(null);
  const [tail, setTail] = useState(false);

  /** The token painter of the canvas now on the page (created on first use, ended with the scene). */
  const painter = usePainterHost(canvasRef, createFlowPainter);

  const attach = useCallback(
    (view: QueueLiveView) => {
      viewRef.current = view;
      painter()?.reset();
      accRef.current = { depth: [], consumed: [], lanes: [], lastFlush: 0 };
      setSeries(emptySeries);
      setLastFrame(null);
      setTail(true);
    },
    [painter],
  );

  const drawIdle = useCallback(
    (producers: number, consumers: number) => {
      const flow = painter();
      if (!flow) return;
      viewRef.current = null;
      flow.reset();
      flow.frame(null, performance.now(), { producers, consumers });
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
      const next: QueueLiveSeries = {
        depth: thin(acc.depth),
        throughput: thin(ratesFrom(acc.consumed)),
        lanes: acc.lanes.map((lane) => compactLane(lane)),
        laneLabels: ordered.map((p) => p.name),
        elapsedMs: acc.depth.at(-1)?.[0] ?? 0,
        scale: painter()?.scale ?? 1,
      };
      // A transition: React renders the charts in slices and yields to the next frame, instead
      // of one task that the busy cores can stretch past a frame or two.
      startTransition(() => {
        setSeries(next);
        setLastFrame(frame);
      });
    },
    [painter],
  );

  const onFrame = useCallback(
    (now: number) => {
      const view = viewRef.current;
      if (!view) return;
      const frame = sampleQueue(view);
      const acc = accRef.current;
      if (running) {
        const t = runtimeNow() - view.startedAt;
        acc.depth.push([t, frame.flow.depth]);
        acc.consumed.push([t, frame.consumed]);
        extendLanes(acc.lanes, frame.laneStates, t);
      }
      const producers = view.processes.filter((p) => p.role === 'producer').length;
      const flow = painter();
      flow?.frame(frame.flow, now, { producers, consumers: view.processes.length - producers });
      if (now - acc.lastFlush > FLUSH_MS) {
        acc.lastFlush = now;
        flush(frame);
        // For `npm run bench`, which checks how many tokens animate, and how smoothly, while it
        // counts the page's frames; written at the flush rate, not per frame.
        if (flow) {
          flow.canvas.dataset.tokensInFlight = String(flow.inFlight);
          flow.canvas.dataset.tokenFrames = String(flow.framesDrawn);
        }
      }
      // After the run: keep drawing until the last tokens have landed.
      if (!running && (flow?.inFlight ?? 0) === 0) {
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
