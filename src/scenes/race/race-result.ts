/**
 * What a race run resolves with: plain JSON, the same object "Export JSON" writes and
 * `window.playground.run('race', …)` returns; and the CSV rows "Export CSV" writes from it.
 */
import type { CsvRow } from '../shared/export';
import type { SyncMode } from './race-params';

export interface RaceRun {
  /** 1-based. */
  repeat: number;
  final: number;
  /** expected − final. */
  lostUpdates: number;
  /** lostUpdates / expected × 100. */
  lostPercent: number;
  /** From the moment all processes were released to the last join. */
  ms: number;
  incrementsPerSec: number;
  /** Lock acquisitions per process (0 without a lock): how fairly the lock was shared. */
  acquisitions: number[];
  /** Milliseconds each process spent blocked waiting for the lock. */
  waitMs: number[];
}

export interface RaceResult {
  scene: 'race';
  processes: number;
  increments: number;
  sync: SyncMode;
  batch: number;
  repeats: number;
  /** processes × increments. */
  expected: number;
  runs: RaceRun[];
  /** Median over the repeats. */
  lostUpdates: number;
  lostPercent: number;
  incrementsPerSec: number;
  medianMs: number;
  /** True when every repeat ended exactly at `expected`. */
  exact: boolean;
  cores: number;
  code: { python: string; go: string };
  startedAt: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One repeat's numbers from what was measured. */
export function makeRun(
  repeat: number,
  expected: number,
  final: number,
  ms: number,
  acquisitions: number[],
  waitMs: number[],
): RaceRun {
  const lostUpdates = expected - final;
  return {
    repeat,
    final,
    lostUpdates,
    lostPercent: round((lostUpdates / expected) * 100, 3),
    ms: round(ms, 3),
    incrementsPerSec: ms > 0 ? Math.round(expected / (ms / 1000)) : 0,
    acquisitions,
    waitMs: waitMs.map((w) => round(w, 3)),
  };
}

export function summarize(
  settings: Pick<RaceResult, 'processes' | 'increments' | 'sync' | 'batch' | 'repeats'>,
  runs: RaceRun[],
  extra: Pick<RaceResult, 'cores' | 'code' | 'startedAt'>,
): RaceResult {
  const expected = settings.processes * settings.increments;
  return {
    scene: 'race',
    ...settings,
    expected,
    runs,
    lostUpdates: median(runs.map((r) => r.lostUpdates)),
    lostPercent: round(median(runs.map((r) => r.lostPercent)), 3),
    incrementsPerSec: Math.round(median(runs.map((r) => r.incrementsPerSec))),
    medianMs: round(median(runs.map((r) => r.ms)), 3),
    exact: runs.every((r) => r.final === expected),
    ...extra,
  };
}

/** One row per repeat, with the settings repeated so a spreadsheet of several files still reads. */
export function raceCsvRows(result: RaceResult): CsvRow[] {
  return result.runs.map((run) => ({
    repeat: run.repeat,
    processes: result.processes,
    increments: result.increments,
    sync: result.sync,
    batch: result.batch,
    expected: result.expected,
    final: run.final,
    lostUpdates: run.lostUpdates,
    lostPercent: run.lostPercent,
    ms: run.ms,
    incrementsPerSec: run.incrementsPerSec,
    acquisitions: run.acquisitions.join(' '),
    waitMs: run.waitMs.join(' '),
  }));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
