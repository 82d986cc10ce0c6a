/**
 * The pool's chunk lanes (one lane per worker: which chunk it holds over time). The drawing is
 * done by a painter worker (chunk-lanes-painter.ts): this component only samples the run a few
 * times a second and posts what changed, so the lanes cost the page's main thread next to nothing
 * while every core is busy with pool workers.
 */
import { useEffect, useRef } from 'react';
import { ChartCanvas } from './chart-figure';
import {
  chunkLanesHeight,
  ChunkLanesPainter,
  type ChunkLanesMessage,
  type LaneSample,
} from './chunk-lanes-painter';
import { createPainterHost, usePainterHost, usePainterSurface } from './painter-host';

export type { FinishedChunk, LaneSample } from './chunk-lanes-painter';

/**
 * The lanes are sampled at most ~30 times a second, ~15 when there are more workers than cores:
 * the open bars need no more, and finished chunks carry their exact times anyway.
 */
const SAMPLE_MS = 32;

export interface WorkerChunkLanesProps {
  /**
   * Called a few times a second while `active`: the workers' current chunks, and the call's
   * finished chunks from index `finishedFrom` on (the painter has the earlier ones).
   */
  sample: (finishedFrom: number) => LaneSample | null;
  active: boolean;
  /**
   * Lanes to make room for whatever call is drawn: the largest pool of the run, so the chart
   * keeps its height from the serial baseline's one lane to the pool's many.
   */
  rows: number;
}

export function WorkerChunkLanes({ sample, active, rows }: WorkerChunkLanesProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  }, [sample]);
  const painter = usePainterHost(canvasRef, (canvas) =>
    createPainterHost<ChunkLanesMessage>(canvas, {
      what: 'The chunk lanes',
      startWorker: () =>
        new Worker(new URL('./chunk-lanes.worker.ts', import.meta.url), {
          type: 'module',
          name: 'chunk lanes painter',
        }),
      createPainter: (target, tools) => new ChunkLanesPainter(target, tools),
    }),
  );
  usePainterSurface(canvasRef, painter);
  /**
   * What the painter already has: the call it is drawing, how many of its chunks have finished,
   * the call's workers, and the lanes the canvas is laid out for.
   */
  const sentRef = useRef({ runKey: '', finished: 0, workers: 0, lanes: 0 });

  useEffect(() => {
    const canvas = canvasRef.current;
    const host = painter();
    if (!canvas || !host) return;
    const post = (message: ChunkLanesMessage) => host.post(message);
    const sent = sentRef.current;
    const setLanes = (workers: number) => {
      sent.workers = workers;
      const lanes = Math.max(1, rows, workers);
      if (lanes === sent.lanes) return;
      sent.lanes = lanes;
      canvas.style.height = `${chunkLanesHeight(lanes)}px`;
    };
    const take = (live: boolean, now: number) => {
      let next = sampleRef.current(sent.finished);
      if (next && next.runKey !== sent.runKey) {
        // A new call starts over: the painter drops the old call's chunks when the key changes.
        sent.runKey = next.runKey;
        sent.finished = 0;
        next = sampleRef.current(0);
      }
      if (!next) return post({ type: 'sample', sample: null, now, live, rows: sent.lanes });
      sent.finished = next.finishedFrom + next.finished.length;
      setLanes(next.chunks.length);
      post({
        type: 'sample',
        // A frozen picture has no chunk in a worker's hands any more.
        sample: live ? next : { ...next, chunks: next.chunks.map(() => null) },
        now,
        live,
        rows: sent.lanes,
      });
    };

    setLanes(sent.workers);
    let frame = 0;
    if (active) {
      let sampledAt = -Infinity;
      frame = requestAnimationFrame(function tick(now) {
        const workers = sent.workers;
        const interval = workers > (navigator.hardwareConcurrency || 1) ? 2 * SAMPLE_MS : SAMPLE_MS;
        if (now - sampledAt >= interval) {
          sampledAt = now;
          take(true, now);
        }
        frame = requestAnimationFrame(tick);
      });
    } else {
      // The run ended: one last sample brings in the chunks that finished since the last one.
      take(false, performance.now());
    }
    return () => cancelAnimationFrame(frame);
  }, [active, painter, rows]);

  return (
    <ChartCanvas
      canvasRef={canvasRef}
      label="Per-worker lanes: which chunk each pool worker holds over time; colours and numbers are chunk indices."
      testId="worker-chunk-lanes"
    />
  );
}
