/**
 * The live race experiment: P processes × K increments of one shared counter, `repeats` times,
 * on real workers. Headless (this is what `window.playground.run('race', …)` calls); the scene's
 * UI passes an observer to draw the live picture while it runs.
 *
 * All processes of a repeat wait at a start Barrier first: worker start-up takes milliseconds,
 * longer than a million increments, so without it the processes would barely overlap and the
 * race would hide. Times are measured inside the workers from the barrier to their last increment.
 * The parent is one more party of the barrier, so it knows when the race began: telemetry's wait
 * time counts the barrier wait too, and the lock wait is what accumulates after it.
 */
import {
  Barrier,
  BrokenBarrierError,
  cpuCount,
  Lock,
  RawValue,
  RunScope,
  Value,
  type IncrementStats,
  type Process,
  type RLock,
} from '../../runtime';
import { takeSnapshot } from '../../telemetry';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { goProgram, pythonProgram } from './race-code';
import { raceSettings, type RaceParams } from './race-params';
import { makeRun, summarize, type RaceResult, type RaceRun } from './race-result';

/** What the UI needs to sample one repeat while it runs. */
export interface RepeatLive {
  repeat: number;
  processes: readonly Process[];
  /** Reads the shared counter without taking any lock (an atomic load). */
  readCounter: () => number;
  /** The lock worth drawing: the Lock, or the Value's own lock; null without one. */
  lock: Lock | RLock | null;
}

export interface RaceObserver {
  repeatStarted?(live: RepeatLive): void;
  repeatEnded?(run: RaceRun): void;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new RunAbortedError();
}

/** Resolves when every process exited; rejects at once if the run is stopped. */
function joinAll(processes: readonly Process[], signal: AbortSignal): Promise<unknown> {
  return abortable(signal)(Promise.all(processes.map((p) => p.join())));
}

export async function runRace(
  params: RaceParams,
  ctx: RunContext,
  observer?: RaceObserver,
): Promise<RaceResult> {
  const settings = raceSettings(params);
  const { processes, increments, sync, batch, repeats } = settings;
  const expected = processes * increments;
  const startedAt = new Date().toISOString();
  const scope = new RunScope(ctx.signal);
  const runs: RaceRun[] = [];
  try {
    // One counter, lock and barrier for all repeats: primitives hold telemetry slots, and a
    // Barrier is reusable by design (each repeat is one more generation).
    const value = sync === 'value-lock' ? new Value('i', 0, { name: 'counter' }) : null;
    const raw = value ? value.getObj() : new RawValue('i', 0, { name: 'counter' });
    const counter = value ?? raw;
    const lock = sync === 'lock' ? new Lock({ name: 'lock' }) : null;
    const start = new Barrier(processes + 1, { name: 'start' });
    const drawnLock = lock ?? (value ? value.getLock() : null);
    // Batching only means something with a lock; other modes take batch 1 so the task does not care.
    const taskBatch = sync === 'lock' ? batch : 1;

    for (let repeat = 1; repeat <= repeats; repeat++) {
      throwIfAborted(ctx.signal);
      raw.value = 0;
      const workers = Array.from({ length: processes }, (_, i) =>
        scope.process({
          target: 'incrementCounter',
          args: [counter, increments, sync, taskBatch, lock ? { lock, start } : { start }],
          name: `P${i + 1}`,
        }),
      );
      for (const worker of workers) worker.start();
      observer?.repeatStarted?.({
        repeat,
        processes: workers,
        readCounter: () => raw.value,
        lock: drawnLock,
      });
      const exited = joinAll(workers, ctx.signal);
      // A worker that dies before the start line would leave the others (and the parent) waiting
      // there forever: break the barrier, so everyone gets BrokenBarrierError and the run fails.
      for (const worker of workers) {
        void worker.join().then(() => worker.exitCode !== 0 && start.abort());
      }
      try {
        await Promise.race([start.waitAsync(), exited]);
      } catch (error) {
        if (!(error instanceof BrokenBarrierError)) throw error;
      }
      // Let the released workers record the end of their barrier wait before reading the baseline.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const baseline = new Map(takeSnapshot({ events: false }).processes.map((p) => [p.pid, p.waitUs]));
      await exited;
      throwIfAborted(ctx.signal);

      // Name the worker that failed first-hand, not one that only saw the barrier break.
      const failed =
        workers.find((w) => w.exitCode !== 0 && w.error?.name !== 'BrokenBarrierError') ??
        workers.find((w) => w.exitCode !== 0);
      if (failed) {
        throw new Error(
          `${failed.name} exited with code ${failed.exitCode}${failed.error ? `: ${failed.error.name}: ${failed.error.message}` : ''}`,
        );
      }
      const stats = workers.map((w) => w.result as IncrementStats);
      // The slots keep their counters after exit until reused, and nothing new has started.
      const snapshot = takeSnapshot({ events: false });
      const slotOf = (w: Process) => snapshot.processes.find((p) => p.pid === w.pid);
      const run = makeRun(
        repeat,
        expected,
        raw.value,
        Math.max(...stats.map((s) => s.ms)),
        workers.map((w) => (drawnLock ? (slotOf(w)?.acquires ?? 0) : 0)),
        workers.map((w) => Math.max(0, (slotOf(w)?.waitUs ?? 0) - (baseline.get(w.pid) ?? 0)) / 1000),
      );
      runs.push(run);
      observer?.repeatEnded?.(run);
      ctx.onProgress?.(repeat / repeats);
    }

    const code = { python: pythonProgram(settings), go: goProgram(settings) };
    return summarize(settings, runs, { cores: cpuCount(), code, startedAt });
  } finally {
    await scope.close();
  }
}
