/**
 * The slow paths of a channel (`channel.ts`): put, get and close, each written once as a
 * generator of steps, and two drivers that run them.
 *
 *   runBlocking(view, side, steps)   a process: takes the mutex (may sleep), sleeps with Atomics.wait
 *   runAsync(view, side, steps)      the main thread: never blocks (acquireAsync, Atomics.waitAsync)
 *
 * A generator yields LOCK ("hold the mutex now"), TRY_LOCK ("hold it if you can without sleeping";
 * Python's non-blocking get/put also give up when another process holds the queue's lock) or a
 * futex Wait, and re-checks everything after each step: wakes may be spurious or stolen.
 *
 * The fast paths (an uncontended put into a non-full queue, a get from a non-empty one) live in
 * the public classes and never reach this file.
 */
import { ProcessState, type ProcessStateCode } from '../../telemetry/layout';
import { OwnerDiedError } from '../errors';
import { acquireAsync, acquireSlow, type MutexView } from '../sync/mutex-core';
import type { Wait } from '../sync/blocking';
import {
  assertCanBlock,
  canBlock,
  deadlineFrom,
  futexWait,
  futexWaitAsync,
  remainingMs,
  type WaitResult,
} from '../sync/futex';
import {
  BROKEN,
  CLOSED,
  FLAGS,
  GETTERS,
  HANDOFFS,
  HANDOFF_SEQ,
  ITEMS,
  NOT_EMPTY,
  NOT_FULL,
  PUTTERS,
  PUT_COUNT,
  READER_CLOSED,
  TAKEN,
  type ChannelView,
} from './channel';
import { PENDING_BLOB, type FrameReader, type OutgoingFrame } from './frame';

export const LOCK = 1;
export const TRY_LOCK = 2;
type Step = typeof LOCK | typeof TRY_LOCK | Wait;
/** Lock steps receive whether the mutex was taken; waits receive the WaitResult. */
export type Steps<R> = Generator<Step, R, boolean | WaitResult>;

/** How a get or put ended when it delivered nothing. */
export class Failure {
  private constructor(readonly why: 'full' | 'empty' | 'closed' | 'reader-closed' | 'broken') {}
  static readonly full = new Failure('full');
  static readonly empty = new Failure('empty');
  static readonly closed = new Failure('closed');
  static readonly readerClosed = new Failure('reader-closed');
  static readonly broken = new Failure('broken');
}

/** Spin iterations before sleeping: a queue op takes ~100 ns, a futex sleep + wake several µs. */
export const SPIN = 400;
/** Main-thread try-lock attempts before giving up (it must not sleep). */
const TRY_SPIN = 2000;

/** Thrown by the drivers when the mutex holder died: the caller maps it to BrokenQueueError. */
export class ChannelBroken extends Error {
  override name = 'ChannelBroken';
}

/**
 * We now hold a mutex whose previous holder died, possibly half-way through a frame. Flag the
 * channel broken (the parent's owner-died hook normally did already), release, and refuse.
 */
function ownerDied(view: ChannelView): never {
  view.raiseFlags(BROKEN);
  view.unlock();
  view.wakeAll();
  throw new ChannelBroken(`${view.name}: a process died holding its lock`);
}

function lockBlocking(view: ChannelView, side: MutexView): void {
  if (view.tryLockFast()) return;
  try {
    acquireSlow(side, true, Infinity);
  } catch (error) {
    if (error instanceof OwnerDiedError) ownerDied(view);
    throw error;
  }
}

/** Parent-safe try-lock: spin a little, never sleep. */
function tryLockSpinning(view: ChannelView, side: MutexView): boolean {
  for (let k = 0; k < TRY_SPIN; k++) {
    if (view.tryLockFast()) return true;
  }
  try {
    return acquireSlow(side, false, 0);
  } catch (error) {
    if (error instanceof OwnerDiedError) ownerDied(view);
    throw error;
  }
}

async function lockAsync(view: ChannelView, side: MutexView): Promise<void> {
  if (view.tryLockFast()) return;
  try {
    await acquireAsync(side, Infinity);
  } catch (error) {
    if (error instanceof OwnerDiedError) ownerDied(view);
    throw error;
  }
}

const NOT_WAITED = -2;

export function runBlocking<R>(view: ChannelView, side: MutexView, steps: Steps<R>): R {
  const state = side.site.state;
  let t0 = NOT_WAITED;
  let last: WaitResult = 'ok';
  const mayBlock = canBlock();
  try {
    let step = steps.next(true);
    while (!step.done) {
      const s = step.value;
      if (s === LOCK) {
        lockBlocking(view, side);
        step = steps.next(true);
      } else if (s === TRY_LOCK) {
        if (mayBlock) lockBlocking(view, side);
        step = steps.next(mayBlock || tryLockSpinning(view, side));
      } else {
        if (t0 === NOT_WAITED) t0 = beginWait(view, state, side);
        last = futexWait(s.i32, s.index, s.expected, s.timeoutMs);
        step = steps.next(last);
      }
    }
    return step.value;
  } finally {
    if (t0 !== NOT_WAITED) view.tel.endWait(t0, view.resource, last === 'timed-out');
  }
}

export async function runAsync<R>(view: ChannelView, side: MutexView, steps: Steps<R>): Promise<R> {
  let t0 = NOT_WAITED;
  let last: WaitResult = 'ok';
  try {
    let step = steps.next(true);
    while (!step.done) {
      const s = step.value;
      if (s === LOCK || s === TRY_LOCK) {
        if (s === TRY_LOCK && !tryLockSpinning(view, side)) {
          step = steps.next(false);
          continue;
        }
        if (s === LOCK) await lockAsync(view, side);
        step = steps.next(true);
      } else {
        if (t0 === NOT_WAITED) t0 = view.tel.beginWait(side.site.state, view.resource);
        last = await futexWaitAsync(s.i32, s.index, s.expected, s.timeoutMs);
        step = steps.next(last);
      }
    }
    return step.value;
  } finally {
    if (t0 !== NOT_WAITED) view.tel.endWait(t0, view.resource, last === 'timed-out');
  }
}

function beginWait(view: ChannelView, state: ProcessStateCode, side: MutexView): number {
  assertCanBlock(side.site.what, side.site.what.replace(/\(\)$/, 'Async()'));
  // Slow path only: the depth and the count of blocking calls go to the queue's resource slot.
  view.tel.setResourceValue(view.resource, view.items());
  if (state === ProcessState.WAITING_QUEUE_PUT) view.tel.addResourceTotal(view.resource);
  return view.tel.beginWait(state, view.resource);
}

function failureOf(flags: number): Failure {
  return flags & BROKEN ? Failure.broken : flags & READER_CLOSED ? Failure.readerClosed : Failure.closed;
}

/**
 * Put one prepared frame. Returns undefined when delivered (rendezvous: when taken), or a Failure.
 * `spin` > 0 only for blocking callers on a process (the main thread must not burn its frame).
 */
export function* putSteps(
  view: ChannelView,
  frame: OutgoingFrame,
  block: boolean,
  timeoutMs: number,
  spin: number,
): Steps<Failure | undefined> {
  const h = view.h;
  const deadline = deadlineFrom(timeoutMs);
  let asleep = false;
  for (;;) {
    if (!(yield block ? LOCK : TRY_LOCK)) return Failure.full;
    if (asleep) {
      h[PUTTERS]--;
      asleep = false;
    }
    const flags = h[FLAGS];
    if (flags !== 0) {
      view.unlock();
      return failureOf(flags);
    }
    if (view.hasRoomFor(frame.words)) {
      view.append(frame);
      const wake = view.signalPut();
      if (view.rendezvous) return yield* handoff(view, block, deadline, wake, spin);
      view.unlock();
      if (wake) view.wakeAfterPut();
      return undefined;
    }
    const left = remainingMs(deadline);
    if (!block || left <= 0) {
      view.unlock();
      return Failure.full;
    }
    if (spin > 0) {
      const items = h[ITEMS];
      view.unlock();
      while (spin-- > 0 && Atomics.load(h, ITEMS) === items && Atomics.load(h, FLAGS) === 0);
      continue;
    }
    h[PUTTERS]++;
    asleep = true;
    const seq = h[NOT_FULL];
    view.unlock();
    yield { i32: h, index: NOT_FULL, expected: seq, timeoutMs: left };
  }
}

/**
 * Rendezvous: the frame is in (the only one, holding the mutex); wait until a getter took it.
 * On timeout or close the frame is taken back, so a put that raised Full was never delivered.
 */
function* handoff(
  view: ChannelView,
  block: boolean,
  deadline: number,
  wakeGetter: boolean,
  spin: number,
): Steps<Failure | undefined> {
  const h = view.h;
  const ticket = (h[PUT_COUNT] - 1) | 0;
  const taken = () => ((Atomics.load(h, TAKEN) - ticket - 1) | 0) >= 0;
  let asleep = false;
  // Non-blocking callers still give a spinning getter a moment to take it.
  let spinLeft = block ? spin : Math.max(spin, 1);
  for (;;) {
    if (asleep) {
      h[HANDOFFS]--;
      asleep = false;
    }
    if (taken()) {
      view.unlock();
      if (wakeGetter) view.wakeAfterPut();
      return undefined;
    }
    const flags = h[FLAGS];
    if (flags & BROKEN) {
      view.unlock();
      return Failure.broken;
    }
    const left = remainingMs(deadline);
    if (flags !== 0 || (left <= 0 && spinLeft <= 0)) {
      view.retractOnly();
      const wakes = view.signalTake();
      view.unlock();
      view.wakeAfterTake(wakes);
      return flags !== 0 ? failureOf(flags) : Failure.full;
    }
    if (spinLeft > 0) {
      view.unlock();
      if (wakeGetter) view.wakeAfterPut();
      wakeGetter = false;
      while (spinLeft-- > 0 && !taken() && Atomics.load(h, FLAGS) === 0);
      yield LOCK;
      continue;
    }
    h[HANDOFFS]++;
    asleep = true;
    const seq = h[HANDOFF_SEQ];
    view.unlock();
    if (wakeGetter) view.wakeAfterPut();
    wakeGetter = false;
    yield { i32: h, index: HANDOFF_SEQ, expected: seq, timeoutMs: left };
    yield LOCK;
  }
}

/** Take one frame. Returns the value, or a Failure (empty, closed and drained, broken). */
export function* getSteps(
  view: ChannelView,
  reader: FrameReader,
  block: boolean,
  timeoutMs: number,
  spin: number,
): Steps<unknown> {
  const h = view.h;
  const deadline = deadlineFrom(timeoutMs);
  let asleep = false;
  for (;;) {
    if (!(yield block ? LOCK : TRY_LOCK)) return Failure.empty;
    if (asleep) {
      h[GETTERS]--;
      asleep = false;
    }
    const flags = h[FLAGS];
    if (flags & BROKEN) {
      view.unlock();
      return Failure.broken;
    }
    if (h[ITEMS] > 0) {
      const value = view.take(reader);
      const wakes = view.signalTake();
      view.unlock();
      view.wakeAfterTake(wakes);
      return value === PENDING_BLOB ? reader.decodeBlob() : value;
    }
    if (flags & CLOSED) {
      view.unlock();
      return Failure.closed;
    }
    const left = remainingMs(deadline);
    if (!block || left <= 0) {
      view.unlock();
      return Failure.empty;
    }
    if (spin > 0) {
      view.unlock();
      while (spin-- > 0 && Atomics.load(h, ITEMS) === 0 && Atomics.load(h, FLAGS) === 0);
      continue;
    }
    h[GETTERS]++;
    asleep = true;
    const seq = h[NOT_EMPTY];
    view.unlock();
    yield { i32: h, index: NOT_EMPTY, expected: seq, timeoutMs: left };
  }
}

/** Raise flags (CLOSED, READER_CLOSED) and wake every sleeper so each re-checks. */
export function* flagSteps(view: ChannelView, flags: number): Steps<void> {
  yield LOCK;
  if ((view.h[FLAGS] & flags) === flags) {
    view.unlock();
    return;
  }
  view.raiseFlags(flags);
  view.unlock();
  view.wakeAll();
}

/** Run any LOCK-only step sequence (taskDone, close) on this thread, blocking or not. */
export function runHere<R>(view: ChannelView, side: MutexView, steps: Steps<R>): R | Promise<R> {
  return canBlock() ? runBlocking(view, side, steps) : runAsync(view, side, steps);
}
