/**
 * What a deadlock run resolves with: the JSON of `window.playground.run('deadlock', …)` and of
 * the scene's "Export JSON". Types only (the definition imports it, so it must stay light).
 */
import type { Scenario } from './deadlock-params';

export interface DeadlockProcessOutcome {
  name: string;
  pid: number;
  /** What the process does in the scenario: "takes lock_a then lock_b", "consumer", … */
  role: string;
  /** After the run: 0 when it finished, -15 when it was stuck and had to be terminated. */
  exitCode: number | null;
}

export interface DeadlockLogEntry {
  /** Milliseconds since the processes were started. */
  atMs: number;
  who: string;
  text: string;
}

export interface DeadlockResult {
  scenario: Scenario;
  fix: boolean;
  /** The fix that was applied ("consistent lock order", …), or null without the fix. */
  fixName: string | null;
  deadlocked: boolean;
  /** 'cycle': a cycle in the wait-for graph; 'all-blocked': every process waits, nobody can wake them. */
  kind: 'cycle' | 'all-blocked' | null;
  /** The names of the processes and resources in the cycle, in wait-for order ([] if none). */
  cycle: string[];
  /** "worker-1 → lock_b → worker-2 → lock_a → worker-1" */
  cycleText: string | null;
  /** From the moment the last wait of the cycle began to the moment it was named. */
  detectedAfterMs: number | null;
  /** From the start of the processes to the moment the cycle closed. */
  formedAfterMs: number | null;
  /** Every process finished by itself and the parent joined them all. */
  completed: boolean;
  /** From the start of the processes to completion or detection. */
  durationMs: number;
  /** Cycles that formed and broke up again by themselves (acquire with a timeout does that). */
  transientCycles: number;
  /** Times a process gave up its first lock after a timed-out acquire (the back-off fix). */
  retries: number;
  /** Queue scenarios: items the parent received or the consumers processed; null otherwise. */
  itemsMoved: number | null;
  processes: DeadlockProcessOutcome[];
  log: DeadlockLogEntry[];
}
