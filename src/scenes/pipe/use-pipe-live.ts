/**
 * The pipe scene's live side: every animation frame, read how far the pinger got (its stats
 * line) and fold the new round-trip times (already in shared memory) into per-size histograms;
 * draw the ping-pong canvas. React state is refreshed a few times a second.
 */
import { useCallback, useRef, useState } from 'react';
import { S, STAT_WORDS, Phase } from '../../runtime/tasks/message-scenes-tasks';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { drawPingPong, type PingPongLook } from './pingpong-canvas';
import { addToBins, BIN_COUNT, trimmedHistogram, type LatencyHistogram } from './pipe-result';
import { PINGER_LINE, PONGER_LINE, type PipeLiveView } from './run-pipe';

export interface PipeLiveRound {
  payloadBytes: number;
  done: number;
  histogram: LatencyHistogram;
}

export interface PipeLiveState {
  rounds: PipeLiveRound[];
  currentRound: number;
  /** Round trips per second over the last ~half second. */
  ratePerSec: number;
}

const emptyState: PipeLiveState = { rounds: [], currentRound: -1, ratePerSec: 0 };

interface Acc {
  bins: number[][];
  processed: number[];
  lastRound: number;
  rateWindow: [number, number][];
  lastFlush: number;
  totalDone: number;
}

export function usePipeLive(running: boolean) {
  const viewRef = useRef<PipeLiveView | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const accRef = useRef<Acc | null>(null);
  const [live, setLive] = useState<PipeLiveState>(emptyState);

  const attach = useCallback((view: PipeLiveView) => {
    viewRef.current = view;
    accRef.current = {
      bins: view.payloadSizes.map(() => new Array<number>(BIN_COUNT).fill(0)),
      processed: view.payloadSizes.map(() => 0),
      lastRound: -1,
      rateWindow: [],
      lastFlush: 0,
      totalDone: 0,
    };
    setLive(emptyState);
  }, []);

  const onFrame = useCallback(
    (now: number) => {
      const view = viewRef.current;
      const acc = accRef.current;
      const canvas = canvasRef.current;
      if (!view || !acc) return;
      const stats = view.stats;
      const round = Atomics.load(stats, PINGER_LINE * STAT_WORDS + S.ROUND);
      const count = Math.min(view.roundTrips, Atomics.load(stats, PINGER_LINE * STAT_WORDS + S.COUNT));
      if (round !== acc.lastRound) {
        // A new payload size began. The pinger finished every round before it: take their last
        // samples now. This round's counter may still show the previous total: wait a frame.
        for (let r = 0; r < round; r++) {
          const offset = r * view.roundTrips;
          addToBins(acc.bins[r]!, view.rtts, offset + acc.processed[r]!, offset + view.roundTrips);
          acc.processed[r] = view.roundTrips;
        }
        acc.lastRound = round;
      } else if (count > acc.processed[round]!) {
        const offset = round * view.roundTrips;
        addToBins(acc.bins[round]!, view.rtts, offset + acc.processed[round]!, offset + count);
        acc.processed[round] = count;
      }
      const totalDone = acc.processed.reduce((a, b) => a + b, 0);
      acc.rateWindow.push([now, totalDone]);
      while (acc.rateWindow.length > 2 && now - acc.rateWindow[0]![0] > 500) acc.rateWindow.shift();
      const [t0, n0] = acc.rateWindow[0]!;
      const ratePerSec = now > t0 ? ((totalDone - n0) * 1000) / (now - t0) : 0;
      const look = (line: number, exited: boolean): PingPongLook => {
        if (exited) return 'done';
        const phase = Atomics.load(stats, line * STAT_WORDS + S.PHASE);
        return phase === Phase.SENDING
          ? 'sending'
          : phase === Phase.RECEIVING
            ? 'receiving'
            : phase === Phase.DONE
              ? 'done'
              : 'idle';
      };
      if (canvas) {
        drawPingPong(canvas, now, {
          pinger: look(PINGER_LINE, view.pinger.exitCode !== null),
          ponger: look(PONGER_LINE, view.ponger.exitCode !== null),
          ratePerSec: running ? ratePerSec : 0,
          payloadBytes: view.payloadSizes[round] ?? null,
          duplex: view.duplex,
        });
      }
      if (now - acc.lastFlush > 200) {
        acc.lastFlush = now;
        setLive({
          rounds: view.payloadSizes.map((payloadBytes, r) => ({
            payloadBytes,
            done: acc.processed[r]!,
            histogram: trimmedHistogram(acc.bins[r]!),
          })),
          currentRound: round,
          ratePerSec: Math.round(ratePerSec),
        });
      }
    },
    [running],
  );

  useAnimationFrame(onFrame, running);

  /** Draws the stage at rest (before a run, after one). */
  const drawIdle = useCallback((duplex: boolean) => {
    const canvas = canvasRef.current;
    if (canvas)
      drawPingPong(canvas, performance.now(), {
        pinger: 'idle',
        ponger: 'idle',
        ratePerSec: 0,
        payloadBytes: null,
        duplex,
      });
  }, []);

  return { canvasRef, attach, live, drawIdle };
}
