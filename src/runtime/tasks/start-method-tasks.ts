/**
 * The start-methods scene's tasks, in a module written like a Python script WITHOUT an
 * `if __name__ == "__main__":` guard: it has code at its top level.
 *
 * A Web Worker is spawn-like: it starts from nothing and evaluates its own copy of every module
 * it imports (this one included, through the task registry). So the top-level code below runs
 * once in the page, and once more in every new worker, exactly as Python's spawn (and
 * forkserver) start methods re-import the main module in every child. A warm pool worker does
 * not run it again for its second task: the module is already evaluated there.
 *
 *   startMethodProbe(ctx, counter) → StartProbeReport      the smallest process target: says when
 *       this worker evaluated its modules, and publishes the top-level side effect to `counter`
 *   startMethodPoolInit(ctx, counter)    Pool initializer: publishes it when a pool worker starts
 *       (Pool arguments are pickled and cannot carry a RawValue; initializer arguments can)
 *   startMethodTask(ctx) → StartTaskReport   the task dispatched to the warm pool: no work at all
 *
 * Counting in shared memory: the top level cannot reach shared memory (a worker only receives
 * it with its boot message, after its modules were evaluated), so it counts in a module variable
 * and the first task or initializer adds that count to the shared counter, once per worker.
 */
import { now } from '../platform/clock';
import { RawValue } from '../shared/value';
import { InvalidArgumentError } from '../errors';
import type { TaskContext } from './task-context';

// ---------------------------------------------------------------------------------------------
// Top level: no main guard. This runs whenever this module is evaluated in a new realm.
let topLevelRuns = 0;
topLevelRuns += 1; // the side effect (Python: a print, opening a file, starting a Process…)
const evaluatedAt = now();
// ---------------------------------------------------------------------------------------------

/** How often, and when, this realm evaluated this module (in the page: the parent's own run). */
export const startMethodModule = {
  get topLevelRuns(): number {
    return topLevelRuns;
  },
  evaluatedAt,
};

let published = false;
let tasksRunHere = 0;

function publish(counter: RawValue<'i'>): boolean {
  if (!(counter instanceof RawValue)) throw new InvalidArgumentError('counter', "a RawValue('i')", counter);
  if (published) return false;
  published = true;
  Atomics.add(new Int32Array(counter.buffer, 0, 1), 0, topLevelRuns);
  return true;
}

export interface StartProbeReport {
  pid: number;
  /** Epoch ms when this worker finished evaluating this module (its "import"). */
  moduleEvaluatedAt: number;
  /** Epoch ms when the task began. */
  taskStartedAt: number;
  /** 1 in a fresh worker: the top-level code ran here once. */
  topLevelRuns: number;
  /** Whether this call added this worker's top-level run to the shared counter. */
  counted: boolean;
}

export function startMethodProbe(ctx: TaskContext, counter: RawValue<'i'>): StartProbeReport {
  const taskStartedAt = ctx.now();
  tasksRunHere++;
  const counted = publish(counter);
  return { pid: ctx.pid, moduleEvaluatedAt: evaluatedAt, taskStartedAt, topLevelRuns, counted };
}

export function startMethodPoolInit(_ctx: TaskContext, counter: RawValue<'i'>): void {
  publish(counter);
}

export interface StartTaskReport {
  pid: number;
  /** Tasks this worker has run so far, this one included. */
  tasksRunHere: number;
  topLevelRuns: number;
}

export function startMethodTask(ctx: TaskContext): StartTaskReport {
  tasksRunHere++;
  return { pid: ctx.pid, tasksRunHere, topLevelRuns };
}

export const startMethodTasks = { startMethodProbe, startMethodPoolInit, startMethodTask };
