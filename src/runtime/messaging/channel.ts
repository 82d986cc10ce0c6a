/**
 * Channel: the shared-memory core under Queue, JoinableQueue, SimpleQueue and each direction of
 * a Pipe. A multi-producer multi-consumer ring of frames (`frame.ts`) guarded by the runtime's
 * robust futex mutex (`sync/mutex-core.ts`), with futex "sequence words" to sleep on.
 *
 * Memory: one SharedArrayBuffer, Int32 words. The mutex and the hot header words share the first
 * 64-byte cache line on purpose: every operation touches both, so one line moves between the
 * producer's and the consumer's cores per operation instead of two.
 *
 *   words 0..3     the internal mutex (mutex-core.ts layout: WORD, DIED_PID, DIED_CODE, COUNT)
 *   words 4..19    header
 *      4 HEAD         ring word offset of the oldest frame
 *      5 TAIL         ring word offset where the next frame goes
 *      6 ITEMS        frames in the ring (qsize)
 *      7 USED         ring words in use
 *      8 FLAGS        CLOSED 1 (no more puts) | BROKEN 2 (a holder died) | READER_CLOSED 4 (pipe)
 *      9 GETTERS      getters asleep on NOT_EMPTY  \  a waker issues a futex wake only when
 *     10 PUTTERS      putters asleep on NOT_FULL   /  one of these is non-zero
 *     11 NOT_EMPTY    sequence: bumped when a frame arrives and a getter sleeps, and on close/break
 *     12 NOT_FULL     sequence: bumped when a frame leaves and a putter sleeps, and on close/break
 *     13 TAKEN        frames ever taken (wraps): a rendezvous putter waits for it to pass its ticket
 *     14 PUT_COUNT    frames ever put (wraps): the ticket
 *     15 HANDOFFS     rendezvous putters asleep on HANDOFF_SEQ
 *     16 HANDOFF_SEQ  sequence: bumped when a frame is taken while HANDOFFS > 0, and on close/break
 *     17 UNFINISHED   JoinableQueue: frames put minus taskDone() calls (atomic: taskDone is lock-free)
 *     18 ALL_DONE     sequence: bumped when UNFINISHED drops to 0, and on break
 *     19 MAXSIZE      frames allowed (0 = as many as the ring holds); -1 = rendezvous (capacity
 *                     zero: a put returns once a getter took the item). Written once, at creation.
 *   words 32..     the ring: a power-of-two number of words, from the third cache line
 *
 * Every header word is written only while holding the mutex, except UNFINISHED and ALL_DONE
 * (atomic, see JoinableQueue) and by `breakChannelIfHeldBy` (the parent, while the mutex is
 * OWNER_DIED so nobody else can hold it). Lock-free readers
 * (qsize, empty, spinning getters) use Atomics.load and treat what they see as a hint.
 *
 * Why nothing torn is ever delivered: a writer copies the frame into free ring words first and
 * publishes it (TAIL, ITEMS) last, all under the mutex. If the writer dies half-way, the mutex
 * is left OWNER_DIED; the parent marks the channel BROKEN and every later call throws.
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

/** Words of the mutex-core layout the channel uses (it has no recursion count beyond COUNT). */
const MUTEX_USED_WORDS = 4;
export const HEAD = 4;
export const TAIL = 5;
export const ITEMS = 6;
export const USED = 7;
export const FLAGS = 8;
export const GETTERS = 9;
export const PUTTERS = 10;
export const NOT_EMPTY = 11;
export const NOT_FULL = 12;
export const TAKEN = 13;
export const PUT_COUNT = 14;
export const HANDOFFS = 15;
export const HANDOFF_SEQ = 16;
export const UNFINISHED = 17;
export const ALL_DONE = 18;
export const MAXSIZE = 19;
export const RING_START = 32;

export const CLOSED = 1;
export const BROKEN = 2;
export const READER_CLOSED = 4;

export const RENDEZVOUS = -1;

/** Smallest and largest ring, in bytes. */
export const MIN_CAPACITY_BYTES = 64;
export const MAX_CAPACITY_BYTES = 1 << 30;

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

/**
 * Parent side, from a resource's owner-died hook: if `pid` died holding the mutex, mark it
 * OWNER_DIED, flag the channel BROKEN and wake every sleeper so each one throws instead of
 * waiting for a message that will never be published.
 */
export function breakChannelIfHeldBy(sab: SharedArrayBuffer, pid: number, exitCode: number): boolean {
  const mutex = new Int32Array(sab, 0, MUTEX_USED_WORDS);
  if (!markOwnerDied(mutex, pid, exitCode)) return false;
  const h = new Int32Array(sab);
  Atomics.or(h, FLAGS, BROKEN);
  for (const seq of [NOT_EMPTY, NOT_FULL, HANDOFF_SEQ, ALL_DONE]) {
    Atomics.add(h, seq, 1);
    futexWake(h, seq);
  }
  return true;
}

/** Returned by the fast get when it took nothing. */
export const NOTHING: unique symbol = Symbol('nothing');

/**
 * Registers a parent-made channel for telemetry (its depth is probed from ITEMS) and for
 * owner-died recovery: if a process dies holding the channel's mutex, the channel breaks.
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
    probe: { owner: () => -1, value: () => Atomics.load(h, ITEMS) },
    onOwnerDied: (pid, code) => breakChannelIfHeldBy(sab, pid, code),
    owner,
  });
}

/** Which way a view of the mutex is used: waits show in telemetry under the caller's state. */
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

/** One thread's view of a channel: typed arrays over the memory plus this thread's identity. */
export class ChannelView {
  readonly h: Int32Array;
  readonly ring: Int32Array;
  readonly ringBytes: Uint8Array;
  readonly mutex: Int32Array;
  readonly tel: TelemetryWriter;
  /** The mutex as seen by putters and by getters (their waits show as queue-put / queue-get). */
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
    this.mutex = new Int32Array(sab, 0, MUTEX_USED_WORDS);
    this.capacityWords = this.ring.length;
    this.tel = currentWriter();
    this.mine = this.tel.pid << 2;
    this.putSide = mutexView(this.mutex, this.tel, states.put, resource, `${name}.put()`);
    this.getSide = mutexView(this.mutex, this.tel, states.get, resource, `${name}.get()`);
  }

  get maxsize(): number {
    return this.h[MAXSIZE];
  }

  get rendezvous(): boolean {
    return this.h[MAXSIZE] === RENDEZVOUS;
  }

  /** One CAS: the uncontended acquire. */
  tryLockFast(): boolean {
    return Atomics.compareExchange(this.mutex, M.WORD, UNLOCKED, this.mine | 1) === UNLOCKED;
  }

  unlock(): void {
    release(this.putSide);
  }

  /** Frames the ring can take now, counting the maxsize bound (rendezvous holds one at a time). */
  hasRoomFor(words: number): boolean {
    const h = this.h;
    const maxsize = h[MAXSIZE];
    const limit = maxsize === RENDEZVOUS ? 1 : maxsize;
    return (limit === 0 || h[ITEMS] < limit) && this.capacityWords - h[USED] >= words;
  }

  /** Copies a prepared frame in and publishes it. Caller holds the mutex and checked room. */
  append(frame: OutgoingFrame): void {
    const h = this.h;
    const tail = h[TAIL];
    frame.writeTo(this.ring, this.ringBytes, tail);
    h[TAIL] = (tail + frame.words) & (this.capacityWords - 1);
    h[USED] += frame.words;
    h[ITEMS]++;
    h[PUT_COUNT]++;
    if (this.joinable) Atomics.add(h, UNFINISHED, 1);
  }

  /** Removes the oldest frame and returns its value (PENDING_BLOB: call reader.decodeBlob()). */
  take(reader: FrameReader): unknown {
    const h = this.h;
    const head = h[HEAD];
    const value = reader.read(this.ring, this.ringBytes, head);
    const words = reader.words;
    h[HEAD] = (head + words) & (this.capacityWords - 1);
    h[USED] -= words;
    h[ITEMS]--;
    h[TAKEN]++;
    return value;
  }

  /** Uncontended put into a channel with room: one CAS, a copy, one CAS. False: take the slow path. */
  tryPutFast(frame: OutgoingFrame): boolean {
    if (!this.tryLockFast()) return false;
    const h = this.h;
    if (h[FLAGS] !== 0 || h[MAXSIZE] === RENDEZVOUS || !this.hasRoomFor(frame.words)) {
      this.unlock();
      return false;
    }
    this.append(frame);
    const wake = this.signalPut();
    this.unlock();
    if (wake) this.wakeAfterPut();
    this.tel.countOps();
    return true;
  }

  /** Uncontended get from a non-empty channel; NOTHING sends the caller to the slow path. */
  tryGetFast(reader: FrameReader): unknown {
    if (!this.tryLockFast()) return NOTHING;
    const h = this.h;
    if (h[ITEMS] === 0 || (h[FLAGS] & BROKEN) !== 0) {
      this.unlock();
      return NOTHING;
    }
    const value = this.take(reader);
    const wakes = this.signalTake();
    this.unlock();
    if (wakes !== 0) this.wakeAfterTake(wakes);
    this.tel.countOps();
    return value === PENDING_BLOB ? reader.decodeBlob() : value;
  }

  /**
   * Processes only: spin a little (no lock, no syscall) until a frame shows up, retrying the fast
   * get. When the consumer is faster than the producer this is the common case, and a spin of a
   * few hundred ns is far cheaper than sleeping and being woken.
   */
  spinThenGet(reader: FrameReader, spins: number): unknown {
    const h = this.h;
    for (let k = 0; k < spins; k++) {
      if (Atomics.load(h, ITEMS) !== 0 || Atomics.load(h, FLAGS) !== 0) {
        const value = this.tryGetFast(reader);
        if (value !== NOTHING) return value;
      }
    }
    return NOTHING;
  }

  /** Processes only: the put-side twin of spinThenGet, waiting for room. */
  spinThenPut(frame: OutgoingFrame, spins: number): boolean {
    const h = this.h;
    for (let k = 0; k < spins; k++) {
      const items = Atomics.load(h, ITEMS);
      if (Atomics.load(h, FLAGS) !== 0) return false;
      // Wait for a little more than room for one frame (an eighth of the queue): retrying the
      // moment one slot frees makes producer and consumer fight over the lock's cache line on
      // every single item (measured: 1.2 → 2.5 M items/s for a full Queue(1024)).
      const maxsize = h[MAXSIZE];
      const roomyItems = maxsize === 0 || items < maxsize - (maxsize >> 3);
      if (
        roomyItems &&
        this.capacityWords - Atomics.load(h, USED) >= frame.words + (this.capacityWords >> 3)
      ) {
        if (this.tryPutFast(frame)) return true;
      }
    }
    return false;
  }

  /** Undo the last `append` of a rendezvous put nobody took (it is the only frame). */
  retractOnly(): void {
    const h = this.h;
    const words = FrameReader.frameWords(this.ring, h[HEAD]);
    h[HEAD] = (h[HEAD] + words) & (this.capacityWords - 1);
    h[USED] -= words;
    h[ITEMS]--;
    h[PUT_COUNT]--;
    if (this.joinable) Atomics.sub(h, UNFINISHED, 1);
  }

  /**
   * After a put, still holding the mutex: bump NOT_EMPTY if a getter sleeps. Returns whether a
   * wake is due after unlocking (waking outside the lock lets the woken getter take it at once).
   */
  signalPut(): boolean {
    const h = this.h;
    if (h[GETTERS] === 0) return false;
    h[NOT_EMPTY]++;
    return true;
  }

  /** After a take, holding the mutex: bump the sequences putters sleep on. Bit 1: NOT_FULL, bit 2: handoff. */
  signalTake(): number {
    const h = this.h;
    let wakes = 0;
    if (h[PUTTERS] !== 0) {
      h[NOT_FULL]++;
      wakes |= 1;
    }
    if (h[HANDOFFS] !== 0) {
      h[HANDOFF_SEQ]++;
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

  /** Sets flags and wakes everyone, holding the mutex (close, closing a pipe end). */
  raiseFlags(flags: number): void {
    const h = this.h;
    h[FLAGS] |= flags;
    h[NOT_EMPTY]++;
    h[NOT_FULL]++;
    h[HANDOFF_SEQ]++;
  }

  wakeAll(): void {
    for (const seq of [NOT_EMPTY, NOT_FULL, HANDOFF_SEQ]) futexWake(this.h, seq);
  }

  /** Flags without the lock: a hint for fast refusal (BROKEN is sticky, so it is never wrong). */
  flags(): number {
    return Atomics.load(this.h, FLAGS);
  }

  items(): number {
    return Atomics.load(this.h, ITEMS);
  }

  ownerDied(): boolean {
    return Atomics.load(this.mutex, M.WORD) === OWNER_DIED;
  }
}

/** Per-thread scratch: a frame being written and a reader (both reused; see frame.ts). */
export const threadFrame = new OutgoingFrame();
export const threadReader = new FrameReader();
export { PENDING_BLOB };
