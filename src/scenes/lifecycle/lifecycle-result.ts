/**
 * What a lifecycle run resolves with: the JSON of `window.playground.run('lifecycle', …)` and of
 * the scene's "Export JSON". Types only. Times are milliseconds since the run started.
 */
import type { Part, SinglePart } from './lifecycle-params';

export interface ProcessRecord {
  name: string;
  pid: number;
  part: SinglePart;
  /** The task (Python: the target function) and its arguments. */
  target: string;
  args: unknown[];
  daemon: boolean;
  /** null only if the run ended before the process did. */
  exitCode: number | null;
  /** Set when the process raised: the error and the worker's stack, as the parent received them. */
  error: { name: string; message: string; traceback: string } | null;
  /** The parent saw it exited but not yet joined. */
  zombieObserved: boolean;
  /** How long it stayed a zombie (exit → join), if it was one. */
  zombieMs: number | null;
  startedAtMs: number | null;
  exitedAtMs: number | null;
  joinedAtMs: number | null;
}

export interface LifecycleLogEntry {
  atMs: number;
  part: SinglePart;
  /** "MainProcess" or a child's name. */
  who: string;
  text: string;
}

export interface ExitCodesOutcome {
  /** By process name: returns 0, raises 1, sys-exit-3 3, terminated -15, killed -9. */
  exitCodes: Record<string, number | null>;
  /** join(timeout) on a running process: it returned, the process was still alive. */
  joinTimeout: { timeoutMs: number; returnedAfterMs: number; aliveAfter: boolean; exitCodeAfter: number | null };
  traceback: string;
}

export interface ZombiesOutcome {
  names: string[];
  /** Most zombies at one moment. */
  maxAtOnce: number;
  /** Zombies after the parent joined them all. */
  remaining: number;
}

export interface SupervisionOutcome {
  workers: { name: string; exitCode: number | null }[];
  failed: string[];
  /** The warning the supervisor prints, or null when every worker exited 0. */
  warning: string | null;
}

export interface DaemonOutcome {
  daemon: { name: string; exitCode: number | null };
  nonDaemon: { name: string; exitCode: number | null };
  /** How long the parent waited at shutdown for the non-daemon child. */
  parentWaitedMs: number;
}

export interface GoContextOutcome {
  jobs: number;
  results: number;
  /** Every result was n² of its job. */
  resultsCorrect: boolean;
  workers: { name: string; exitCode: number | null; ending: 'poison-pill' | 'stop-event' | 'terminated' }[];
  steps: { atMs: number; text: string }[];
}

export interface LifecycleResult {
  part: Part;
  /** The seed the supervised workers used (pass it back to replay the run). */
  seed: number;
  processes: ProcessRecord[];
  exitCodes: ExitCodesOutcome | null;
  zombies: ZombiesOutcome | null;
  supervision: SupervisionOutcome | null;
  daemon: DaemonOutcome | null;
  goContext: GoContextOutcome | null;
  log: LifecycleLogEntry[];
}
