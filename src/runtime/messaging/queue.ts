/**
 * Queue — Python's `multiprocessing.Queue`, over a shared-memory channel (`channel.ts`).
 *
 *   new Queue(maxsize = 0, { capacityBytes = 1 MiB, name? })
 *   Queue.rendezvous({ name? })                capacity zero (Go's unbuffered channel)
 *   put(item, block = true, timeoutMs?)        processes; Full on timeout / non-blocking
 *   get(block = true, timeoutMs?)              processes; Empty on timeout / non-blocking
 *   putNowait(item), getNowait()
 *   putAsync(item, block?, timeoutMs?), getAsync(block?, timeoutMs?)   the main thread's twins
 *   qsize(), empty(), full()                   approximate, as in Python
 *   close()                                    later puts raise ValueError "Queue … is closed";
 *                                              getters drain what is left, then get the same
 *   toHandle()                                 pass it as a Process argument
 *
 * Differences from CPython (documented in docs/runtime-conformance.md):
 * - put() copies the item into shared memory before returning (CPython hands it to a feeder
 *   thread), so an unbounded queue blocks when its byte ring is full, and an item larger than
 *   the ring is refused with ValueError.
 * - close() is seen by every process (CPython's close() only affects the calling process).
 * - A blocking put/get on the page's main thread throws WouldBlockError: use the Async twin.
 */
import { ResourceKind, type ResourceKindCode } from '../../telemetry/layout';
import { ValueError, checkInt, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { assertCanBlock, canBlock, deadlineFrom, remainingMs } from '../sync/futex';
import {
  BROKEN,
  CLOSED,
  ChannelView,
  MAXSIZE,
  MAX_CAPACITY_BYTES,
  MIN_CAPACITY_BYTES,
  NOTHING,
  RENDEZVOUS,
  allocChannel,
  registerChannel,
  threadFrame,
  threadReader,
} from './channel';
import {
  ChannelBroken,
  Failure,
  SPIN,
  flagSteps,
  getSteps,
  putSteps,
  readySteps,
  runAsync,
  runBlocking,
  type Steps,
} from './channel-ops';
import { BrokenQueueError, Empty, Full } from './errors';
import { OutgoingFrame } from './frame';

export const DEFAULT_CAPACITY_BYTES = 1 << 20;

export interface QueueOptions {
  /** Size of the shared byte ring (rounded up to a power of two). Default 1 MiB. */
  capacityBytes?: number;
  name?: string;
  /**
   * No telemetry resource slot and no owner-died recovery of its own: for internal queues whose
   * owner registers one recovery hook for many (the Manager's reply queues). Default false.
   */
  untraced?: boolean;
}

export interface QueueHandle extends Handle {
  id: number;
  name: string;
  sab: SharedArrayBuffer;
}

export type QueueKind = 'Queue' | 'JoinableQueue' | 'SimpleQueue';

const resourceKinds: Record<QueueKind, ResourceKindCode> = {
  Queue: ResourceKind.QUEUE,
  JoinableQueue: ResourceKind.JOINABLE_QUEUE,
  SimpleQueue: ResourceKind.SIMPLE_QUEUE,
};

/** Python: a maxsize ≤ 0 means unbounded. Returns the channel's MAXSIZE word. */
export function checkMaxsize(maxsize: unknown): number {
  if (typeof maxsize !== 'number' || !Number.isInteger(maxsize)) {
    checkInt('maxsize', maxsize, 0, 0x7fffffff);
  }
  return Math.max(0, Math.min(maxsize as number, 0x7fffffff));
}

/**
 * Allocates (parent) or attaches to (worker) a channel and registers it for telemetry and for
 * owner-died recovery: if a process dies holding the channel's lock, the parent breaks the channel.
 */
function openChannel(
  kind: QueueKind,
  maxsize: number,
  options: QueueOptions,
  owner: object,
  rebuilt?: QueueHandle,
): ChannelView {
  if (rebuilt) return new ChannelView(rebuilt.sab, rebuilt.id, rebuilt.name);
  if (typeof options !== 'object' || options === null) {
    throw new ValueError('options must be an object { capacityBytes?, name? }');
  }
  const capacityBytes = checkInt(
    'capacityBytes',
    options.capacityBytes ?? DEFAULT_CAPACITY_BYTES,
    MIN_CAPACITY_BYTES,
    MAX_CAPACITY_BYTES,
  );
  if (options.name !== undefined && typeof options.name !== 'string')
    throw new ValueError('name must be a string');
  const sab = allocChannel(capacityBytes, maxsize);
  if (options.untraced) return new ChannelView(sab, 0, options.name ?? kind);
  const r = registerChannel(sab, resourceKinds[kind], options.name, Math.max(0, maxsize), owner);
  return new ChannelView(sab, r.id, r.name);
}

/** Shared by Queue, JoinableQueue and SimpleQueue: the fast paths, error mapping, sizes. */
export abstract class QueueBase<T = unknown> {
  protected readonly view: ChannelView;
  /** This process called close(): its later puts fail even before the flag reaches shared memory. */
  protected closedHere = false;

  protected constructor(
    private readonly kindName: QueueKind,
    maxsize: number,
    options: QueueOptions,
    rebuilt: QueueHandle | undefined,
  ) {
    this.view = openChannel(kindName, maxsize, options, this, rebuilt);
  }

  get name(): string {
    return this.view.name;
  }

  /** Telemetry resource id (0 = untraced). */
  get id(): number {
    return this.view.resource;
  }

  /** Usable ring size in bytes. */
  get capacityBytes(): number {
    return this.view.capacityWords * 4;
  }

  /** Python's qsize(): the number of items now. Approximate: another process may change it at once. */
  qsize(): number {
    return this.view.items();
  }

  /** Unreliable by nature, as in Python: another process may put or get right after it answers. */
  empty(): boolean {
    return this.view.items() === 0;
  }

  /**
   * Lock-free hint: a get would not wait now (an item is there, or the queue is closed or broken).
   * Runtime-internal, like `readyToGetAsync`.
   */
  readyToGet(): boolean {
    return this.view.readyToGet();
  }

  /**
   * Resolves once a get would not wait (see readyToGet); takes nothing. Runtime-internal, for a
   * queue's only getter on the main thread (the Pool's collector): a put wakes one sleeping
   * getter, and with other getters asleep that could be this waiter instead of one of them.
   */
  readyToGetAsync(): Promise<boolean> {
    return this.driveAsync(this.view.getSide, readySteps(this.view, Infinity));
  }

  /** True once a process died holding one of the queue's locks; every call then raises BrokenQueueError. */
  get broken(): boolean {
    return (this.view.flags() & BROKEN) !== 0 || this.view.ownerDied();
  }

  protected describe(): string {
    return `${this.kindName} '${this.name}'`;
  }

  /** The frame for `item`, checked to fit the ring. */
  protected prepare(item: unknown, frame: OutgoingFrame): OutgoingFrame {
    frame.prepare(item, 'item');
    if (frame.words > this.view.capacityWords) {
      throw new ValueError(
        `item of ${frame.words * 4} bytes does not fit ${this.describe()}, whose ring holds ${this.capacityBytes} bytes: ` +
          'create it with a larger capacityBytes',
      );
    }
    return frame;
  }

  protected putBlocking(item: unknown, block: boolean, timeoutMs: number | undefined): void {
    const t = block ? checkTimeout('timeoutMs', timeoutMs) : 0;
    if (this.closedHere) throw this.closedError();
    const frame = this.prepare(item, threadFrame);
    if (this.view.tryPutFast(frame)) return;
    // A broken or closed queue answers that, even where blocking is not allowed.
    const flags = this.view.flags();
    if (flags & BROKEN) throw this.brokenError();
    if (flags & CLOSED) throw this.closedError();
    // Fail before registering as a sleeper: the main thread must use putAsync.
    if (block) assertCanBlock(`${this.describe()}.put()`, 'putAsync()');
    // The timeout runs from here: the spin spends part of it.
    const deadline = deadlineFrom(t);
    if (block && this.view.spinThenPut(frame, t)) return;
    this.settlePut(
      this.drive(
        this.view.putSide,
        putSteps(this.view, frame, block, remainingMs(deadline), block ? SPIN : 0),
      ),
    );
  }

  protected async putAsyncImpl(item: unknown, block: boolean, timeoutMs: number | undefined): Promise<void> {
    const t = block ? checkTimeout('timeoutMs', timeoutMs) : 0;
    if (this.closedHere) throw this.closedError();
    const frame = this.prepare(item, threadFrame);
    if (this.view.tryPutFast(frame)) return;
    // The thread's scratch frame may be reused by another call while this one awaits.
    const own = new OutgoingFrame().prepare(item, 'item').detach();
    this.settlePut(await this.driveAsync(this.view.putSide, putSteps(this.view, own, block, t, 0)));
  }

  protected getBlocking(block: boolean, timeoutMs: number | undefined): T {
    const t = block ? checkTimeout('timeoutMs', timeoutMs) : 0;
    const fast = this.view.tryGetFast(threadReader);
    if (fast !== NOTHING) return fast as T;
    const flags = this.view.flags();
    if (flags & BROKEN) throw this.brokenError();
    if (flags & CLOSED && this.view.items() === 0) throw this.failureError(Failure.closed, 'get');
    const deadline = deadlineFrom(t);
    if (block) {
      assertCanBlock(`${this.describe()}.get()`, 'getAsync()');
      const spun = this.view.spinThenGet(threadReader, t);
      if (spun !== NOTHING) return spun as T;
    }
    const left = remainingMs(deadline);
    return this.settleGet(
      this.drive(this.view.getSide, getSteps(this.view, threadReader, block, left, block ? SPIN : 0)),
    );
  }

  protected async getAsyncImpl(block: boolean, timeoutMs: number | undefined): Promise<T> {
    const t = block ? checkTimeout('timeoutMs', timeoutMs) : 0;
    const fast = this.view.tryGetFast(threadReader);
    if (fast !== NOTHING) return fast as T;
    return this.settleGet(
      await this.driveAsync(this.view.getSide, getSteps(this.view, threadReader, block, t, 0)),
    );
  }

  /** Marks the queue closed for every process and wakes every sleeper. */
  protected closeImpl(): void {
    this.closedHere = true;
    if (canBlock()) {
      this.drive(this.view.putSide, flagSteps(this.view, CLOSED));
      return;
    }
    // The main thread must not sleep on the lock: its own puts already fail (closedHere); the
    // shared flag follows as soon as the lock is free.
    void this.driveAsync(this.view.putSide, flagSteps(this.view, CLOSED)).catch(() => undefined);
  }

  protected drive<R>(side: ChannelView['putSide'], steps: Steps<R>): R {
    try {
      return runBlocking(this.view, side, steps);
    } catch (error) {
      throw this.translate(error);
    }
  }

  protected async driveAsync<R>(side: ChannelView['putSide'], steps: Steps<R>): Promise<R> {
    try {
      return await runAsync(this.view, side, steps);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    return error instanceof ChannelBroken ? this.brokenError() : error;
  }

  protected settlePut(outcome: Failure | undefined): void {
    if (outcome === undefined) {
      this.view.tel.countOps();
      return;
    }
    throw this.failureError(outcome, 'put');
  }

  protected settleGet(outcome: unknown): T {
    if (outcome instanceof Failure) throw this.failureError(outcome, 'get');
    this.view.tel.countOps();
    return outcome as T;
  }

  protected failureError(failure: Failure, op: 'put' | 'get'): Error {
    switch (failure) {
      case Failure.full:
        return new Full(`${this.describe()} is full`);
      case Failure.empty:
        return new Empty(`${this.describe()} is empty`);
      case Failure.broken:
        return this.brokenError();
      default:
        return op === 'put' ? this.closedError() : new ValueError(`${this.describe()} is closed and empty`);
    }
  }

  protected closedError(): ValueError {
    return new ValueError(`${this.describe()} is closed`);
  }

  protected brokenError(): BrokenQueueError {
    return new BrokenQueueError(
      `${this.describe()} is broken: process pid ${this.view.diedPid()} died while holding its lock ` +
        '(possibly half-way through a put or get). No message from it is delivered; create a new queue.',
    );
  }

  toHandle(): QueueHandle {
    return { __mp: this.kindName, id: this.id, name: this.name, sab: this.view.sab };
  }

  /** The shared-memory channel underneath: for failure demos (`dieMidPut`) and tests only. */
  channel(): ChannelView {
    return this.view;
  }
}

export class Queue<T = unknown> extends QueueBase<T> {
  /** `kind` is for subclasses (JoinableQueue): it names the handle and the telemetry kind. */
  constructor(
    maxsize = 0,
    options: QueueOptions = {},
    rebuilt?: QueueHandle,
    kind: 'Queue' | 'JoinableQueue' = 'Queue',
  ) {
    super(kind, checkMaxsize(maxsize), options, rebuilt);
  }

  /** A queue of capacity zero: put() returns only once a consumer took the item (Go: make(chan T)). */
  static rendezvous<T = unknown>(options: QueueOptions = {}): Queue<T> {
    const q = new Queue<T>(1, options);
    q.view.h[MAXSIZE] = RENDEZVOUS;
    return q;
  }

  /** Python's maxsize; 0 for unbounded, and 0 for a rendezvous queue (it holds nothing). */
  get maxsize(): number {
    return Math.max(0, this.view.maxsize);
  }

  get isRendezvous(): boolean {
    return this.view.rendezvous;
  }

  /** Python's full(): maxsize items are queued (always false for an unbounded queue). */
  full(): boolean {
    const m = this.view.maxsize;
    return m > 0 && this.view.items() >= m;
  }

  put(item: T, block = true, timeoutMs?: number): void {
    this.putBlocking(item, block, timeoutMs);
  }

  putNowait(item: T): void {
    this.putBlocking(item, false, undefined);
  }

  get(block = true, timeoutMs?: number): T {
    return this.getBlocking(block, timeoutMs);
  }

  getNowait(): T {
    return this.getBlocking(false, undefined);
  }

  putAsync(item: T, block = true, timeoutMs?: number): Promise<void> {
    return this.putAsyncImpl(item, block, timeoutMs);
  }

  getAsync(block = true, timeoutMs?: number): Promise<T> {
    return this.getAsyncImpl(block, timeoutMs);
  }

  close(): void {
    this.closeImpl();
  }

  /** Python's join_thread(): there is no feeder thread here, so nothing to wait for. */
  joinThread(): void {}

  /** Python's cancel_join_thread(): likewise a no-op. */
  cancelJoinThread(): void {}

  static fromHandle(h: Handle): Queue {
    return new Queue(0, {}, h as QueueHandle);
  }
}

registerHandleKind('Queue', Queue.fromHandle);
