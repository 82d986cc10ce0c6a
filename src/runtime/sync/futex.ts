/**
 * Futex helpers: the only place the runtime calls Atomics.wait / waitAsync / notify.
 *
 *   futexWait(i32, index, expected, timeoutMs)       blocks (processes only) → WaitResult
 *   futexWaitAsync(i32, index, expected, timeoutMs)  never blocks (main thread) → Promise<WaitResult>
 *   futexWake(i32, index, count = Infinity)          → number of waiters woken
 *   deadlineFrom(timeoutMs) / remainingMs(deadline)  callers loop against a deadline, because
 *                                                     every wake may be spurious
 *   allowBlocking(bool) / canBlock()                 the worker entry allows blocking; the
 *                                                     parent never blocks (it would freeze the page)
 *
 * A wait returns 'not-equal' at once if `i32[index] !== expected`: callers re-check their
 * condition after every return, whatever the result.
 */
import { WouldBlockError } from '../errors';
import { now } from '../platform/clock';

export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

// Workers flip this at boot. The parent (page main thread, or the Node test process standing in
// for it) must never block: Atomics.wait throws on a page's main thread, and in Node it would
// stall the event loop that delivers worker exits.
let blockingAllowed = false;

export function allowBlocking(allowed: boolean): void {
  blockingAllowed = allowed;
}

export function canBlock(): boolean {
  return blockingAllowed;
}

/** Throws WouldBlockError unless this thread may block. `what` / `asyncTwin` name the call. */
export function assertCanBlock(what: string, asyncTwin: string): void {
  if (!blockingAllowed) throw new WouldBlockError(what, asyncTwin);
}

export function deadlineFrom(timeoutMs: number): number {
  return timeoutMs === Infinity ? Infinity : now() + timeoutMs;
}

export function remainingMs(deadline: number): number {
  return deadline === Infinity ? Infinity : Math.max(0, deadline - now());
}

export function futexWait(i32: Int32Array, index: number, expected: number, timeoutMs = Infinity): WaitResult {
  return Atomics.wait(i32, index, expected, timeoutMs);
}

const hasWaitAsync = typeof Atomics.waitAsync === 'function';

export function futexWaitAsync(i32: Int32Array, index: number, expected: number, timeoutMs = Infinity): Promise<WaitResult> {
  if (hasWaitAsync) {
    const r = Atomics.waitAsync(i32, index, expected, timeoutMs);
    return r.async ? r.value : Promise.resolve(r.value);
  }
  return pollWait(i32, index, expected, timeoutMs);
}

/** Fallback for engines without Atomics.waitAsync: poll on timers (≈1 ms resolution). */
function pollWait(i32: Int32Array, index: number, expected: number, timeoutMs: number): Promise<WaitResult> {
  if (Atomics.load(i32, index) !== expected) return Promise.resolve('not-equal');
  const deadline = deadlineFrom(timeoutMs);
  return new Promise((resolve) => {
    const tick = () => {
      if (Atomics.load(i32, index) !== expected) resolve('ok');
      else if (remainingMs(deadline) <= 0) resolve('timed-out');
      else setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
  });
}

export function futexWake(i32: Int32Array, index: number, count = Infinity): number {
  return Atomics.notify(i32, index, count);
}
