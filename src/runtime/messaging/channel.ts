/**
 * Channel: the shared-memory core under Queue, JoinableQueue, SimpleQueue and each direction of
 * a Pipe. A multi-producer multi-consumer ring of frames (`frame.ts`) guarded by the runtime's
 * robust futex mutex (`sync/mutex-core.ts`), with futex "sequence words" to sleep on.
 *
 * Memory: one SharedArrayBuffer, Int32 words.
 *
 *   words 0..15    the internal mutex (mutex-core.ts layout), alone on its 64-byte line
 *   words 16..31   header
 *     16 HEAD         ring word offset of the oldest frame
 *     17 TAIL         ring word offset where the next frame goes
 *     18 ITEMS        frames in the ring (qsize)
 *     19 USED         ring words in use
 *     20 FLAGS        CLOSED 1 (no more puts) | BROKEN 2 (a holder died) | READER_CLOSED 4 (pipe)
 *     21 GETTERS      getters asleep on NOT_EMPTY  \  a waker issues a futex wake only when
 *     22 PUTTERS      putters asleep on NOT_FULL   /  one of these is non-zero
 *     23 NOT_EMPTY    sequence: bumped when a frame arrives and a getter sleeps, and on close/break
 *     24 NOT_FULL     sequence: bumped when a frame leaves and a putter sleeps, and on close/break
 *     25 TAKEN        frames ever taken (wraps): a rendezvous putter waits for it to pass its ticket
 *     26 PUT_COUNT    frames ever put (wraps): the ticket
 *     27 HANDOFFS     rendezvous putters asleep on HANDOFF_SEQ
 *     28 HANDOFF_SEQ  sequence: bumped when a frame is taken while HANDOFFS > 0, and on close/break
 *     29 UNFINISHED   JoinableQueue: frames put minus taskDone() calls
 *     30 ALL_DONE     sequence: bumped when UNFINISHED drops to 0, and on break
 *     31 MAXSIZE      frames allowed (0 = as many as the ring holds); MODE lives in its sign:
 *                     -1 = rendezvous (capacity zero, a put returns once a getter took the item)
 *   words 32..     the ring: a power-of-two number of words
 *
 * Every header word is written only while holding the mutex, except by `breakChannel` (the
 * parent, while the mutex is OWNER_DIED so nobody else can hold it). Lock-free readers
 * (qsize, empty, spinning getters) use Atomics.load and treat what they see as a hint.
 *
 * Why nothing torn is ever delivered: a writer copies the frame into free ring words first and
 * publishes it (TAIL, ITEMS) last, all under the mutex. If the writer dies half-way, the mutex
 * is left OWNER_DIED; the parent marks the channel BROKEN and every later call throws.
 */
import { currentWriter } from '../../telemetry/current';
import { ProcessState, type ProcessStateCode } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';
import { allocShared } from '../memory/shared';
import { futexWake } from '../sync/futex';
import { M, MUTEX_WORDS, OWNER_DIED, UNLOCKED, lockWaitSite, markOwnerDied, release, type MutexView } from '../sync/mutex-core';
import { FrameReader, OutgoingFrame, PENDING_BLOB } from './frame';

export const HEAD = 16;
export const TAIL = 17;
export const ITEMS = 18;
export const USED = 19;
export const FLAGS = 20;
export const GETTERS = 21;
export const PUTTERS = 22;
export const NOT_EMPTY = 23;
export const NOT_FULL = 24;
export const TAKEN = 25;
export const PUT_COUNT = 26;
export const HANDOFFS = 27;
export const HANDOFF_SEQ = 28;
export const UNFINISHED = 29;
export const ALL_DONE = 30;
export const MAXSIZE = 31;
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
  const mutex = new Int32Array(sab, 0, MUTEX_WORDS);
  if (!markOwnerDied(mutex, pid, exitCode)) return false;
  const h = new Int32Array(sab);
  Atomics.or(h, FLAGS, BROKEN);
  for (const seq of [NOT_EMPTY, NOT_FULL, HANDOFF_SEQ, ALL_DONE]) {
    Atomics.add(h, seq, 1);
    futexWake(h, seq);
  }
  return true;
}

/** What a failed operation reports, mapped to errors by the public classes (queue.ts, pipe.ts). */
export const enum Outcome {
  Done,
  Full,
  Empty,
  Closed,
  ReaderClosed,
  Broken,
}

/** Which way a view of the mutex is used: waits show in telemetry under the caller's state. */
function mutexView(i32: Int32Array, tel: TelemetryWriter, state: ProcessStateCode, resource: number, what: string): MutexView {
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

  constructor(
    readonly sab: SharedArrayBuffer,
    readonly resource: number,
    readonly name: string,
  ) {
    this.h = new Int32Array(sab);
    this.ring = new Int32Array(sab, RING_START * 4);
    this.ringBytes = new Uint8Array(sab, RING_START * 4);
    this.mutex = new Int32Array(sab, 0, MUTEX_WORDS);
    this.capacityWords = this.ring.length;
    this.tel = currentWriter();
    this.mine = this.tel.pid << 2;
    this.putSide = mutexView(this.mutex, this.tel, ProcessState.WAITING_QUEUE_PUT, resource, `${name}.put()`);
    this.getSide = mutexView(this.mutex, this.tel, ProcessState.WAITING_QUEUE_GET, resource, `${name}.get()`);
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
    h[UNFINISHED]++;
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

  /** Undo the last `append` of a rendezvous put nobody took (it is the only frame). */
  retractOnly(): void {
    const h = this.h;
    const words = FrameReader.frameWords(this.ring, h[HEAD]);
    h[HEAD] = (h[HEAD] + words) & (this.capacityWords - 1);
    h[USED] -= words;
    h[ITEMS]--;
    h[PUT_COUNT]--;
    h[UNFINISHED]--;
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
    futexWake(this.h, NOT_EMPTY, 1);
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
