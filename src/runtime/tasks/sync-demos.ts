/**
 * Tasks that exercise one synchronization primitive each (the primitives scene and the tests).
 *
 *   semaphoreSection(ctx, sem, occupancy, rounds)   enter/leave `rounds` times; occupancy is a
 *                              RawArray('i', 2): [0] inside now, [1] most ever seen inside
 *   waitForEvent(ctx, event, timeoutMs?) → boolean
 *   setEventAfter(ctx, event, ms)
 *   conditionConsumer(ctx, cond, box, timeoutMs?) → the value taken (0 on timeout): waits for
 *                              box > 0 under the condition, takes it (sets 0)
 *   conditionProducer(ctx, cond, box, value)        sets box and notifies one
 *   barrierWaiter(ctx, barrier, timeoutMs?) → arrival index (BrokenBarrierError → exit 1)
 *   markBarrierAction(ctx)     a Barrier action: writes a MARK record (arg 1) in the ring of the
 *                              process that ran it
 *   rlockReenter(ctx, rlock, depth) → recursion depth reached
 *   releaseLock(ctx, lock)     just release(): a non-owner gets RuntimeError → exit code 1
 *   lockTwo(ctx, first, second, bothHoldFirst?, holdMs = 0)   take first, wait at the barrier
 *                              (so every party holds its first lock), then take second: two
 *                              processes with the locks in opposite order deadlock
 *   acquireReporting(ctx, lock, timeoutMs?) → { acquired, ownerDied, message, deadPid }
 *                              recovers an OWNER_DIED lock: reports, then releases it
 *   notifyThenExitHolding(ctx, cond)   takes the condition's lock, notifies one waiter and ends
 *                              still holding it (the waiter's re-acquire meets OWNER_DIED)
 *   holdBarrierAction(ctx)     a Barrier action that keeps the generation open (sleeping) until
 *                              the process is asked to stop, at most 10 s
 */
import { OwnerDiedError } from '../errors';
import type { RawArray } from '../shared/shared-array';
import type { RawValue } from '../shared/value';
import type { Barrier } from '../sync/barrier';
import type { Condition } from '../sync/condition';
import type { Event } from '../sync/event';
import type { Lock } from '../sync/lock';
import type { RLock } from '../sync/rlock';
import type { Semaphore } from '../sync/semaphore';
import { EventKind } from '../../telemetry/layout';
import type { TaskContext } from './task-context';

export function semaphoreSection(ctx: TaskContext, sem: Semaphore, occupancy: RawArray<'i'>, rounds: number): number {
  const cells = occupancy.typed as Int32Array;
  for (let r = 0; r < rounds; r++) {
    sem.acquire();
    const inside = Atomics.add(cells, 0, 1) + 1;
    for (let seen = Atomics.load(cells, 1); inside > seen; seen = Atomics.load(cells, 1)) {
      if (Atomics.compareExchange(cells, 1, seen, inside) === seen) break;
    }
    // Stay inside a moment so others pile up at the door.
    const until = ctx.now() + 0.05;
    while (ctx.now() < until);
    Atomics.sub(cells, 0, 1);
    sem.release();
  }
  return rounds;
}

export function waitForEvent(_ctx: TaskContext, event: Event, timeoutMs?: number): boolean {
  return event.wait(timeoutMs);
}

export function setEventAfter(ctx: TaskContext, event: Event, ms: number): void {
  ctx.sleep(ms);
  event.set();
}

export function conditionConsumer(_ctx: TaskContext, cond: Condition, box: RawValue<'i'>, timeoutMs?: number): number {
  return cond.withLock(() => {
    if (!cond.waitFor(() => box.value > 0, timeoutMs)) return 0;
    const v = box.value;
    box.value = 0;
    return v;
  });
}

export function conditionProducer(_ctx: TaskContext, cond: Condition, box: RawValue<'i'>, value: number): void {
  cond.withLock(() => {
    box.value = value;
    cond.notify();
  });
}

export function barrierWaiter(_ctx: TaskContext, barrier: Barrier, timeoutMs?: number): number {
  return barrier.wait(timeoutMs);
}

export function markBarrierAction(ctx: TaskContext): void {
  ctx.telemetry.event(EventKind.MARK, 0, 1);
}

export function rlockReenter(_ctx: TaskContext, rlock: RLock, depth: number): number {
  for (let i = 0; i < depth; i++) rlock.acquire();
  const reached = rlock.count();
  for (let i = 0; i < depth; i++) rlock.release();
  return reached;
}

export function releaseLock(_ctx: TaskContext, lock: Lock | RLock): void {
  lock.release();
}

export function lockTwo(ctx: TaskContext, first: Lock, second: Lock, bothHoldFirst?: Barrier, holdMs = 0): void {
  first.acquire();
  try {
    bothHoldFirst?.wait();
    if (holdMs > 0) ctx.sleep(holdMs);
    second.acquire();
    second.release();
  } finally {
    first.release();
  }
}

export function acquireReporting(
  _ctx: TaskContext,
  lock: Lock,
  timeoutMs?: number,
): { acquired: boolean; ownerDied: boolean; message: string; deadPid: number } {
  try {
    const acquired = lock.acquire(true, timeoutMs ?? -1);
    if (acquired) lock.release();
    return { acquired, ownerDied: false, message: '', deadPid: -1 };
  } catch (e) {
    if (!(e instanceof OwnerDiedError)) throw e;
    // We hold the lock now: the protected data would be repaired here, then the lock released.
    lock.release();
    return { acquired: true, ownerDied: true, message: e.message, deadPid: e.deadPid };
  }
}

export function notifyThenExitHolding(_ctx: TaskContext, cond: Condition): void {
  cond.acquire();
  cond.notify();
}

export function holdBarrierAction(ctx: TaskContext): void {
  const until = ctx.now() + 10_000;
  while (!ctx.stopRequested() && ctx.now() < until) ctx.sleep(Math.max(0, until - ctx.now()));
}

export const syncDemoTasks = {
  semaphoreSection,
  waitForEvent,
  setEventAfter,
  conditionConsumer,
  conditionProducer,
  barrierWaiter,
  markBarrierAction,
  rlockReenter,
  releaseLock,
  lockTwo,
  acquireReporting,
  notifyThenExitHolding,
  holdBarrierAction,
};
