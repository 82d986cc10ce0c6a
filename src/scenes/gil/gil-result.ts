/**
 * What a GIL run resolves with (the JSON of "Export JSON" and of `window.playground.run('gil')`),
 * and the pure arithmetic that turns worker reports into it. No runtime imports.
 */
import type { CsvRow } from '../shared/export';
import { GIL_WORKLOAD_INFO, GIL_WORKLOADS, type GilWorkload } from './gil-params';

export type GilMode = 'serial' | 'threads' | 'processes';

/** What one worker reports (the task module's GilWorkerStats, as plain data). */
export interface GilWorkerReport {
  pid: number;
  name: string;
  tasksDone: number;
  startedAt: number;
  endedAt: number;
  heldMs: number;
  gilWaitMs: number;
  ioMs: number;
  longestGilWaitMs: number;
  acquisitions: number;
  forcedDrops: number;
  dropRequests: number;
}

/** One worker in the result: its share of the work and of the GIL. */
export interface GilWorkerSummary {
  name: string;
  tasksDone: number;
  heldMs: number;
  gilWaitMs: number;
  ioMs: number;
  longestGilWaitMs: number;
  /** Fraction of all GIL-holding time of this measurement that was this worker's. */
  gilShare: number;
  forcedDrops: number;
}

/** One timed run of one mode. */
export interface GilSample {
  ms: number;
  workers: GilWorkerSummary[];
  /** Times a GIL changed hands (threads: one GIL; processes: each has its own, so 0). */
  switches: number;
  forcedDrops: number;
  dropRequests: number;
  ioReleases: number;
}

export interface GilModeResult {
  /** Median wall time over the repeats, from the first worker passing the start gate to the last finishing. */
  ms: number;
  minMs: number;
  maxMs: number;
  /** Serial median / this median. */
  speedup: number;
  /** speedup / N. */
  efficiency: number;
  /** The repeat whose time was the median: its per-worker picture. */
  workers: GilWorkerSummary[];
  switches: number;
  forcedDrops: number;
  dropRequests: number;
  ioReleases: number;
  /** Every repeat's wall time, in order. */
  samplesMs: number[];
}

export interface GilWorkloadResult {
  workload: GilWorkload;
  tasks: number;
  cpuOpsPerTask: number;
  ioMsPerTask: number;
  /** One thread doing every task: the baseline. */
  serialMs: number;
  serialSamplesMs: number[];
  threads: GilModeResult;
  processes: GilModeResult;
}

export interface GilTableRow {
  workload: GilWorkload;
  label: string;
  /** N threads and N processes. */
  workers: number;
  serialMs: number;
  threadsMs: number;
  threadsSpeedup: number;
  processesMs: number;
  processesSpeedup: number;
  /** What the tutorials' table predicts. */
  tutorialThreads: string;
  tutorialProcesses: string;
  advice: string;
}

export interface GilResult {
  /** The workload selected; `serialMs`, `threads` and `processes` are its numbers. */
  workload: GilWorkload;
  workers: number;
  cores: number;
  switchIntervalMs: number;
  forceSwitch: boolean;
  repeats: number;
  serialMs: number;
  threads: GilModeResult;
  processes: GilModeResult;
  /** Every workload measured, the selected one first. */
  measurements: GilWorkloadResult[];
  /** The tutorials' comparison table with our numbers: one row per measured workload. */
  table: GilTableRow[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of a measurement: first start to last end, across its workers. */
export function wallMs(reports: readonly GilWorkerReport[]): number {
  if (reports.length === 0) return 0;
  const start = Math.min(...reports.map((r) => r.startedAt));
  const end = Math.max(...reports.map((r) => r.endedAt));
  return Math.max(0, end - start);
}

export function summariseWorkers(reports: readonly GilWorkerReport[]): GilWorkerSummary[] {
  const held = reports.reduce((sum, r) => sum + r.heldMs, 0);
  return reports.map((r) => ({
    name: r.name,
    tasksDone: r.tasksDone,
    heldMs: r.heldMs,
    gilWaitMs: r.gilWaitMs,
    ioMs: r.ioMs,
    longestGilWaitMs: r.longestGilWaitMs,
    gilShare: held > 0 ? r.heldMs / held : 0,
    forcedDrops: r.forcedDrops,
  }));
}

/** Repeats of one mode → its result, against the serial median. */
export function modeResult(samples: readonly GilSample[], serialMs: number, workers: number): GilModeResult {
  const times = samples.map((s) => s.ms);
  const ms = median(times);
  // The repeat closest to the median stands for the mode in the per-worker picture.
  const representative = samples.reduce((best, s) => (Math.abs(s.ms - ms) < Math.abs(best.ms - ms) ? s : best), samples[0]!);
  const speedup = ms > 0 ? serialMs / ms : 0;
  return {
    ms,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    speedup,
    efficiency: speedup / workers,
    workers: representative.workers,
    switches: representative.switches,
    forcedDrops: representative.forcedDrops,
    dropRequests: representative.dropRequests,
    ioReleases: representative.ioReleases,
    samplesMs: times,
  };
}

export function tableRow(m: GilWorkloadResult, workers: number): GilTableRow {
  const info = GIL_WORKLOAD_INFO[m.workload];
  return {
    workload: m.workload,
    label: info.label,
    workers,
    serialMs: m.serialMs,
    threadsMs: m.threads.ms,
    threadsSpeedup: m.threads.speedup,
    processesMs: m.processes.ms,
    processesSpeedup: m.processes.speedup,
    tutorialThreads: info.tutorial.threads,
    tutorialProcesses: info.tutorial.processes,
    advice: info.tutorial.advice,
  };
}

/** Table rows in the tutorials' order (CPU-bound, I/O-bound, mixed), whatever order they were measured in. */
export function comparisonTable(measurements: readonly GilWorkloadResult[], workers: number): GilTableRow[] {
  return GIL_WORKLOADS.flatMap((w) => {
    const m = measurements.find((x) => x.workload === w);
    return m ? [tableRow(m, workers)] : [];
  });
}

/** Latest row per workload across runs: the UI's table fills up as the user measures. */
export function mergeTable(previous: readonly GilTableRow[], latest: readonly GilTableRow[]): GilTableRow[] {
  return GIL_WORKLOADS.flatMap((w) => {
    const row = latest.find((r) => r.workload === w) ?? previous.find((r) => r.workload === w);
    return row ? [row] : [];
  });
}

export function csvRows(result: GilResult): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const m of result.measurements) {
    rows.push({ workload: m.workload, mode: 'serial', workers: 1, medianMs: round(m.serialMs), minMs: round(Math.min(...m.serialSamplesMs)), maxMs: round(Math.max(...m.serialSamplesMs)), speedup: 1, switches: 0 });
    for (const mode of ['threads', 'processes'] as const) {
      const r = m[mode];
      rows.push({
        workload: m.workload,
        mode,
        workers: result.workers,
        medianMs: round(r.ms),
        minMs: round(r.minMs),
        maxMs: round(r.maxMs),
        speedup: round(r.speedup, 3),
        switches: r.switches,
      });
    }
  }
  return rows;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** "1.93×" */
export function formatSpeedup(x: number): string {
  return `${x.toFixed(2)}×`;
}

/** "612 ms", "1.24 s" */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
