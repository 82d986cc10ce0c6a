/**
 * Pipe — Python's `multiprocessing.Pipe(duplex=True)`: two Connection objects.
 *
 *   const [a, b] = Pipe()               duplex: what a sends b receives, and the other way
 *   const [reader, writer] = Pipe(false) one-way: reader can only recv, writer can only send
 *   conn.send(obj)                       blocks while the pipe's buffer is full (processes)
 *   conn.recv(timeoutMs?)                EOFError once the other end closed and nothing is left;
 *                                        TimeoutError after timeoutMs (an extension: Python has none)
 *   conn.poll(timeoutMs = 0): boolean    data (or EOF) is ready
 *   conn.close()                         the other end sees EOF (recv) or BrokenPipeError (send)
 *   sendAsync / recvAsync / pollAsync    the main thread's twins
 *
 * Each direction is one channel (channel.ts) holding frames; closing an end raises CLOSED on the
 * channel it sends on (EOF for the reader, after draining) and READER_CLOSED on the one it
 * receives from (the writer's next send fails). Unlike an OS pipe, an end is closed for every
 * process as soon as any holder closes it (there is no reference count of open copies).
 */
import { ProcessState, ResourceKind } from '../../telemetry/layout';
import { TimeoutError, ValueError, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { assertCanBlock, canBlock, deadlineFrom, remainingMs } from '../sync/futex';
import {
  BROKEN,
  CLOSED,
  ChannelView,
  MAX_CAPACITY_BYTES,
  MIN_CAPACITY_BYTES,
  NOTHING,
  READER_CLOSED,
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
import { BrokenPipeError, BrokenQueueError, EOFError, HandleClosedError } from './errors';
import { OutgoingFrame } from './frame';

export const DEFAULT_PIPE_CAPACITY_BYTES = 256 * 1024;

export interface PipeOptions {
  /** Buffer of each direction in bytes (rounded up to a power of two). Default 256 KiB. */
  capacityBytes?: number;
  name?: string;
}

interface EndHandle {
  sab: SharedArrayBuffer;
  id: number;
  name: string;
}

export interface ConnectionHandle extends Handle {
  __mp: 'Connection';
  name: string;
  /** The channel this end sends on (absent: read-only end). */
  out: EndHandle | null;
  /** The channel this end receives from (absent: write-only end). */
  in: EndHandle | null;
}

const pipeStates = { put: ProcessState.WAITING_PIPE, get: ProcessState.WAITING_PIPE };

function openEnd(end: EndHandle | null): ChannelView | null {
  if (!end) return null;
  const view = new ChannelView(end.sab, end.id, end.name, pipeStates);
  view.wakeEveryGetter = true;
  return view;
}

export class Connection<T = unknown> {
  readonly name: string;
  private readonly out: ChannelView | null;
  private readonly in: ChannelView | null;
  private closedHere = false;

  /**
   * `lifetime`: the object the pipe's telemetry slots were registered with; they are recycled
   * once it is collected, so both ends hold it.
   */
  constructor(
    handle: ConnectionHandle,
    readonly lifetime: object = {},
  ) {
    this.name = handle.name;
    this.out = openEnd(handle.out);
    this.in = openEnd(handle.in);
  }

  get readable(): boolean {
    return this.in !== null;
  }

  get writable(): boolean {
    return this.out !== null;
  }

  /** Closed by this process (Python's `closed` property). */
  get closed(): boolean {
    return this.closedHere;
  }

  send(obj: T): void {
    const out = this.writer();
    const frame = this.prepare(out, obj, threadFrame);
    if (out.tryPutFast(frame)) return;
    const flags = out.flags();
    if (flags !== 0)
      this.settleSend(
        out,
        flags & BROKEN ? Failure.broken : flags & READER_CLOSED ? Failure.readerClosed : Failure.closed,
      );
    assertCanBlock(`${this.name}.send()`, 'sendAsync()');
    this.settleSend(out, this.run(out, out.putSide, putSteps(out, frame, true, Infinity, SPIN)));
  }

  async sendAsync(obj: T): Promise<void> {
    const out = this.writer();
    const frame = this.prepare(out, obj, threadFrame);
    if (out.tryPutFast(frame)) return;
    const own = new OutgoingFrame().prepare(obj, 'obj').detach();
    this.settleSend(out, await this.runAsync(out, out.putSide, putSteps(out, own, true, Infinity, 0)));
  }

  recv(timeoutMs?: number): T {
    const t = checkTimeout('timeoutMs', timeoutMs);
    const input = this.reader();
    const fast = input.tryGetFast(threadReader);
    if (fast !== NOTHING) return fast as T;
    const flags = input.flags();
    if (flags & BROKEN) throw brokenError(input);
    if (flags & CLOSED && input.items() === 0) this.settleRecv(input, Failure.closed, t);
    assertCanBlock(`${this.name}.recv()`, 'recvAsync()');
    // The timeout runs from here: the spin spends part of it.
    const deadline = deadlineFrom(t);
    const spun = input.spinThenGet(threadReader, t);
    if (spun !== NOTHING) return spun as T;
    return this.settleRecv(
      input,
      this.run(input, input.getSide, getSteps(input, threadReader, true, remainingMs(deadline), SPIN)),
      t,
    );
  }

  async recvAsync(timeoutMs?: number): Promise<T> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    const input = this.reader();
    const fast = input.tryGetFast(threadReader);
    if (fast !== NOTHING) return fast as T;
    return this.settleRecv(
      input,
      await this.runAsync(input, input.getSide, getSteps(input, threadReader, true, t, 0)),
      t,
    );
  }

  /** Whether recv() would return at once (data, or EOF). Waits up to timeoutMs (default 0). */
  poll(timeoutMs = 0): boolean {
    const input = this.reader();
    if (input.readyToGet()) return true;
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (t === 0) return false;
    assertCanBlock(`${this.name}.poll()`, 'pollAsync()');
    return this.run(input, input.getSide, readySteps(input, t));
  }

  pollAsync(timeoutMs = 0): Promise<boolean> {
    const input = this.reader();
    if (input.readyToGet()) return Promise.resolve(true);
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (t === 0) return Promise.resolve(false);
    return this.runAsync(input, input.getSide, readySteps(input, t));
  }

  /** Close this end: the peer's recv() gets EOFError once drained; its send() gets BrokenPipeError. */
  close(): void {
    if (this.closedHere) return;
    this.closedHere = true;
    for (const [view, flag] of [
      [this.out, CLOSED],
      [this.in, READER_CLOSED],
    ] as const) {
      if (!view) continue;
      if (canBlock()) this.run(view, view.putSide, flagSteps(view, flag));
      else void runAsync(view, view.putSide, flagSteps(view, flag)).catch(() => undefined);
    }
  }

  toHandle(): ConnectionHandle {
    if (this.closedHere) throw new HandleClosedError(`${this.name}: handle is closed`);
    const end = (v: ChannelView | null): EndHandle | null =>
      v && { sab: v.sab, id: v.resource, name: v.name };
    return { __mp: 'Connection', name: this.name, out: end(this.out), in: end(this.in) };
  }

  static fromHandle(h: Handle): Connection {
    return new Connection(h as ConnectionHandle);
  }

  private writer(): ChannelView {
    if (this.closedHere) throw new HandleClosedError(`${this.name}: handle is closed`);
    if (!this.out) throw new HandleClosedError(`${this.name}: connection is read-only`);
    return this.out;
  }

  private reader(): ChannelView {
    if (this.closedHere) throw new HandleClosedError(`${this.name}: handle is closed`);
    if (!this.in) throw new HandleClosedError(`${this.name}: connection is write-only`);
    return this.in;
  }

  private prepare(out: ChannelView, obj: unknown, frame: OutgoingFrame): OutgoingFrame {
    frame.prepare(obj, 'obj');
    if (frame.words > out.capacityWords) {
      throw new ValueError(
        `message of ${frame.words * 4} bytes does not fit ${this.name}'s buffer of ${out.capacityWords * 4} bytes: ` +
          'create the Pipe with a larger capacityBytes',
      );
    }
    return frame;
  }

  private run<R>(view: ChannelView, side: ChannelView['putSide'], steps: Steps<R>): R {
    try {
      return runBlocking(view, side, steps);
    } catch (error) {
      throw error instanceof ChannelBroken ? brokenError(view) : error;
    }
  }

  private async runAsync<R>(view: ChannelView, side: ChannelView['putSide'], steps: Steps<R>): Promise<R> {
    try {
      return await runAsync(view, side, steps);
    } catch (error) {
      throw error instanceof ChannelBroken ? brokenError(view) : error;
    }
  }

  private settleSend(view: ChannelView, outcome: Failure | undefined): void {
    if (outcome === undefined) {
      view.tel.countOps();
      return;
    }
    if (outcome === Failure.readerClosed)
      throw new BrokenPipeError(`${this.name}: the receiving end is closed`);
    if (outcome === Failure.broken) throw brokenError(view);
    throw new HandleClosedError(`${this.name}: the sending end was closed by another process`);
  }

  private settleRecv(view: ChannelView, outcome: unknown, timeoutMs: number): T {
    if (!(outcome instanceof Failure)) {
      view.tel.countOps();
      return outcome as T;
    }
    if (outcome === Failure.closed)
      throw new EOFError(`${this.name}: the sending end is closed and nothing is left`);
    if (outcome === Failure.broken) throw brokenError(view);
    throw new TimeoutError(`${this.name}.recv() timed out after ${timeoutMs} ms`);
  }
}

function brokenError(view: ChannelView): BrokenQueueError {
  return new BrokenQueueError(
    `${view.name} is broken: a process died while holding its lock; create a new Pipe`,
  );
}

let pipeCount = 0;

/** Python's `Pipe(duplex=True)`: returns `[conn1, conn2]`. With duplex false, conn1 only receives and conn2 only sends. */
export function Pipe<T = unknown>(duplex = true, options: PipeOptions = {}): [Connection<T>, Connection<T>] {
  if (typeof duplex !== 'boolean')
    throw new ValueError(`duplex must be true or false (got ${String(duplex)})`);
  const capacityBytes = options.capacityBytes ?? DEFAULT_PIPE_CAPACITY_BYTES;
  if (
    !Number.isInteger(capacityBytes) ||
    capacityBytes < MIN_CAPACITY_BYTES ||
    capacityBytes > MAX_CAPACITY_BYTES
  ) {
    throw new ValueError(
      `capacityBytes must be an integer from ${MIN_CAPACITY_BYTES} to ${MAX_CAPACITY_BYTES} (got ${String(capacityBytes)})`,
    );
  }
  const name = options.name ?? `Pipe-${++pipeCount}`;
  const owner = {};
  const direction = (label: string): EndHandle => {
    const sab = allocChannel(capacityBytes, 0);
    const r = registerChannel(sab, ResourceKind.PIPE, `${name} ${label}`, 0, owner);
    return { sab, id: r.id, name: r.name };
  };
  const forward = direction(duplex ? '1→2' : 'w→r');
  if (!duplex) {
    return [
      new Connection<T>({ __mp: 'Connection', name: `${name}[reader]`, out: null, in: forward }, owner),
      new Connection<T>({ __mp: 'Connection', name: `${name}[writer]`, out: forward, in: null }, owner),
    ];
  }
  const backward = direction('2→1');
  return [
    new Connection<T>({ __mp: 'Connection', name: `${name}[1]`, out: forward, in: backward }, owner),
    new Connection<T>({ __mp: 'Connection', name: `${name}[2]`, out: backward, in: forward }, owner),
  ];
}

registerHandleKind('Connection', Connection.fromHandle);
