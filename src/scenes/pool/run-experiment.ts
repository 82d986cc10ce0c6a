/**
 * The speedup experiment: a serial baseline and, for every pool size, `repeats` timed runs of
 * the same work through a Pool. Used by the scene's UI and by `window.playground.run('pool')`.
 *
 * Fairness: the serial baseline also runs in a worker (same JIT, same thread priority as the pool
 * workers), after an untimed warm-up. A warm pool gets an untimed warm-up call too; a cold pool
 * is created inside the timing, like `with Pool(n):`, so its start-up is part of the cost.
 */
import { efficiency, fitAmdahlSerialFraction, median, speedup, summarize } from '../../charts/speedup-math';
import { RunScope } from '../../runtime';
import { RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { cpuCount, openExperimentPool, type ExperimentPool } from './pool-driver';
import { defaultChunksize, WORKLOAD_INFO, type PoolParams } from './pool-params';
import type { PoolPoint, PoolResult, TimeBreakdown } from './pool-result';
import { answersAgree, splitRange } from './workloads';

/** What the UI watches while a run goes on. */
export interface ExperimentObserver {
  /** A new timed (or warm-up) call begins; `pool` is the pool doing it, for the worker lanes. */
  onCall?(call: ExperimentCall): void;
  /** A pool size finished: the result so far, to draw the chart as it fills in. */
  onPartial?(partial: PoolResult): void;
}

export interface ExperimentCall {
  /** Sequence number within the run: the lanes restart when it changes. */
  id: number;
  phase: 'serial' | 'warm-up' | 'timed';
  poolSize: number;
  repeat: number;
  repeats: number;
  chunksize: number;
  chunkCount: number;
  pool: ExperimentPool;
}

/** Warm-up calls long enough for the JIT to optimise the kernel, short enough not to matter. */
const WARM_UP_SIZE = 2_000_000;
const WARM_UP_CALLS = 3;

export async function runPoolExperiment(
  params: PoolParams,
  ctx: RunContext,
  observer: ExperimentObserver = {},
): Promise<PoolResult> {
  const { signal } = ctx;
  const info = WORKLOAD_INFO[params.workload];
  const cores = cpuCount();
  const started = performance.now();
  // Stop must end every worker within 100 ms: aborting the signal closes the scope, which
  // terminates every pool at once instead of waiting for a call to return.
  const scope = new RunScope(signal);
  const checkStop = () => {
    if (signal.aborted) throw new RunAbortedError();
  };
  const openPool = async (n: number) => {
    checkStop();
    const pool = scope.track(openExperimentPool(n, params.workload));
    await pool.ready;
    checkStop();
    return pool;
  };
  // Awaited: a dying pool's workers must not share the cores with the next measurement.
  const close = (pool: ExperimentPool) => pool.terminate();

  const poolSizes = params.poolSizes;
  const callsPerSize = params.repeats + (params.warm ? 1 : 0);
  const totalCalls = 1 + params.repeats + poolSizes.length * callsPerSize;
  let callsDone = 0;
  let calls = 0;
  const progress = () => ctx.onProgress?.(Math.min(1, ++callsDone / totalCalls));

  try {
    // Serial baseline: one worker, the whole range as one call.
    const serialPool = await openPool(1);
    const whole = [[0, params.size] as const];
    const announce = (phase: ExperimentCall['phase'], pool: ExperimentPool, poolSize: number, repeat: number, chunksize: number, chunkCount: number) =>
      observer.onCall?.({ id: ++calls, phase, poolSize, repeat, repeats: params.repeats, chunksize, chunkCount, pool });
    announce('serial', serialPool, 1, 0, 1, 1);
    for (let i = 0; i < WARM_UP_CALLS; i++) await serialPool.run([[0, Math.min(params.size, WARM_UP_SIZE)]], 1);
    progress();
    const serialTimes: number[] = [];
    let serialAnswer = '';
    for (let r = 0; r < params.repeats; r++) {
      checkStop();
      announce('serial', serialPool, 1, r + 1, 1, 1);
      const t0 = performance.now();
      const call = await serialPool.run(whole, 1);
      serialTimes.push(performance.now() - t0);
      serialAnswer = call.answer;
      progress();
    }
    await close(serialPool);
    const serial = summarize(serialTimes);

    const points: PoolPoint[] = [];
    let agree = true;
    const partial = (): PoolResult => {
      const fit = fitAmdahlSerialFraction(points, info.cpuBound ? cores : Number.POSITIVE_INFINITY);
      return {
        scene: 'pool',
        workload: params.workload,
        size: params.size,
        tasks: params.tasks,
        repeats: params.repeats,
        warm: params.warm,
        cores,
        serialMs: serial.medianMs,
        serialMinMs: serial.minMs,
        serialMaxMs: serial.maxMs,
        points: [...points],
        amdahlSerialFraction: fit,
        serialAnswer,
        answersAgree: agree,
        startedAt: new Date(performance.timeOrigin + started).toISOString(),
        totalMs: performance.now() - started,
      };
    };

    for (const n of poolSizes) {
      const ranges = splitRange(params.size, params.tasks === 0 ? n : params.tasks);
      const chunksize = params.chunksize === 0 ? defaultChunksize(ranges.length, n) : params.chunksize;
      const chunkCount = Math.ceil(ranges.length / chunksize);
      const times: number[] = [];
      const breakdowns: TimeBreakdown[] = [];
      let warmPool: ExperimentPool | null = null;
      if (params.warm) {
        warmPool = await openPool(n);
        announce('warm-up', warmPool, n, 0, chunksize, chunkCount);
        await warmPool.run(splitRange(Math.min(params.size, WARM_UP_SIZE), ranges.length), chunksize);
        progress();
      }
      for (let r = 0; r < params.repeats; r++) {
        checkStop();
        const t0 = performance.now();
        const pool = warmPool ?? (await openPool(n));
        const startupMs = warmPool ? 0 : performance.now() - t0;
        announce('timed', pool, n, r + 1, chunksize, chunkCount);
        const call = await pool.run(ranges, chunksize);
        times.push(performance.now() - t0);
        breakdowns.push({ startupMs, ...call.breakdown });
        agree &&= answersAgree(params.workload, serialAnswer, call.answer, params.size);
        if (!warmPool) await close(pool);
        progress();
      }
      if (warmPool) await close(warmPool);
      const summary = summarize(times);
      const s = speedup(serial.medianMs, summary.medianMs);
      points.push({
        poolSize: n,
        ...summary,
        speedup: s,
        efficiency: efficiency(s, n),
        chunksize,
        timesMs: times,
        breakdown: medianBreakdown(breakdowns),
      });
      observer.onPartial?.(partial());
    }
    return partial();
  } catch (error) {
    // A stopped run's pending calls fail with BrokenProcessPool: report the stop, not that.
    if (signal.aborted) throw new RunAbortedError();
    throw error;
  } finally {
    // Resolves once every worker thread of the run has ended: liveWorkers() is 0 after a run.
    await scope.close();
  }
}

function medianBreakdown(list: readonly TimeBreakdown[]): TimeBreakdown {
  const pick = (key: keyof TimeBreakdown) => median(list.map((b) => b[key]));
  return { startupMs: pick('startupMs'), dispatchMs: pick('dispatchMs'), computeMs: pick('computeMs'), collectMs: pick('collectMs') };
}
