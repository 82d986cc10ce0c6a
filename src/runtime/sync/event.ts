/**
 * Event — Python's `multiprocessing.Event`: a flag processes can wait for.
 *
 *   set()  clear()  isSet()
 *   wait(timeoutMs?): boolean            true if the flag is set, false on timeout
 *   waitAsync(timeoutMs?): Promise<boolean>
 *   toHandle()
 *
 * Memory (Int32, 64 bytes): [0] FLAG (the futex word; waiters sleep while it is 0).
 * set() wakes every waiter. Used as cancellation too (Go's context.Done()).
 */
import { checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentWriter } from '../../telemetry/current';
import { ProcessState, ResourceKind } from '../../telemetry/layout';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from './blocking';
import { deadlineFrom, futexWake, remainingMs } from './futex';

const FLAG = 0;
const WORDS = 16;

export interface EventHandle extends Handle {
  __mp: 'Event';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
}

export class Event {
  readonly i32: Int32Array;
  readonly id: number;
  readonly name: string;
  private readonly site: WaitSite;

  constructor(options: { name?: string } = {}, rebuilt?: EventHandle) {
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
    } else {
      const i32 = allocWords(WORDS);
      this.i32 = i32;
      const r = registerResource({
        kind: ResourceKind.EVENT,
        name: options.name,
        probe: { owner: () => -1, value: () => Atomics.load(i32, FLAG) },
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    this.site = {
      tel: currentWriter(),
      state: ProcessState.WAITING_EVENT,
      resource: this.id,
      what: `Event '${this.name}'.wait()`,
      twin: 'waitAsync()',
    };
  }

  isSet(): boolean {
    return Atomics.load(this.i32, FLAG) !== 0;
  }

  set(): void {
    Atomics.store(this.i32, FLAG, 1);
    futexWake(this.i32, FLAG);
  }

  clear(): void {
    Atomics.store(this.i32, FLAG, 0);
  }

  wait(timeoutMs?: number): boolean {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.isSet()) return true;
    return blockOn(this.site, this.steps(t));
  }

  waitAsync(timeoutMs?: number): Promise<boolean> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.isSet()) return Promise.resolve(true);
    return blockOnAsync(this.site, this.steps(t));
  }

  toHandle(): EventHandle {
    return { __mp: 'Event', id: this.id, name: this.name, sab: this.i32.buffer as SharedArrayBuffer };
  }

  static fromHandle(h: Handle): Event {
    return new Event({}, h as EventHandle);
  }

  private *steps(timeoutMs: number): WaitSteps<boolean> {
    const deadline = deadlineFrom(timeoutMs);
    for (;;) {
      if (Atomics.load(this.i32, FLAG) !== 0) return true;
      const left = remainingMs(deadline);
      if (left <= 0) return false;
      yield { i32: this.i32, index: FLAG, expected: 0, timeoutMs: left };
    }
  }
}

registerHandleKind('Event', Event.fromHandle);
