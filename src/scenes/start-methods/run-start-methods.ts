/**
 * The start-methods experiment on real workers:
 *   1. cold starts: `coldStarts` new Processes one after another, each running the smallest task
 *      (startMethodProbe), each started and joined: what CPython's start-method figures measure;
 *   2. a warm pool: Pool(poolSize) started once (its workers start in parallel), then
 *      `warmDispatches` pool.apply() calls, each timed from the call to its result;
 *   3. the top-level side effect of the task module, counted in shared memory: once per new
 *      worker, never again for a task run by a warm worker.
 * Headless: this is what `window.playground.run('start-methods', …)` calls; the scene's UI passes
 * an observer to draw the live picture.
 */
import { cpuCount, now, Pool, RawValue, RunScope, type Process } from '../../runtime';
import { startMethodModule, type StartProbeReport, type StartTaskReport } from '../../runtime/tasks/start-method-tasks';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import type { StartMethodsParams } from './start-methods-params';
import {
  CPYTHON_START_JOIN_MS,
  latencyStats,
  type ColdStartSample,
  type StartMethodsResult,
} from './start-methods-result';

export type StartMethodsStage = 'cold' | 'pool-start' | 'warm' | 'done';

/** What the UI samples every frame while the run goes. */
export interface StartMethodsLive {
  stage: StartMethodsStage;
  /** The shared counter of top-level runs, read with an atomic load. */
  readSideEffectRuns: () => number;
  newWorkers: number;
  tasksRun: number;
  coldSamples: readonly ColdStartSample[];
  warmSamplesMs: readonly number[];
  poolStartupMs: number | null;
  /** The process being cold-started now, if any. */
  current: Process | null;
  pool: Pool | null;
}

export interface StartMethodsObserver {
  /** Called with the same (mutated) object whenever something changes; sample it per frame. */
  onLive?: (live: StartMethodsLive) => void;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof RunAbortedError ? signal.reason : new RunAbortedError();
}

function failure(p: Process): Error {
  const why = p.error ? `${p.error.name}: ${p.error.message}` : 'it ended unexpectedly';
  return new Error(`${p.name} (pid ${p.pid}) failed with exit code ${p.exitCode}: ${why}`);
}

export async function runStartMethods(params: StartMethodsParams, ctx: RunContext, observer: StartMethodsObserver = {}): Promise<StartMethodsResult> {
  const scope = new RunScope(ctx.signal);
  const signal = scope.signal;
  // A pending pool call cannot outlive Stop.
  const guard = abortable(signal);
  try {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    const counter = new RawValue('i', 0, { name: 'top-level runs' });
    const live: StartMethodsLive = {
      stage: 'cold',
      readSideEffectRuns: () => counter.value,
      newWorkers: 0,
      tasksRun: 0,
      coldSamples: [],
      warmSamplesMs: [],
      poolStartupMs: null,
      current: null,
      pool: null,
    };
    const coldSamples: ColdStartSample[] = [];
    const warmSamplesMs: number[] = [];
    const total = params.coldStarts + 1 + params.warmDispatches;
    let done = 0;
    const step = () => ctx.onProgress?.(++done / total);
    observer.onLive?.(live);

    // 1. Cold starts: a brand-new worker each, like spawn.
    for (let i = 0; i < params.coldStarts; i++) {
      const p = scope.process({ target: 'startMethodProbe', args: [counter], name: `Process-${i + 1}` });
      live.current = p;
      live.newWorkers++;
      const t0 = now();
      p.start();
      await p.join();
      const t1 = now();
      if (signal.aborted) throw abortError(signal);
      if (p.exitCode !== 0) throw failure(p);
      const report = p.result as StartProbeReport;
      const startedAt = p.startedAt ?? t0;
      coldSamples.push({
        coldStartMs: (p.firstInstructionAt ?? report.taskStartedAt) - startedAt,
        startJoinMs: t1 - t0,
        moduleLoadMs: report.moduleEvaluatedAt - startedAt,
      });
      live.tasksRun++;
      live.coldSamples = [...coldSamples];
      live.current = null;
      observer.onLive?.(live);
      step();
    }

    // 2. A warm pool: start once (in parallel), then hand it tasks.
    live.stage = 'pool-start';
    const pool = scope.track(new Pool(params.poolSize, { initializer: 'startMethodPoolInit', initArgs: [counter], name: 'warm pool' }));
    live.pool = pool;
    live.newWorkers += params.poolSize;
    observer.onLive?.(live);
    await guard(pool.ready);
    live.poolStartupMs = pool.startupMs;
    step();

    live.stage = 'warm';
    observer.onLive?.(live);
    const tasksPerWorker = new Map<number, number>();
    for (let i = 0; i < params.warmDispatches; i++) {
      const t0 = now();
      const report = await guard(pool.apply<StartTaskReport>('startMethodTask'));
      warmSamplesMs.push(now() - t0);
      tasksPerWorker.set(report.pid, report.tasksRunHere);
      live.tasksRun++;
      // Publishing a copy every few dispatches keeps the per-frame picture cheap.
      if (i % 16 === 15 || i === params.warmDispatches - 1) {
        live.warmSamplesMs = [...warmSamplesMs];
        observer.onLive?.(live);
      }
      step();
    }
    const sideEffectRuns = counter.value;
    const tasksPerPoolWorker = pool.workers().map((w) => tasksPerWorker.get(w.pid) ?? 0);
    await pool.terminate();
    live.stage = 'done';
    live.pool = null;
    observer.onLive?.(live);

    const startJoinMs = latencyStats(coldSamples.map((s) => s.startJoinMs));
    return {
      cores: cpuCount(),
      coldStarts: params.coldStarts,
      poolSize: params.poolSize,
      warmDispatches: params.warmDispatches,
      coldStartMs: latencyStats(coldSamples.map((s) => s.coldStartMs)),
      startJoinMs,
      moduleLoadMs: latencyStats(coldSamples.map((s) => s.moduleLoadMs)),
      warmDispatchMs: latencyStats(warmSamplesMs),
      poolStartupMs: live.poolStartupMs ?? NaN,
      sideEffectRuns,
      newWorkers: live.newWorkers,
      tasksRun: live.tasksRun,
      tasksPerPoolWorker,
      parentTopLevelRuns: startMethodModule.topLevelRuns,
      cpythonStartJoinMs: CPYTHON_START_JOIN_MS,
      vsCpythonSpawn: CPYTHON_START_JOIN_MS.spawn / startJoinMs.median,
      coldSamples,
      warmSamplesMs,
    };
  } finally {
    await scope.close();
  }
}
