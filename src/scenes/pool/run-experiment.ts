/**
 * The speedup experiment: a serial baseline and, for every pool size, `repeats` timed runs of
 * the same work through a Pool. Used by the scene's UI and by `window.playground.run('pool')`.
 *
 * Fairness: the serial baseline also runs in a worker (same JIT, same thread priority as the pool
 * workers), after an untimed warm-up. A warm pool is started and given an untimed warm-up call
 * before each timed call; a cold pool is created inside the timing, like `with Pool(n):`, so its
 * start-up is part of the cost.
 */
import { efficiency, fitAmdahlSerialFraction, median, speedup, summarize } from '../../charts/speedup-math';
import { defaultChunksize, RunScope } from '../../runtime';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { cpuCount, openExperimentPool, type ExperimentPool } from './pool-driver';
import { WORKLOAD_INFO, type PoolParams } from './pool-params';
import type { PoolPoint, PoolResult, TimeBreakdown } from './pool-result';
import { answersAgree, splitRange, type Range } from './workloads';

/** What the UI watches while a run goes on. */
export interface ExperimentObserver {
  /** A new timed (or warm-up) call begins; `pool` is the pool doing it, for the worker lanes. */
  onCall?(call: ExperimentCall): void;
  /** A pool size finished: the result so far, to draw the chart as it fills in. */
  onPartial?(partial: PoolResult): void;
}

export interface ExperimentCall {
  /** Sequence number within the run. One announced call can make several map calls (the warm-up). */
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
/** Quiet time after a pool is terminated, before anything else is timed. */
const SETTLE_MS = 50;

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
  // A pool terminated while starting may never settle `ready`: wait for the stop as well.
  const guard = abortable(signal);
  const openPool = async (n: number) => {
    checkStop();
    const pool = scope.track(openExperimentPool(n, params.workload));
    await guard(pool.ready);
    return pool;
  };
  // A terminated worker's thread and heap are torn down in the background for a little while
  // after it is gone: a pause keeps that off the cores during the next measurement.
  const close = async (pool: ExperimentPool) => {
    await pool.terminate();
    await guard(new Promise((resolve) => setTimeout(resolve, SETTLE_MS)));
  };

  const plans: PoolPlan[] = params.poolSizes.map((n) => {
    const ranges = splitRange(params.size, params.tasks === 0 ? n : params.tasks);
    const chunksize = params.chunksize === 0 ? defaultChunksize(ranges.length, n) : params.chunksize;
    return {
      poolSize: n,
      ranges,
      chunksize,
      chunkCount: Math.ceil(ranges.length / chunksize),
      timesMs: [],
      breakdowns: [],
    };
  });
  const totalCalls = 1 + params.repeats * (1 + plans.length * (params.warm ? 2 : 1));
  let callsDone = 0;
  let calls = 0;
  const progress = () => ctx.onProgress?.(Math.min(1, ++callsDone / totalCalls));
  const announce = (
    phase: ExperimentCall['phase'],
    pool: ExperimentPool,
    plan: { poolSize: number; chunksize: number; chunkCount: number },
    repeat: number,
  ) => observer.onCall?.({ id: ++calls, phase, repeat, repeats: params.repeats, pool, ...callShape(plan) });

  const serialTimes: number[] = [];
  let serialAnswer = '';
  let agree = true;
  const result = (): PoolResult => {
    const serial = summarize(serialTimes);
    const points = plans
      .filter((plan) => plan.timesMs.length > 0)
      .map((plan) => summarizePlan(plan, serial.medianMs));
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
      points,
      amdahlSerialFraction: fitAmdahlSerialFraction(points, info.cpuBound ? cores : Number.POSITIVE_INFINITY),
      serialAnswer,
      answersAgree: agree,
      startedAt: new Date(performance.timeOrigin + started).toISOString(),
      totalMs: performance.now() - started,
    };
  };

  try {
    // Serial baseline: one worker, the whole range as one call, kept for the whole run.
    const serialPool = await openPool(1);
    const serialPlan = { poolSize: 1, chunksize: 1, chunkCount: 1 };
    announce('serial', serialPool, serialPlan, 0);
    for (let i = 0; i < WARM_UP_CALLS; i++)
      await serialPool.run([[0, Math.min(params.size, WARM_UP_SIZE)]], 1);
    progress();

    // Rounds: each repeat measures the serial run and every pool size once, alternating the
    // order, so a change in the machine's load during the run hits every pool size alike
    // instead of skewing whichever was measured last.
    for (let r = 0; r < params.repeats; r++) {
      checkStop();
      announce('serial', serialPool, serialPlan, r + 1);
      const t0 = performance.now();
      const call = await serialPool.run([[0, params.size]], 1);
      serialTimes.push(performance.now() - t0);
      serialAnswer = call.answer;
      progress();

      for (const plan of r % 2 === 0 ? plans : [...plans].reverse()) {
        let startupMs = 0;
        let t0: number;
        let pool: ExperimentPool;
        if (params.warm) {
          // Started and warmed up before the clock starts: the timed call meets ready workers.
          pool = await openPool(plan.poolSize);
          announce('warm-up', pool, plan, r + 1);
          // As much warm-up per worker as the serial worker had, so the JIT is on equal terms.
          const warmUp = splitRange(Math.min(params.size, WARM_UP_SIZE * plan.poolSize), plan.ranges.length);
          for (let i = 0; i < WARM_UP_CALLS; i++) await pool.run(warmUp, plan.chunksize);
          progress();
          t0 = performance.now();
        } else {
          t0 = performance.now();
          pool = await openPool(plan.poolSize);
          startupMs = performance.now() - t0;
        }
        announce('timed', pool, plan, r + 1);
        const call = await pool.run(plan.ranges, plan.chunksize);
        plan.timesMs.push(performance.now() - t0);
        plan.breakdowns.push({ startupMs, ...call.breakdown });
        agree &&= answersAgree(params.workload, serialAnswer, call.answer, params.size);
        await close(pool);
        progress();
      }
      observer.onPartial?.(result());
    }
    return result();
  } catch (error) {
    // A stopped run's pending calls fail with BrokenProcessPool: report the stop, not that.
    if (signal.aborted) throw new RunAbortedError();
    throw error;
  } finally {
    // Resolves once every worker thread of the run has ended: liveWorkers() is 0 after a run.
    await scope.close();
  }
}

interface PoolPlan {
  poolSize: number;
  ranges: Range[];
  chunksize: number;
  chunkCount: number;
  timesMs: number[];
  breakdowns: TimeBreakdown[];
}

function callShape({
  poolSize,
  chunksize,
  chunkCount,
}: {
  poolSize: number;
  chunksize: number;
  chunkCount: number;
}) {
  return { poolSize, chunksize, chunkCount };
}

function summarizePlan(plan: PoolPlan, serialMs: number): PoolPoint {
  const summary = summarize(plan.timesMs);
  const s = speedup(serialMs, summary.medianMs);
  return {
    poolSize: plan.poolSize,
    ...summary,
    speedup: s,
    efficiency: efficiency(s, plan.poolSize),
    chunksize: plan.chunksize,
    timesMs: [...plan.timesMs],
    breakdown: medianBreakdown(plan.breakdowns),
  };
}

function medianBreakdown(list: readonly TimeBreakdown[]): TimeBreakdown {
  const pick = (key: keyof TimeBreakdown) => median(list.map((b) => b[key]));
  return {
    startupMs: pick('startupMs'),
    dispatchMs: pick('dispatchMs'),
    computeMs: pick('computeMs'),
    collectMs: pick('collectMs'),
  };
}
