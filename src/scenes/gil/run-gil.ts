/**
 * The GIL experiment on real workers: the same tasks done by one thread (the baseline), by N
 * "threads" sharing one GIL, and by N "processes" with a GIL each, `repeats` times, interleaved
 * (serial, threads, processes, serial, …) so a noisy neighbour on the machine hurts all three
 * alike. Headless: this is what `window.playground.run('gil', …)` calls; the scene's UI passes
 * an observer to draw the live picture.
 *
 * Every worker waits at a start gate until all of its measurement's workers are loaded, so
 * worker start-up (tens of ms) is not in the numbers: the GIL is the only difference between
 * the "threads" and "processes" columns. Times are taken inside the workers.
 */
import { cpuCount, futexWaitAsync, Lock, now, RawArray, RunScope, type Process } from '../../runtime';
import { G, GATE_WORDS, S, STATE_WORDS, type GilPlan, type GilWorkerStats } from '../../runtime/tasks/gil-tasks';
import { RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { taskShape, workloadsToMeasure, type GilParams, type GilWorkload } from './gil-params';
import {
  comparisonTable,
  median,
  modeResult,
  summariseWorkers,
  wallMs,
  type GilMode,
  type GilResult,
  type GilSample,
  type GilWorkloadResult,
} from './gil-result';

/** One interpreter: a GIL and the state block its threads share (layout in gil-tasks.ts). */
interface Interpreter {
  gil: Lock;
  state: RawArray<'i'>;
}

/** What the UI needs to draw one measurement while it runs. */
export interface GilPhase {
  workload: GilWorkload;
  mode: GilMode;
  repeat: number;
  workers: { pid: number; name: string; gilId: number }[];
  /** The GIL resource ids in use: one for threads, one per process. */
  gilIds: number[];
  /** Epoch ms just before the start gate opened. */
  goAt: number;
}

export interface GilObserver {
  onPhase?: (phase: GilPhase) => void;
  onSample?: (workload: GilWorkload, mode: GilMode, repeat: number, sample: GilSample) => void;
  onWorkload?: (result: GilWorkloadResult) => void;
}

const NAMES: Record<GilMode, string> = { serial: 'MainThread', threads: 'Thread', processes: 'Process' };

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof RunAbortedError ? signal.reason : new RunAbortedError();
}

function workerFailure(p: Process): Error {
  const why = p.error ? `${p.error.name}: ${p.error.message}` : 'it ended unexpectedly';
  return new Error(`${p.name} (pid ${p.pid}) failed with exit code ${p.exitCode}: ${why}`);
}

/** Resolves once every worker of a measurement is loaded and waiting at the gate. */
async function allReady(gate: Int32Array, count: number, procs: readonly Process[], signal: AbortSignal): Promise<void> {
  for (;;) {
    const ready = Atomics.load(gate, G.READY);
    if (ready >= count) return;
    if (signal.aborted) throw abortError(signal);
    const dead = procs.find((p) => p.exitCode !== null);
    if (dead) throw workerFailure(dead);
    await futexWaitAsync(gate, G.READY, ready, 25);
  }
}

async function measureOnce(
  mode: GilMode,
  workload: GilWorkload,
  repeat: number,
  params: GilParams,
  interps: { threads: Interpreter; own: Interpreter[] },
  gate: RawArray<'i'>,
  scope: RunScope,
  observer: GilObserver,
): Promise<GilSample> {
  const signal = scope.signal;
  const n = mode === 'serial' ? 1 : params.workers;
  const used = mode === 'threads' ? [interps.threads] : interps.own.slice(0, n);
  const g = gate.typed as Int32Array;
  g.fill(0);
  for (const interp of used) (interp.state.typed as Int32Array).fill(0);

  const shape = taskShape(workload, params);
  const plan: GilPlan = {
    kind: mode === 'processes' ? 'process' : 'thread',
    tasks: params.tasks,
    cpuOps: shape.cpuOps,
    ioMs: shape.ioMs,
    switchIntervalMs: params.switchIntervalMs,
    forceSwitch: params.forceSwitch,
  };
  const procs = Array.from({ length: n }, (_, i) => {
    const interp = mode === 'threads' ? interps.threads : used[i]!;
    return scope.process({
      target: 'gilWorker',
      args: [interp.gil, interp.state, gate, plan],
      name: mode === 'serial' ? NAMES.serial : `${NAMES[mode]}-${i + 1}`,
    });
  });
  for (const p of procs) p.start();
  await allReady(g, n, procs, signal);

  const goAt = now();
  observer.onPhase?.({
    workload,
    mode,
    repeat,
    workers: procs.map((p, i) => ({ pid: p.pid, name: p.name, gilId: (mode === 'threads' ? interps.threads : used[i]!).gil.id })),
    gilIds: used.map((x) => x.gil.id),
    goAt,
  });
  Atomics.store(g, G.GO, 1);
  Atomics.notify(g, G.GO);
  await Promise.all(procs.map((p) => p.join()));
  if (signal.aborted) throw abortError(signal);
  const failed = procs.find((p) => p.exitCode !== 0);
  if (failed) throw workerFailure(failed);

  const reports = procs.map((p) => p.result as GilWorkerStats);
  const word = (i: Interpreter, w: number) => Atomics.load(i.state.typed as Int32Array, w);
  return {
    ms: wallMs(reports),
    workers: summariseWorkers(reports),
    // The first holder of each GIL counts as a switch from "nobody": hand-offs are the rest.
    switches: used.reduce((sum, i) => sum + Math.max(0, word(i, S.SWITCHES) - 1), 0),
    forcedDrops: used.reduce((sum, i) => sum + word(i, S.FORCED_DROPS), 0),
    dropRequests: used.reduce((sum, i) => sum + word(i, S.DROP_REQUESTS), 0),
    ioReleases: used.reduce((sum, i) => sum + word(i, S.IO_RELEASES), 0),
  };
}

export async function runGil(params: GilParams, ctx: RunContext, observer: GilObserver = {}): Promise<GilResult> {
  const scope = new RunScope(ctx.signal);
  try {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    const interps = {
      threads: { gil: new Lock({ name: 'GIL' }), state: new RawArray('i', STATE_WORDS, { name: 'GIL state' }) },
      own: Array.from({ length: params.workers }, (_, i) => ({
        gil: new Lock({ name: `GIL of Process-${i + 1}` }),
        state: new RawArray('i', STATE_WORDS, { name: `GIL state of Process-${i + 1}` }),
      })),
    };
    const gate = new RawArray('i', GATE_WORDS, { name: 'start gate' });
    const workloads = workloadsToMeasure(params);
    const modes: GilMode[] = ['serial', 'threads', 'processes'];
    const total = workloads.length * params.repeats * modes.length;
    let done = 0;
    const measurements: GilWorkloadResult[] = [];

    for (const workload of workloads) {
      const samples: Record<GilMode, GilSample[]> = { serial: [], threads: [], processes: [] };
      for (let repeat = 0; repeat < params.repeats; repeat++) {
        for (const mode of modes) {
          const sample = await measureOnce(mode, workload, repeat, params, interps, gate, scope, observer);
          samples[mode].push(sample);
          observer.onSample?.(workload, mode, repeat, sample);
          ctx.onProgress?.(++done / total);
        }
      }
      const serialSamplesMs = samples.serial.map((s) => s.ms);
      const serialMs = median(serialSamplesMs);
      const shape = taskShape(workload, params);
      const result: GilWorkloadResult = {
        workload,
        tasks: params.tasks,
        cpuOpsPerTask: shape.cpuOps,
        ioMsPerTask: shape.ioMs,
        serialMs,
        serialSamplesMs,
        threads: modeResult(samples.threads, serialMs, params.workers),
        processes: modeResult(samples.processes, serialMs, params.workers),
      };
      measurements.push(result);
      observer.onWorkload?.(result);
    }

    const selected = measurements[0]!;
    return {
      workload: params.workload,
      workers: params.workers,
      cores: cpuCount(),
      switchIntervalMs: params.switchIntervalMs,
      forceSwitch: params.forceSwitch,
      repeats: params.repeats,
      serialMs: selected.serialMs,
      threads: selected.threads,
      processes: selected.processes,
      measurements,
      table: comparisonTable(measurements, params.workers),
    };
  } finally {
    await scope.close();
  }
}
