/**
 * Semaphore and BoundedSemaphore — Python's `multiprocessing.Semaphore(value=1)` and
 * `BoundedSemaphore(value=1)`.
 *
 *   acquire(block = true, timeoutMs = -1): boolean    acquireAsync(timeoutMs?)
 *   release(n = 1)      BoundedSemaphore: ValueError if it would exceed the initial value
 *   getValue()          the current count (Python's get_value)
 *   withPermit(fn), toHandle()
 *
 * Memory (Int32, 64 bytes): [0] VALUE (the futex word: waiters sleep while it is 0)
 *   [1] WAITERS (sleepers, so release skips the wake when nobody sleeps)  [2] BOUND (-1 = none)
 * Anyone may release (as in Python): a semaphore has no owner.
 */
import { ValueError, checkInt, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentWriter } from '../../telemetry/current';
import { H, P, ProcessState, ResourceKind } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from './blocking';
import { deadlineFrom, futexWake, remainingMs } from './futex';

const S = { VALUE: 0, WAITERS: 1, BOUND: 2 } as const;
const WORDS = 16;
const MAX_VALUE = 0x3fffffff;

export interface SemaphoreHandle extends Handle {
  __mp: 'Semaphore';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
}

export class Semaphore {
  readonly i32: Int32Array;
  readonly id: number;
  readonly name: string;
  private readonly tel: TelemetryWriter;
  private readonly site: WaitSite;

  constructor(value = 1, options: { name?: string } = {}, rebuilt?: SemaphoreHandle) {
    this.tel = currentWriter();
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
    } else {
      checkInt('value', value, 0, MAX_VALUE);
      const i32 = allocWords(WORDS);
      this.i32 = i32;
      i32[S.VALUE] = value;
      i32[S.BOUND] = this.bounded() ? value : -1;
      const r = registerResource({
        kind: this.bounded() ? ResourceKind.BOUNDED_SEMAPHORE : ResourceKind.SEMAPHORE,
        name: options.name,
        capacity: value,
        probe: { owner: () => -1, value: () => Atomics.load(i32, S.VALUE) },
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    const kind = this.bounded() ? 'BoundedSemaphore' : 'Semaphore';
    this.site = {
      tel: this.tel,
      state: ProcessState.WAITING_SEMAPHORE,
      resource: this.id,
      what: `${kind} '${this.name}'.acquire()`,
      twin: 'acquireAsync()',
    };
  }

  protected bounded(): boolean {
    return false;
  }

  acquire(block = true, timeoutMs = -1): boolean {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.tryTake()) return true;
    this.tel.countContended();
    return this.counted(blockOn(this.site, this.steps(block, t)));
  }

  async acquireAsync(timeoutMs = -1): Promise<boolean> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.tryTake()) return true;
    this.tel.countContended();
    return this.counted(await blockOnAsync(this.site, this.steps(true, t)));
  }

  release(n = 1): void {
    checkInt('n', n, 1, MAX_VALUE);
    const i32 = this.i32;
    const bound = i32[S.BOUND];
    if (bound >= 0) {
      for (;;) {
        const v = Atomics.load(i32, S.VALUE);
        if (v + n > bound) throw new ValueError(`${this.name}: semaphore released too many times (value ${v}, bound ${bound})`);
        if (Atomics.compareExchange(i32, S.VALUE, v, v + n) === v) break;
      }
    } else Atomics.add(i32, S.VALUE, n);
    if (Atomics.load(i32, S.WAITERS) > 0) futexWake(i32, S.VALUE, n);
  }

  getValue(): number {
    return Atomics.load(this.i32, S.VALUE);
  }

  withPermit<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  toHandle(): SemaphoreHandle {
    return { __mp: 'Semaphore', id: this.id, name: this.name, sab: this.i32.buffer as SharedArrayBuffer };
  }

  static fromHandle(h: Handle): Semaphore {
    const sab = (h as SemaphoreHandle).sab;
    return new Int32Array(sab)[S.BOUND] >= 0
      ? new BoundedSemaphore(1, {}, h as SemaphoreHandle)
      : new Semaphore(1, {}, h as SemaphoreHandle);
  }

  private tryTake(): boolean {
    const i32 = this.i32;
    for (;;) {
      const v = Atomics.load(i32, S.VALUE);
      if (v <= 0) return false;
      if (Atomics.compareExchange(i32, S.VALUE, v, v - 1) === v) return this.counted(true);
    }
  }

  private counted(got: boolean): boolean {
    const t = this.tel;
    if (got && t.i32[H.ENABLED] !== 0) t.i32[t.base + P.ACQUIRES]++;
    return got;
  }

  private *steps(block: boolean, timeoutMs: number): WaitSteps<boolean> {
    const i32 = this.i32;
    const deadline = deadlineFrom(timeoutMs);
    for (;;) {
      const v = Atomics.load(i32, S.VALUE);
      if (v > 0) {
        if (Atomics.compareExchange(i32, S.VALUE, v, v - 1) === v) return true;
        continue;
      }
      const left = remainingMs(deadline);
      if (!block || left <= 0) return false;
      Atomics.add(i32, S.WAITERS, 1);
      try {
        yield { i32, index: S.VALUE, expected: 0, timeoutMs: left };
      } finally {
        Atomics.sub(i32, S.WAITERS, 1);
      }
    }
  }
}

/** A Semaphore whose release() refuses to exceed the initial value (ValueError). */
export class BoundedSemaphore extends Semaphore {
  protected override bounded(): boolean {
    return true;
  }
}

registerHandleKind('Semaphore', Semaphore.fromHandle);
