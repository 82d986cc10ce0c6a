/**
 * Tasks of the deadlock scene: small programs that deadlock on purpose, and their fixes.
 * Pure worker code (no DOM); every wait is a real runtime primitive, so the telemetry slots say
 * exactly who waits on what, and the parent can draw the wait-for graph from a snapshot.
 *
 *   takeTwoLocks(ctx, first, second, plan) → LockPairStats
 *       `plan.rounds` times: take `first`, hold it `plan.holdMs` (the window in which the other
 *       process takes its own first lock), take `second`, work, release both. Two processes given
 *       the locks in opposite order deadlock; given them in the same order (the fix) they take
 *       turns. With `plan.backoff`, the second acquire has a timeout: on failure, release the
 *       first lock, sleep a random back-off and try again (the other fix).
 *   dinePhilosopher(ctx, left, right, plan) → LockPairStats
 *       the same shape, named for the ring: think, take the left fork, reach for the right one,
 *       eat. N philosophers each taking the left fork first form an N-cycle.
 *   fillQueue(ctx, queue, items) → items put
 *       puts 0 … items-1; blocks on a full queue (the child of "join before drain").
 *   consumeUntilSentinel(ctx, queue, workMs) → items consumed
 *       `while (item = q.get()) is not None`: waits forever if its sentinel never comes.
 *
 * Both lock tasks wait for the `go` Event first, so every process starts its first round at the
 * same moment (a process start takes tens of milliseconds; without it the first process could
 * finish before the second one starts, and nothing would deadlock).
 */
import { checkInt } from '../errors';
import type { Queue } from '../messaging/queue';
import type { Event } from '../sync/event';
import type { Lock } from '../sync/lock';
import type { TaskContext } from './task-context';

export interface LockPairPlan {
  rounds: number;
  /** How long the first lock is held before reaching for the second. */
  holdMs: number;
  /** Time spent holding both (the work they protect). */
  workMs: number;
  /** The acquire(timeout) fix: give up the second lock after this many ms, release, back off. */
  backoff?: { timeoutMs: number; minMs: number; maxMs: number } | null;
  /** Philosophers think between meals. */
  thinkMs?: number;
}

export interface LockPairStats {
  rounds: number;
  /** Times the second acquire timed out and the first lock was given back. */
  retries: number;
}

function checkPlan(plan: LockPairPlan): void {
  checkInt('plan.rounds', plan.rounds, 1, 10_000);
  checkInt('plan.holdMs', plan.holdMs, 0, 60_000);
  checkInt('plan.workMs', plan.workMs, 0, 60_000);
  if (plan.backoff) {
    checkInt('plan.backoff.timeoutMs', plan.backoff.timeoutMs, 1, 60_000);
    checkInt('plan.backoff.minMs', plan.backoff.minMs, 0, 60_000);
    checkInt('plan.backoff.maxMs', plan.backoff.maxMs, plan.backoff.minMs, 60_000);
  }
}

function lockPairRounds(ctx: TaskContext, first: Lock, second: Lock, plan: LockPairPlan, go?: Event): LockPairStats {
  checkPlan(plan);
  go?.wait();
  let retries = 0;
  let done = 0;
  while (done < plan.rounds) {
    ctx.checkStop();
    if (plan.thinkMs) ctx.sleep(plan.thinkMs);
    first.acquire();
    let gotSecond: boolean;
    try {
      if (plan.holdMs > 0) ctx.sleep(plan.holdMs);
      gotSecond = plan.backoff ? second.acquire(true, plan.backoff.timeoutMs) : second.acquire();
      if (gotSecond) {
        try {
          if (plan.workMs > 0) ctx.sleep(plan.workMs);
          done++;
          ctx.telemetry.countOps(1);
          ctx.telemetry.setProgress(done);
        } finally {
          second.release();
        }
      }
    } finally {
      first.release();
    }
    if (!gotSecond && plan.backoff) {
      retries++;
      const { minMs, maxMs } = plan.backoff;
      // A random back-off: if both waited the same time they would collide again (livelock).
      ctx.sleep(minMs + Math.random() * (maxMs - minMs));
    }
  }
  return { rounds: done, retries };
}

export function takeTwoLocks(ctx: TaskContext, first: Lock, second: Lock, plan: LockPairPlan, go?: Event): LockPairStats {
  return lockPairRounds(ctx, first, second, plan, go);
}

export function dinePhilosopher(ctx: TaskContext, left: Lock, right: Lock, plan: LockPairPlan, go?: Event): LockPairStats {
  return lockPairRounds(ctx, left, right, plan, go);
}

export function fillQueue(ctx: TaskContext, queue: Queue<number>, items: number): number {
  checkInt('items', items, 0, 1_000_000);
  for (let i = 0; i < items; i++) {
    queue.put(i);
    ctx.telemetry.countOps(1);
    ctx.telemetry.setProgress(i + 1);
  }
  return items;
}

export function consumeUntilSentinel(ctx: TaskContext, queue: Queue<number | null>, workMs: number): number {
  checkInt('workMs', workMs, 0, 60_000);
  let consumed = 0;
  for (;;) {
    const item = queue.get();
    if (item === null) break; // the sentinel (poison pill): no more work
    if (workMs > 0) ctx.sleep(workMs);
    consumed++;
    ctx.telemetry.countOps(1);
    ctx.telemetry.setProgress(consumed);
  }
  return consumed;
}

export const deadlockTasks = { takeTwoLocks, dinePhilosopher, fillQueue, consumeUntilSentinel };
