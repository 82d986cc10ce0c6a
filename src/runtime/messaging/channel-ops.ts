/**
 * The slow paths of a channel (`channel.ts`): put, get and close, each written once as a
 * generator of steps, and two drivers that run them.
 *
 *   runBlocking(view, side, steps)   a process: takes the mutex (may sleep), sleeps with Atomics.wait
 *   runAsync(view, side, steps)      the main thread: never blocks (acquireAsync, Atomics.waitAsync)
 *
 * A generator yields LOCK ("hold the mutex of my side now"), TRY_LOCK ("hold it if you can without
 * sleeping"), LOCK_GET ("also hold the get mutex") or a futex Wait, and re-checks everything after
 * each step: wakes may be spurious or stolen. Lock order: the put mutex before the get mutex.
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
  NOT_EMPTY,
  NOT_FULL,
  PUTTERS,
  WRITE_POS,
  READER_CLOSED,
  READ_POS,
  SPIN_LOADS,
  type ChannelView,
} from './channel';
import { PENDING_BLOB, type FrameReader, type OutgoingFrame } from './frame';

/** Hold the mutex of the side the steps run on (the driver's `side`). */
export const LOCK = 1;
/** Hold it if that needs no sleep. Python's non-blocking get/put also give up when another process holds the queue's lock. */
export const TRY_LOCK = 2;
/** Also hold the get mutex (a putter withdrawing a rendezvous item, which must not race a getter). */
export const LOCK_GET = 3;
type Step = typeof LOCK | typeof TRY_LOCK | typeof LOCK_GET | Wait;
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

/** Loads a blocking slow path spins after a locked look found nothing, before it sleeps. */
export const SPIN = SPIN_LOADS;
/** Main-thread try-lock attempts before giving up (it must not sleep). */
const TRY_SPIN = 2000;

/** Thrown by the drivers when a mutex holder died: the caller maps it to BrokenQueueError. */
export class ChannelBroken extends Error {
  override name = 'ChannelBroken';
}

/**
 * We now hold a mutex whose previous holder died, possibly half-way through a frame. Flag the
 * channel broken (the parent's owner-died hook normally did already), release, and refuse.
 */
function ownerDied(view: ChannelView): never {
  view.breakHere();
  throw new ChannelBroken(`${view.name}: a process died holding its lock`);
}

function tryLock(view: ChannelView, side: MutexView): boolean {
  return side === view.putSide ? view.tryLockPut() : view.tryLockGet();
}

function lockBlocking(view: ChannelView, side: MutexView): void {
  if (tryLock(view, side)) return;
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
    if (tryLock(view, side)) return true;
  }
  try {
    return acquireSlow(side, false, 0);
  } catch (error) {
    if (error instanceof OwnerDiedError) ownerDied(view);
    throw error;
  }
}

async function lockAsync(view: ChannelView, side: MutexView): Promise<void> {
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
      } else if (s === LOCK_GET) {
        lockBlocking(view, view.getSide);
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
      if (s === TRY_LOCK) {
        step = steps.next(tryLockSpinning(view, side));
      } else if (s === LOCK || s === LOCK_GET) {
        const m = s === LOCK ? side : view.getSide;
        // The uncontended acquire stays synchronous: no promise, no microtask.
        if (!tryLock(view, m)) await lockAsync(view, m);
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
  for (;;) {
    if (!(yield block ? LOCK : TRY_LOCK)) return Failure.full;
    const flags = Atomics.load(h, FLAGS);
    if (flags !== 0) {
      view.unlockPut();
      return failureOf(flags);
    }
    if (view.hasRoomFor(frame.words)) {
      const wake = view.append(frame);
      if (view.rendezvous) return yield* handoff(view, frame.words, block, deadline, wake, spin);
      view.unlockPut();
      if (wake) view.wakeAfterPut();
      return undefined;
    }
    const left = remainingMs(deadline);
    if (!block || left <= 0) {
      view.unlockPut();
      return Failure.full;
    }
    if (spin > 0) {
      const read = Atomics.load(h, READ_POS);
      view.unlockPut();
      while (spin-- > 0 && Atomics.load(h, READ_POS) === read && Atomics.load(h, FLAGS) === 0);
      continue;
    }
    // Count ourselves in, then look again (see "Sleeping without a common lock" in channel.ts).
    Atomics.add(h, PUTTERS, 1);
    const seq = Atomics.load(h, NOT_FULL);
    const ready = Atomics.load(h, FLAGS) !== 0 || view.hasRoomFor(frame.words);
    view.unlockPut();
    if (!ready) yield { i32: h, index: NOT_FULL, expected: seq, timeoutMs: left };
  }
}

/**
 * Rendezvous: the frame is in (the only one; we hold the put mutex); wait until a getter took it.
 * On timeout or close the frame is withdrawn, so a put that raised Full was never delivered.
 */
function* handoff(
  view: ChannelView,
  words: number,
  block: boolean,
  deadline: number,
  wakeGetter: boolean,
  spin: number,
): Steps<Failure | undefined> {
  const h = view.h;
  // Our frame is the only one, so it is at READ_POS until a getter takes it; READ_POS then moves
  // past it and never comes back (later rendezvous frames only move it further).
  const at = (h[WRITE_POS] - words) | 0;
  const taken = () => ((Atomics.load(h, READ_POS) - at) | 0) > 0;
  // Non-blocking callers still give a spinning getter a moment to take it.
  let spinLeft = block ? spin : Math.max(spin, 1);
  // `wakeGetter`: append() claimed a sleeping getter, which must be woken on every way out (even
  // when the frame is withdrawn: its count was taken, so no later put would wake it).
  const unlockAndWake = () => {
    view.unlockPut();
    if (wakeGetter) view.wakeAfterPut();
    wakeGetter = false;
  };
  for (;;) {
    if (taken()) {
      unlockAndWake();
      return undefined;
    }
    const flags = Atomics.load(h, FLAGS);
    if (flags & BROKEN) {
      unlockAndWake();
      return Failure.broken;
    }
    const left = remainingMs(deadline);
    if (flags !== 0 || (left <= 0 && spinLeft <= 0)) {
      // Withdraw it, unless a getter takes it first: getters do not need the put mutex.
      yield LOCK_GET;
      if (taken()) {
        view.unlockGet();
        unlockAndWake();
        return undefined;
      }
      view.retractOnly();
      const wakes = view.signalTake();
      view.unlockGet();
      unlockAndWake();
      view.wakeAfterTake(wakes);
      return flags !== 0 ? failureOf(flags) : Failure.full;
    }
    if (spinLeft > 0) {
      unlockAndWake();
      while (spinLeft-- > 0 && !taken() && Atomics.load(h, FLAGS) === 0);
      yield LOCK;
      continue;
    }
    Atomics.add(h, HANDOFFS, 1);
    const seq = Atomics.load(h, HANDOFF_SEQ);
    const ready = taken() || Atomics.load(h, FLAGS) !== 0;
    unlockAndWake();
    if (!ready) yield { i32: h, index: HANDOFF_SEQ, expected: seq, timeoutMs: left };
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
  for (;;) {
    if (!(yield block ? LOCK : TRY_LOCK)) return Failure.empty;
    // FLAGS before the ring: once CLOSED is up no put publishes any more, so "closed" and then
    // "empty" means closed and drained.
    const flags = Atomics.load(h, FLAGS);
    if (flags & BROKEN) {
      view.unlockGet();
      return Failure.broken;
    }
    if (view.hasFrame()) {
      const value = view.take(reader);
      const wakes = view.signalTake();
      view.unlockGet();
      view.wakeAfterTake(wakes);
      return value === PENDING_BLOB ? reader.decodeBlob() : value;
    }
    if (flags & CLOSED) {
      view.unlockGet();
      return Failure.closed;
    }
    const left = remainingMs(deadline);
    if (!block || left <= 0) {
      view.unlockGet();
      return Failure.empty;
    }
    if (spin > 0) {
      view.unlockGet();
      while (spin-- > 0 && !view.readyToGet());
      continue;
    }
    Atomics.add(h, GETTERS, 1);
    const seq = Atomics.load(h, NOT_EMPTY);
    const ready = view.readyToGet();
    view.unlockGet();
    if (!ready) yield { i32: h, index: NOT_EMPTY, expected: seq, timeoutMs: left };
  }
}

/**
 * Wait until a get would not wait (a frame is published, or the channel is closed or broken)
 * without taking anything: a pipe's poll(), the Pool's collector. Lock-free: it counts itself in
 * GETTERS, then looks again, as a sleeping getter does (channel.ts). True when ready, false on
 * timeout. Puts wake one getter unless `wakeEveryGetter` (pipes), so beside other getters only
 * such channels may wait this way: a wake-one put could wake this waiter and leave a getter
 * asleep beside the item. The Pool's collector is its result queue's only getter.
 */
export function* readySteps(view: ChannelView, timeoutMs: number): Steps<boolean> {
  const h = view.h;
  const deadline = deadlineFrom(timeoutMs);
  for (;;) {
    if (view.readyToGet()) return true;
    const left = remainingMs(deadline);
    if (left <= 0) return false;
    Atomics.add(h, GETTERS, 1);
    const seq = Atomics.load(h, NOT_EMPTY);
    if (view.readyToGet()) return true;
    yield { i32: h, index: NOT_EMPTY, expected: seq, timeoutMs: left };
  }
}

/**
 * Raise flags (CLOSED, READER_CLOSED) and wake every sleeper so each re-checks. Under the put
 * mutex: a put that already checked the flags finishes publishing first, and none publishes after.
 */
export function* flagSteps(view: ChannelView, flags: number): Steps<void> {
  yield LOCK;
  if ((Atomics.load(view.h, FLAGS) & flags) === flags) {
    view.unlockPut();
    return;
  }
  view.raiseFlags(flags);
  view.unlockPut();
}

/** Run any LOCK-only step sequence (taskDone, close) on this thread, blocking or not. */
export function runHere<R>(view: ChannelView, side: MutexView, steps: Steps<R>): R | Promise<R> {
  return canBlock() ? runBlocking(view, side, steps) : runAsync(view, side, steps);
}
