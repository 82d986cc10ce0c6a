/**
 * Channel: the shared-memory core under Queue, JoinableQueue, SimpleQueue and each direction of
 * a Pipe. A multi-producer multi-consumer ring of frames (`frame.ts`) with two robust futex
 * mutexes (`sync/mutex-core.ts`): one for the put side, one for the get side, so a putter and a
 * getter never wait for each other, and futex "sequence words" to sleep on.
 *
 * Memory: one SharedArrayBuffer, Int32 words, four 64-byte header lines, then the ring. Each side
 * writes only its own line on the fast path: with one producer and one consumer, the put line
 * stays in the producer's cache and the get line in the consumer's, and what crosses between
 * cores per item is the ring data itself (one line per 8 small ints) plus, now and then, the
 * other side's position when the cached copy says "full" / "empty".
 *
 *   line 0, put side: written only under the put mutex
 *      0..3   the put mutex (mutex-core layout: WORD, DIED_PID, DIED_CODE, COUNT)
 *      4 WRITE_POS    ring words ever written (wraps): the next frame goes at WRITE_POS & mask.
 *                     Stored last, with Atomics.store: that store publishes the frame
 *      5 PUT_COUNT    frames ever put (wraps)
 *    6..7 PUT_OPS      Float64: puts ever made, never wraps in practice (2^53): a putter's cache of
 *                     the get side is valid while it still reads the value its own last put left
 *   line 1, get side: written only under the get mutex (and by a withdrawing rendezvous putter,
 *                     which holds both)
 *     16..19  the get mutex
 *     20 READ_POS     ring words ever read (wraps): the oldest frame is at READ_POS & mask.
 *                     Stored last, with Atomics.store: that store frees the frame's words
 *     21 TAKEN        frames ever taken (wraps). Items in the ring: PUT_COUNT − TAKEN
 *  22..23 GET_OPS      Float64: gets ever made (and withdrawals), the get side's PUT_OPS
 *   line 2, written only on close/break and when a thread goes to sleep or wakes one
 *     32 FLAGS        CLOSED 1 (no more puts) | BROKEN 2 (a holder died) | READER_CLOSED 4 (pipe)
 *     33 GETTERS      getters (and pipe pollers) gone to sleep on NOT_EMPTY, not yet claimed
 *     34 PUTTERS      putters gone to sleep on NOT_FULL, not yet claimed
 *     35 NOT_EMPTY    sequence: bumped by a put that claimed a getter, and on close/break
 *     36 NOT_FULL     sequence: bumped by a get that claimed the putters, and on close/break
 *     37 HANDOFFS     rendezvous putters gone to sleep on HANDOFF_SEQ, not yet claimed
 *     38 HANDOFF_SEQ  sequence: bumped by a get that claimed them, and on close/break
 *     39 MAXSIZE      frames allowed (0 = as many as the ring holds); -1 = rendezvous (capacity
 *                     zero: a put returns once a getter took the item). Written once, at creation.
 *   line 3, JoinableQueue (its own line: a joinable put and taskDone() write it every item)
 *     48 UNFINISHED   frames put minus taskDone() calls (atomic: taskDone is lock-free)
 *     49 ALL_DONE     sequence: bumped when UNFINISHED drops to 0, and on break
 *   words 64..        the ring: a power-of-two number of words
 *
 * Positions and counts run freely and wrap at 2^32; differences `(a - b) | 0` stay exact because
 * the ring holds fewer than 2^31 words. Lock-free readers (qsize, empty, spinning callers, the
 * other side) use Atomics.load and treat what they see as a hint or a lower bound: positions and
 * counts only grow, so a stale TAKEN / READ_POS only underestimates the room, and a stale
 * WRITE_POS only underestimates what there is to read.
 *
 * Sleeping without a common lock (Dekker): a sleeper first counts itself in (Atomics.add on
 * GETTERS / PUTTERS / HANDOFFS), then reads the sequence word, then re-checks its condition from
 * fresh loads; a waker first publishes (Atomics.store of WRITE_POS / READ_POS), then reads the
 * count and, if it is non-zero, claims sleepers (a CAS lowers the count: by one for a get's wake-one,
 * to zero for wake-all), bumps the sequence and wakes as many. Atomics are sequentially consistent,
 * so either the sleeper's re-check sees the publish, or a waker claims it and the bump makes its
 * futex wait return. A claimed sleeper does not count itself out when it wakes, so the operations
 * that follow see zero and issue no futex wake at all while it is still waking up (which takes
 * 10–300 µs on a loaded machine: thousands of puts). A sleeper that timed out is never counted
 * out either; the next waker claims it for nothing, once. The count can only be too high, never
 * too low: at most it costs one futex wake nobody needed.
 *
 * Why nothing torn is ever delivered: a writer copies the frame into free ring words first and
 * publishes it (WRITE_POS) last, under the put mutex. If the writer dies half-way, the mutex is
 * left OWNER_DIED; the parent marks the channel BROKEN and every later call throws. A process that
 * dies holding the get mutex breaks the channel the same way.
 */
import { currentWriter } from '../../telemetry/current';
import { ProcessState, type ProcessStateCode, type ResourceKindCode } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';
import { registerResource } from '../memory/resource-table';
import { allocShared } from '../memory/shared';
import { futexWake } from '../sync/futex';
import {
  M,
  OWNER_DIED,
  UNLOCKED,
  lockWaitSite,
  markOwnerDied,
  release,
  type MutexView,
} from '../sync/mutex-core';
import { FrameReader, OutgoingFrame, PENDING_BLOB } from './frame';

export const WRITE_POS = 4;
export const PUT_COUNT = 5;
export const READ_POS = 20;
export const TAKEN = 21;
/** Float64 indexes of PUT_OPS (words 6–7) and GET_OPS (words 22–23). */
const PUT_OPS_F64 = 3;
const GET_OPS_F64 = 11;
export const FLAGS = 32;
export const GETTERS = 33;
export const PUTTERS = 34;
export const NOT_EMPTY = 35;
export const NOT_FULL = 36;
export const HANDOFFS = 37;
export const HANDOFF_SEQ = 38;
export const MAXSIZE = 39;
export const UNFINISHED = 48;
export const ALL_DONE = 49;
export const RING_START = 64;

/** Where each mutex starts, and the words of the mutex-core layout a channel uses. */
const PUT_MUTEX = 0;
const GET_MUTEX = 16;
const MUTEX_USED_WORDS = 4;

export const CLOSED = 1;
export const BROKEN = 2;
export const READER_CLOSED = 4;

export const RENDEZVOUS = -1;

/** Smallest and largest ring, in bytes. */
export const MIN_CAPACITY_BYTES = 64;
export const MAX_CAPACITY_BYTES = 1 << 30;

/**
 * Spinning before sleeping. When cores are idle, a futex wake-up is slow (measured 20–200 µs on the
 * 2-core VM, whose idle vCPUs halt at once) while a spin on a core nobody else wants costs nothing;
 * on an overloaded machine it is the reverse: a long spin takes the core the partner needs (the
 * woken partner is often queued on the spinner's own core). So every spin runs SPIN_LOADS loads,
 * then goes on for an adaptive budget (SpinBudget): back to SPIN_MAX_US when a spin got what it
 * waited for, halved when it ended in a sleep, with a full-length probe every SPIN_PROBE_EVERY-th
 * spin while backed off, so two partners that both backed off can find each other again once the
 * machine is quiet. Bounded: an idle process stops spinning after at most SPIN_MAX_US.
 */
export const SPIN_LOADS = 400;
export const SPIN_MAX_US = 50;
export const SPIN_PROBE_EVERY = 64;

export class SpinBudget {
  private us = SPIN_MAX_US;
  private sinceProbe = 0;

  /** µs to spin this time (beyond SPIN_LOADS). */
  next(): number {
    if (this.us < SPIN_MAX_US && ++this.sinceProbe >= SPIN_PROBE_EVERY) {
      this.sinceProbe = 0;
      return SPIN_MAX_US;
    }
    return this.us;
  }

  /** The spin got what it waited for. */
  succeeded(): void {
    this.us = SPIN_MAX_US;
  }

  /** The spin ran out: the caller sleeps. */
  failed(): void {
    this.us >>= 1;
  }
}

/** Ring bytes for `capacityBytes`, rounded up to a power of two (positions wrap with a mask). */
export function ringBytesFor(capacityBytes: number): number {
  let bytes = MIN_CAPACITY_BYTES;
  while (bytes < capacityBytes) bytes *= 2;
  return bytes;
}

/** A fresh channel's memory. `maxsize` 0 = unbounded (ring-limited), -1 = rendezvous. */
export function allocChannel(capacityBytes: number, maxsize: number): SharedArrayBuffer {
  const sab = allocShared(RING_START * 4 + ringBytesFor(capacityBytes));
  new Int32Array(sab)[MAXSIZE] = maxsize;
  return sab;
}

function mutexWords(sab: SharedArrayBuffer, start: number): Int32Array {
  return new Int32Array(sab, start * 4, MUTEX_USED_WORDS);
}

/** Bump every sequence word and wake all their sleepers, so each one re-checks (close, break). */
function bumpAndWakeAll(h: Int32Array, includeAllDone: boolean): void {
  for (const seq of [NOT_EMPTY, NOT_FULL, HANDOFF_SEQ]) {
    Atomics.add(h, seq, 1);
    futexWake(h, seq);
  }
  if (includeAllDone) {
    Atomics.add(h, ALL_DONE, 1);
    futexWake(h, ALL_DONE);
  }
}

/**
 * Parent side, from a resource's owner-died hook: if `pid` died holding either mutex, mark it
 * OWNER_DIED, flag the channel BROKEN and wake every sleeper so each one throws instead of
 * waiting for a message that will never be published.
 */
export function breakChannelIfHeldBy(sab: SharedArrayBuffer, pid: number, exitCode: number): boolean {
  const heldPut = markOwnerDied(mutexWords(sab, PUT_MUTEX), pid, exitCode);
  const heldGet = markOwnerDied(mutexWords(sab, GET_MUTEX), pid, exitCode);
  if (!heldPut && !heldGet) return false;
  const h = new Int32Array(sab);
  Atomics.or(h, FLAGS, BROKEN);
  bumpAndWakeAll(h, true);
  return true;
}

/**
 * Claims sleepers counted in `count` (GETTERS, PUTTERS, HANDOFFS): one, or all of them. Returns
 * whether there were any; the caller then bumps their sequence and wakes as many.
 */
function claimSleepers(h: Int32Array, count: number, all: boolean): boolean {
  for (;;) {
    const n = Atomics.load(h, count);
    if (n === 0) return false;
    if (Atomics.compareExchange(h, count, n, all ? 0 : n - 1) === n) return true;
  }
}

/** Returned by the fast get when it took nothing. */
export const NOTHING: unique symbol = Symbol('nothing');

/**
 * Registers a parent-made channel for telemetry (its depth is probed from PUT_COUNT − TAKEN) and
 * for owner-died recovery: if a process dies holding one of the channel's mutexes, the channel
 * breaks.
 */
export function registerChannel(
  sab: SharedArrayBuffer,
  kind: ResourceKindCode,
  name: string | undefined,
  capacity: number,
  owner: object,
): { id: number; name: string } {
  const h = new Int32Array(sab);
  return registerResource({
    kind,
    name,
    capacity,
    probe: { owner: () => -1, value: () => itemsIn(h) },
    onOwnerDied: (pid, code) => breakChannelIfHeldBy(sab, pid, code),
    owner,
  });
}

/** Frames in the ring now (a hint, but never more than the ring held at one moment). */
function itemsIn(h: Int32Array): number {
  // A consistent pair: TAKEN read before and after PUT_COUNT. If it did not move, put − taken was
  // the exact count when PUT_COUNT was read (counts only grow). Read once each, a reader that is
  // preempted between the two loads pairs an old TAKEN with a new PUT_COUNT and overstates the
  // depth by everything that passed through meanwhile (5,572 for a Queue(64), seen under load).
  for (let attempt = 0; attempt < 16; attempt++) {
    const taken = Atomics.load(h, TAKEN);
    const put = Atomics.load(h, PUT_COUNT);
    if (Atomics.load(h, TAKEN) === taken) return Math.max(0, (put - taken) | 0);
  }
  // Still racing: PUT_COUNT first, so the fresher TAKEN can only understate the depth.
  const put = Atomics.load(h, PUT_COUNT);
  return Math.max(0, (put - Atomics.load(h, TAKEN)) | 0);
}

/** Which way a view of a mutex is used: waits show in telemetry under the caller's state. */
function mutexView(
  i32: Int32Array,
  tel: TelemetryWriter,
  state: ProcessStateCode,
  resource: number,
  what: string,
): MutexView {
  const site = { ...lockWaitSite(tel, resource, what), state };
  return { i32, mine: tel.pid << 2, tel, site, name: what };
}

/** Releases `m` if this thread holds it (after an OwnerDiedError, or to bail out of a step). */
function releaseIfMine(m: MutexView): void {
  const word = Atomics.load(m.i32, M.WORD);
  if (word === (m.mine | 1) || word === (m.mine | 2)) release(m);
}

/** One thread's view of a channel: typed arrays over the memory plus this thread's identity. */
export class ChannelView {
  readonly h: Int32Array;
  readonly ring: Int32Array;
  readonly ringBytes: Uint8Array;
  readonly putMutex: Int32Array;
  readonly getMutex: Int32Array;
  readonly tel: TelemetryWriter;
  /** The put mutex as putters see it, the get mutex as getters see it (telemetry: queue-put / queue-get). */
  readonly putSide: MutexView;
  readonly getSide: MutexView;
  readonly mine: number;
  readonly capacityWords: number;
  /**
   * JoinableQueue: UNFINISHED is also decremented lock-free by taskDone(), so puts must update it
   * atomically. Plain queues skip that (it would cost a locked instruction per put).
   */
  joinable = false;
  /**
   * Pipes: a poll() sleeps on NOT_EMPTY too but takes nothing, so waking only one sleeper could
   * wake the poller and leave a recv() asleep beside an item. Wake them all (a pipe has one
   * reader in practice, so this costs nothing).
   */
  wakeEveryGetter = false;

  /** PUT_OPS / GET_OPS (see the layout). */
  private readonly ops: Float64Array;
  // This thread's cached view of the other side, read under its own side's mutex. Lower bounds
  // (positions only grow), trusted only while no other thread worked on our side since our own
  // last operation (PUT_OPS / GET_OPS still hold what we left): then the cache cannot lag by more
  // than one ring's worth, and differences stay exact.
  private myPutOps = -1;
  private seenRead = 0;
  private seenTaken = 0;
  private myGetOps = -1;
  private seenWrite = 0;
  private readonly getSpin = new SpinBudget();
  private readonly putSpin = new SpinBudget();

  constructor(
    readonly sab: SharedArrayBuffer,
    readonly resource: number,
    readonly name: string,
    /** How waits show in telemetry: queues wait in queue-put / queue-get, pipes in pipe. */
    states: { put: ProcessStateCode; get: ProcessStateCode } = {
      put: ProcessState.WAITING_QUEUE_PUT,
      get: ProcessState.WAITING_QUEUE_GET,
    },
  ) {
    this.h = new Int32Array(sab);
    this.ring = new Int32Array(sab, RING_START * 4);
    this.ringBytes = new Uint8Array(sab, RING_START * 4);
    this.putMutex = mutexWords(sab, PUT_MUTEX);
    this.getMutex = mutexWords(sab, GET_MUTEX);
    this.capacityWords = this.ring.length;
    this.tel = currentWriter();
    this.mine = this.tel.pid << 2;
    this.putSide = mutexView(this.putMutex, this.tel, states.put, resource, `${name}.put()`);
    this.getSide = mutexView(this.getMutex, this.tel, states.get, resource, `${name}.get()`);
    this.ops = new Float64Array(sab, 0, 16);
  }

  get maxsize(): number {
    return this.h[MAXSIZE];
  }

  get rendezvous(): boolean {
    return this.h[MAXSIZE] === RENDEZVOUS;
  }

  /** One CAS each: the uncontended acquires. */
  tryLockPut(): boolean {
    return Atomics.compareExchange(this.putMutex, M.WORD, UNLOCKED, this.mine | 1) === UNLOCKED;
  }

  tryLockGet(): boolean {
    return Atomics.compareExchange(this.getMutex, M.WORD, UNLOCKED, this.mine | 1) === UNLOCKED;
  }

  unlockPut(): void {
    release(this.putSide);
  }

  unlockGet(): void {
    release(this.getSide);
  }

  /** Releases whichever of the two mutexes this thread holds. */
  unlockMine(): void {
    releaseIfMine(this.getSide);
    releaseIfMine(this.putSide);
  }

  // ---- put side: the caller holds the put mutex ----

  /**
   * Room for a frame of `words`, counting the maxsize bound (rendezvous holds one at a time).
   * Looks at the cached get-side positions first and reloads them only if those say no.
   */
  hasRoomFor(words: number): boolean {
    const write = this.h[WRITE_POS];
    if (this.ops[PUT_OPS_F64] === this.myPutOps && this.roomFits(write, words)) return true;
    // No, or another putter came between (the cache may then lag by more than a ring): reload.
    this.refreshGetSide();
    return this.roomFits(write, words);
  }

  private refreshGetSide(): void {
    this.seenRead = Atomics.load(this.h, READ_POS);
    this.seenTaken = Atomics.load(this.h, TAKEN);
  }

  private roomFits(write: number, words: number): boolean {
    const h = this.h;
    const maxsize = h[MAXSIZE];
    if (maxsize !== 0) {
      const limit = maxsize === RENDEZVOUS ? 1 : maxsize;
      if (((h[PUT_COUNT] - this.seenTaken) | 0) >= limit) return false;
    }
    return this.capacityWords - ((write - this.seenRead) | 0) >= words;
  }

  /**
   * Copies a prepared frame in and publishes it. Caller holds the put mutex and checked room.
   * Returns whether a getter sleeps and must be woken (after unlocking: the woken getter does
   * not need our mutex, but waking outside it keeps the critical section short).
   */
  append(frame: OutgoingFrame): boolean {
    const h = this.h;
    const write = h[WRITE_POS];
    frame.writeTo(this.ring, this.ringBytes, write);
    if (this.joinable) Atomics.add(h, UNFINISHED, 1);
    h[PUT_COUNT] = (h[PUT_COUNT] + 1) | 0;
    this.myPutOps = ++this.ops[PUT_OPS_F64];
    // The publish: a getter that loads this WRITE_POS also sees the frame and PUT_COUNT.
    Atomics.store(h, WRITE_POS, (write + frame.words) | 0);
    if (Atomics.load(h, GETTERS) === 0 || !claimSleepers(h, GETTERS, this.wakeEveryGetter)) return false;
    Atomics.add(h, NOT_EMPTY, 1);
    return true;
  }

  /**
   * Undo the last `append` of a rendezvous put nobody took: it is the only frame, so it is the
   * oldest, and it leaves from the front. Caller holds both mutexes and checked it was not taken.
   */
  retractOnly(): void {
    const h = this.h;
    const read = h[READ_POS];
    h[PUT_COUNT] = (h[PUT_COUNT] - 1) | 0;
    this.ops[GET_OPS_F64]++;
    Atomics.store(h, READ_POS, (read + FrameReader.frameWords(this.ring, read)) | 0);
    if (this.joinable) Atomics.sub(h, UNFINISHED, 1);
  }

  // ---- get side: the caller holds the get mutex ----

  /** A published frame is waiting. Looks at the cached WRITE_POS first, reloads it if that says no. */
  hasFrame(): boolean {
    const read = this.h[READ_POS];
    if (this.ops[GET_OPS_F64] === this.myGetOps && ((this.seenWrite - read) | 0) > 0) return true;
    this.myGetOps = this.ops[GET_OPS_F64];
    this.seenWrite = Atomics.load(this.h, WRITE_POS);
    return this.seenWrite !== read;
  }

  /**
   * Removes the oldest frame (caller checked hasFrame) and returns its value (PENDING_BLOB: call
   * reader.decodeBlob() once the mutex is released).
   */
  take(reader: FrameReader): unknown {
    const h = this.h;
    const read = h[READ_POS];
    const value = reader.read(this.ring, this.ringBytes, read);
    h[TAKEN] = (h[TAKEN] + 1) | 0;
    this.myGetOps = ++this.ops[GET_OPS_F64];
    // The publish: a putter that loads this READ_POS may reuse the words (and sees TAKEN).
    Atomics.store(h, READ_POS, (read + reader.words) | 0);
    return value;
  }

  /** After a take, still holding the get mutex: bump what sleepers wait on. Bit 1: NOT_FULL, bit 2: handoff. */
  signalTake(): number {
    const h = this.h;
    let wakes = 0;
    if (Atomics.load(h, PUTTERS) !== 0 && claimSleepers(h, PUTTERS, true)) {
      Atomics.add(h, NOT_FULL, 1);
      wakes |= 1;
    }
    if (Atomics.load(h, HANDOFFS) !== 0 && claimSleepers(h, HANDOFFS, true)) {
      Atomics.add(h, HANDOFF_SEQ, 1);
      wakes |= 2;
    }
    return wakes;
  }

  wakeAfterPut(): void {
    futexWake(this.h, NOT_EMPTY, this.wakeEveryGetter ? Infinity : 1);
  }

  wakeAfterTake(wakes: number): void {
    // Every putter: one freed frame may make room for several small ones.
    if (wakes & 1) futexWake(this.h, NOT_FULL);
    if (wakes & 2) futexWake(this.h, HANDOFF_SEQ);
  }

  // ---- fast paths ----

  /** Uncontended put into a channel with room: a CAS, a copy, two stores, a CAS. False: take the slow path. */
  tryPutFast(frame: OutgoingFrame): boolean {
    if (!this.tryLockPut()) return false;
    const h = this.h;
    if (Atomics.load(h, FLAGS) !== 0 || h[MAXSIZE] === RENDEZVOUS || !this.hasRoomFor(frame.words)) {
      this.unlockPut();
      return false;
    }
    const wake = this.append(frame);
    this.unlockPut();
    if (wake) this.wakeAfterPut();
    this.tel.countOps();
    return true;
  }

  /** Uncontended get from a non-empty channel; NOTHING sends the caller to the slow path. */
  tryGetFast(reader: FrameReader): unknown {
    if (!this.tryLockGet()) return NOTHING;
    if ((Atomics.load(this.h, FLAGS) & BROKEN) !== 0 || !this.hasFrame()) {
      this.unlockGet();
      return NOTHING;
    }
    const value = this.take(reader);
    const wakes = this.signalTake();
    this.unlockGet();
    if (wakes !== 0) this.wakeAfterTake(wakes);
    this.tel.countOps();
    return value === PENDING_BLOB ? reader.decodeBlob() : value;
  }

  /** Lock-free: a frame is published, or a flag that ends a get (CLOSED, BROKEN) is up. */
  readyToGet(): boolean {
    const h = this.h;
    return (
      Atomics.load(h, WRITE_POS) !== Atomics.load(h, READ_POS) ||
      (Atomics.load(h, FLAGS) & (CLOSED | BROKEN)) !== 0
    );
  }

  /**
   * Processes only: spin (no lock, no syscall) until a frame shows up, retrying the fast get;
   * SPIN_LOADS loads, then on for the adaptive time budget (SpinBudget), never past the caller's
   * timeout. NOTHING: go to sleep.
   */
  spinThenGet(reader: FrameReader, timeoutMs: number): unknown {
    const budgetMs = Math.min(this.getSpin.next() / 1000, timeoutMs);
    let until = 0;
    for (let k = 1; ; k++) {
      if (this.readyToGet()) {
        const value = this.tryGetFast(reader);
        if (value !== NOTHING) {
          this.getSpin.succeeded();
          return value;
        }
        if ((Atomics.load(this.h, FLAGS) & (CLOSED | BROKEN)) !== 0) return NOTHING;
      }
      if (k >= SPIN_LOADS && (k & 63) === 0) {
        const t = performance.now();
        if (until === 0) until = t + budgetMs;
        if (t >= until) break;
      }
    }
    this.getSpin.failed();
    return NOTHING;
  }

  /**
   * Processes only: the put-side twin of spinThenGet, waiting for room. It waits for a little more
   * than room for one frame (an eighth of the queue): retrying the moment one slot frees would
   * make the putter pay for a fresh look at the get side on every single item.
   */
  spinThenPut(frame: OutgoingFrame, timeoutMs: number): boolean {
    const h = this.h;
    // A rendezvous put never takes the fast path: nothing to spin for.
    if (h[MAXSIZE] === RENDEZVOUS) return false;
    const budgetMs = Math.min(this.putSpin.next() / 1000, timeoutMs);
    let until = 0;
    for (let k = 1; ; k++) {
      if (Atomics.load(h, FLAGS) !== 0) return false;
      if (this.roomLooksAmple(frame.words) && this.tryPutFast(frame)) {
        this.putSpin.succeeded();
        return true;
      }
      if (k >= SPIN_LOADS && (k & 63) === 0) {
        const t = performance.now();
        if (until === 0) until = t + budgetMs;
        if (t >= until) break;
      }
    }
    this.putSpin.failed();
    return false;
  }

  /** Lock-free: room for `words` plus an eighth of the queue (items and words; a hint). */
  private roomLooksAmple(words: number): boolean {
    const h = this.h;
    const read = Atomics.load(h, READ_POS);
    const taken = Atomics.load(h, TAKEN);
    const maxsize = h[MAXSIZE];
    if (maxsize > 0 && ((Atomics.load(h, PUT_COUNT) - taken) | 0) >= maxsize - (maxsize >> 3)) return false;
    const used = (Atomics.load(h, WRITE_POS) - read) | 0;
    return this.capacityWords - used >= Math.min(this.capacityWords, words + (this.capacityWords >> 3));
  }

  // ---- flags ----

  /** Sets flags and wakes everyone (close, closing a pipe end). Caller holds the put mutex. */
  raiseFlags(flags: number): void {
    Atomics.or(this.h, FLAGS, flags);
    bumpAndWakeAll(this.h, false);
  }

  /**
   * We hold a mutex whose previous holder died, possibly half-way through a frame: flag the
   * channel broken (the parent's owner-died hook normally did already), release what we hold,
   * and wake everyone so each one refuses too.
   */
  breakHere(): void {
    Atomics.or(this.h, FLAGS, BROKEN);
    this.unlockMine();
    bumpAndWakeAll(this.h, true);
  }

  /** Flags without a lock: a hint for fast refusal (BROKEN is sticky, so it is never wrong). */
  flags(): number {
    return Atomics.load(this.h, FLAGS);
  }

  /** Frames in the ring now (a hint, like Python's qsize()). */
  items(): number {
    return itemsIn(this.h);
  }

  /** The pid that died holding one of the mutexes (0 if none). */
  diedPid(): number {
    return Atomics.load(this.putMutex, M.DIED_PID) || Atomics.load(this.getMutex, M.DIED_PID);
  }

  ownerDied(): boolean {
    return (
      Atomics.load(this.putMutex, M.WORD) === OWNER_DIED || Atomics.load(this.getMutex, M.WORD) === OWNER_DIED
    );
  }
}

/** Per-thread scratch: a frame being written and a reader (both reused; see frame.ts). */
export const threadFrame = new OutgoingFrame();
export const threadReader = new FrameReader();
export { PENDING_BLOB };
