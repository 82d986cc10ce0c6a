/**
 * Ping-pong over a Pipe between two processes: the pinger sends a message, the ponger sends it
 * straight back, the pinger times the round trip. Every RTT lands in shared memory, so the page
 * can histogram them while they arrive. Headless for `window.playground.run('pipe', …)`.
 */
import { Pipe, RawArray, RunScope, now, type Connection, type Process } from '../../runtime';
import type { PingRound } from '../../runtime/tasks/message-scenes-tasks';
import { S, STAT_WORDS } from '../../runtime/tasks/message-scenes-tasks';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { pipeCapacityFor, warmUpFor, type PipeParams } from './pipe-params';
import { summarizeRtts, type PipeResult } from './pipe-result';

export const PINGER_LINE = 0;
export const PONGER_LINE = 1;

export interface PipeLiveView {
  startedAt: number;
  pinger: Process;
  ponger: Process;
  stats: Int32Array;
  /** Every RTT in µs, round by round (plain view: the UI reads what is published by COUNT). */
  rtts: Float64Array;
  payloadSizes: readonly number[];
  roundTrips: number;
  duplex: boolean;
}

export interface PipeObserver {
  onStart?(view: PipeLiveView): void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runPipe(
  params: PipeParams,
  ctx: RunContext,
  observer: PipeObserver = {},
): Promise<PipeResult> {
  const { roundTrips, payloadSizes, duplex } = params;
  const scope = new RunScope(ctx.signal);
  const guard = abortable(scope.signal);
  let progressTimer: ReturnType<typeof setInterval> | undefined;

  try {
    const capacityBytes = pipeCapacityFor(payloadSizes);
    // Duplex: one Pipe, each process holds one end and both sends and receives on it.
    // One-way: two Pipe(duplex=False), ping direction and pong direction.
    let pingerOut: Connection;
    let pingerIn: Connection;
    let pongerIn: Connection;
    let pongerOut: Connection;
    if (duplex) {
      const [a, b] = Pipe(true, { capacityBytes, name: 'pipe' });
      pingerOut = pingerIn = a;
      pongerIn = pongerOut = b;
    } else {
      const [pingReader, pingWriter] = Pipe(false, { capacityBytes, name: 'ping' });
      const [pongReader, pongWriter] = Pipe(false, { capacityBytes, name: 'pong' });
      pingerOut = pingWriter;
      pingerIn = pongReader;
      pongerIn = pingReader;
      pongerOut = pongWriter;
    }
    const total = payloadSizes.length * roundTrips;
    const rtts = new RawArray('d', total, { name: 'rtts' });
    const statsArray = new RawArray('i', 2 * STAT_WORDS, { name: 'stats' });
    const stats = statsArray.typed as Int32Array;
    const ponger = scope.process({
      target: 'pipePonger',
      args: [pongerIn, pongerOut, statsArray, PONGER_LINE],
      name: 'Ponger',
    });
    const pinger = scope.process({
      target: 'pipePinger',
      args: [
        pingerOut,
        pingerIn,
        rtts,
        statsArray,
        PINGER_LINE,
        payloadSizes,
        roundTrips,
        warmUpFor(roundTrips),
      ],
      name: 'Pinger',
    });
    const startedAt = now();
    ponger.start();
    pinger.start();
    observer.onStart?.({
      startedAt,
      pinger,
      ponger,
      stats,
      rtts: new Float64Array(rtts.buffer, 0, total),
      payloadSizes,
      roundTrips,
      duplex,
    });
    progressTimer = setInterval(() => {
      const round = stats[PINGER_LINE * STAT_WORDS + S.ROUND]!;
      const count = stats[PINGER_LINE * STAT_WORDS + S.COUNT]!;
      ctx.onProgress?.(Math.min(1, (round * roundTrips + count) / total));
    }, 50);

    const checkCrashes = () => {
      for (const p of [pinger, ponger]) {
        if (p.exitCode !== null && p.exitCode !== 0) {
          const why = p.error ? `${p.error.name}: ${p.error.message}` : `exit code ${p.exitCode}`;
          throw new Error(`${p.name} (pid ${p.pid}) failed with exit code ${p.exitCode}: ${why}`);
        }
      }
      if (scope.closed) throw new RunAbortedError();
    };
    for (const p of [pinger, ponger]) {
      while (p.exitCode === null) {
        checkCrashes();
        await guard(Promise.race([p.join(), delay(50)]));
      }
    }
    checkCrashes();
    const rounds = pinger.result as PingRound[];
    const all = new Float64Array(total);
    for (let i = 0; i < total; i++) all[i] = rtts.get(i);
    const points = rounds.map((round, r) =>
      summarizeRtts(all.subarray(r * roundTrips, (r + 1) * roundTrips), round.payloadBytes, round.elapsedMs),
    );
    ctx.onProgress?.(1);
    return {
      scene: 'pipe',
      duplex,
      roundTrips,
      payloadSizes: [...payloadSizes],
      msgsPerSec: points[0]?.msgsPerSec ?? 0,
      medianRoundTripUs: points[0]?.medianUs ?? 0,
      points,
    };
  } finally {
    if (progressTimer !== undefined) clearInterval(progressTimer);
    await scope.close();
  }
}
