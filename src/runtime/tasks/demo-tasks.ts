/**
 * Small tasks that show one lifecycle fact each (the Process scene, the failure scenes, tests).
 *
 *   exitWith(ctx, code)              sys.exit(code) → exit code `code`
 *   raiseError(ctx, message)         an uncaught exception → exit code 1, error kept by the parent
 *   sleepThenReturn(ctx, ms, value)  sleeps, then returns value (exit code 0)
 *   busyUntilStopped(ctx)            spins until the parent requests a stop or terminates it
 *   holdLockForever(ctx, lock, ready?)  takes the lock, sets `ready`, then never releases it
 *   holdLockThenExit(ctx, lock, code = 0, ready?)  takes the lock and ends without releasing it
 *   sideEffectCounter(ctx, counter)  the `if __name__ == "__main__"` lesson: adds 1 to
 *                                    `counter` once per fresh worker (the worker's top-level
 *                                    code ran), not once per task
 */
import { checkInt } from '../errors';
import type { RawValue, Value } from '../shared/value';
import type { Event } from '../sync/event';
import type { Lock } from '../sync/lock';
import type { RLock } from '../sync/rlock';
import type { TaskContext } from './task-context';
import { moduleEvaluation } from './top-level-side-effect';

export function exitWith(ctx: TaskContext, code: number): never {
  return ctx.exit(code);
}

export function raiseError(_ctx: TaskContext, message: string): never {
  throw new Error(message);
}

export function sleepThenReturn<T>(ctx: TaskContext, ms: number, value: T): T {
  checkInt('ms', ms, 0, 3_600_000);
  ctx.sleep(ms);
  return value;
}

export function busyUntilStopped(ctx: TaskContext): number {
  let spins = 0;
  while (!ctx.stopRequested()) {
    spins++;
    if ((spins & 0xffff) === 0) ctx.telemetry.countOps(0x10000);
  }
  return spins;
}

/** Sleeps (blocked, not spinning) until terminated; a stop request ends it still holding the lock. */
export function holdLockForever(ctx: TaskContext, lock: Lock | RLock, ready?: Event): void {
  lock.acquire();
  ready?.set();
  while (!ctx.stopRequested()) ctx.sleep(60_000);
}

export function holdLockThenExit(ctx: TaskContext, lock: Lock | RLock, code = 0, ready?: Event): void {
  lock.acquire();
  ready?.set();
  if (code !== 0) ctx.exit(code);
}

let published = false;
let tasksRunHere = 0;

export function sideEffectCounter(
  ctx: TaskContext,
  counter: RawValue<'i'> | Value<'i'>,
): { pid: number; moduleEvaluatedAt: number; topLevelRunsInThisWorker: number; countedNow: boolean; tasksRunHere: number } {
  tasksRunHere++;
  // The top-level code ran when this worker imported the module; publish that once per worker.
  const countedNow = !published;
  if (countedNow) {
    published = true;
    const cell = new Int32Array((('getObj' in counter ? counter.getObj() : counter) as RawValue<'i'>).buffer, 0, 1);
    Atomics.add(cell, 0, moduleEvaluation.count);
  }
  return {
    pid: ctx.pid,
    moduleEvaluatedAt: moduleEvaluation.at,
    topLevelRunsInThisWorker: moduleEvaluation.count,
    countedNow,
    tasksRunHere,
  };
}

export const demoTasks = {
  exitWith,
  raiseError,
  sleepThenReturn,
  busyUntilStopped,
  holdLockForever,
  holdLockThenExit,
  sideEffectCounter,
};
