/**
 * Barrier — Python's `multiprocessing.Barrier(parties, action=None, timeout=None)`.
 *
 *   new Barrier(parties, { action?: taskName, timeoutMs?, name? })
 *   wait(timeoutMs?): number     blocks until `parties` processes wait; returns this caller's
 *                                arrival index 0…parties-1. The last to arrive runs `action`
 *                                (a registered task, called with its TaskContext) first.
 *   waitAsync(timeoutMs?)        the main thread's twin
 *   abort()     break it: current and future waiters get BrokenBarrierError
 *   reset()     back to empty and unbroken; current waiters get BrokenBarrierError
 *   parties, nWaiting, broken, toHandle()
 * A wait that times out breaks the barrier (as in Python); so does an action that throws.
 *
 * Memory (Int32, 64 bytes):
 *   [0] STATE      generation << 16 | arrived, changed by one CAS per arrival so that "arrive"
 *                  and "the generation advanced" can never interleave; waiters sleep on it
 *   [1] BROKEN     1 after abort() / timeout / failed action
 *   [2] ABANDONED  generation | 0x10000 of the generation reset() threw away (0 = none)
 *   [3] PARTIES
 */
import { BrokenBarrierError, checkInt, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentContext, lookupTask, type TaskContext } from '../tasks/task-context';
import { currentWriter } from '../../telemetry/current';
import { ProcessState, ResourceKind } from '../../telemetry/layout';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from './blocking';
import { deadlineFrom, futexWake, remainingMs } from './futex';

const B = { STATE: 0, BROKEN: 1, ABANDONED: 2, PARTIES: 3 } as const;
const WORDS = 16;
const MAX_PARTIES = 0xffff - 1;

export interface BarrierOptions {
  /** Name of a registered task the last arriving process runs before releasing the others. */
  action?: string;
  /** Default timeout of wait(), ms. */
  timeoutMs?: number;
  name?: string;
}

export interface BarrierHandle extends Handle {
  __mp: 'Barrier';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
  action: string | null;
  timeoutMs: number | null;
}

const gen = (state: number) => state >>> 16;
const arrived = (state: number) => state & 0xffff;
const nextGeneration = (state: number) => ((gen(state) + 1) & 0xffff) << 16;

interface Arrival {
  index: number;
  generation: number;
  last: boolean;
}

export class Barrier {
  readonly i32: Int32Array;
  readonly id: number;
  readonly name: string;
  readonly parties: number;
  private readonly action: string | null;
  private readonly defaultTimeoutMs: number;
  private readonly site: WaitSite;

  constructor(parties: number, options: BarrierOptions = {}, rebuilt?: BarrierHandle) {
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
      this.action = rebuilt.action;
      this.defaultTimeoutMs = rebuilt.timeoutMs ?? Infinity;
    } else {
      checkInt('parties', parties, 1, MAX_PARTIES);
      if (options.action !== undefined) lookupTask(options.action);
      this.defaultTimeoutMs = checkTimeout('timeoutMs', options.timeoutMs);
      this.action = options.action ?? null;
      const i32 = allocWords(WORDS);
      this.i32 = i32;
      i32[B.PARTIES] = parties;
      const r = registerResource({
        kind: ResourceKind.BARRIER,
        name: options.name,
        capacity: parties,
        probe: { owner: () => -1, value: () => arrived(Atomics.load(i32, B.STATE)) },
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    this.parties = this.i32[B.PARTIES];
    this.site = {
      tel: currentWriter(),
      state: ProcessState.WAITING_BARRIER,
      resource: this.id,
      what: `Barrier '${this.name}'.wait()`,
      twin: 'waitAsync()',
    };
  }

  get nWaiting(): number {
    const n = arrived(Atomics.load(this.i32, B.STATE));
    return n >= this.parties ? 0 : n;
  }

  get broken(): boolean {
    return Atomics.load(this.i32, B.BROKEN) !== 0;
  }

  wait(timeoutMs?: number): number {
    const t = timeoutMs === undefined ? this.defaultTimeoutMs : checkTimeout('timeoutMs', timeoutMs);
    const a = this.arrive();
    if (a.last) return this.release(a);
    return blockOn(this.site, this.waitForRelease(a, t));
  }

  async waitAsync(timeoutMs?: number): Promise<number> {
    const t = timeoutMs === undefined ? this.defaultTimeoutMs : checkTimeout('timeoutMs', timeoutMs);
    const a = this.arrive();
    if (a.last) return this.release(a);
    return blockOnAsync(this.site, this.waitForRelease(a, t));
  }

  abort(): void {
    Atomics.store(this.i32, B.BROKEN, 1);
    futexWake(this.i32, B.STATE);
  }

  reset(): void {
    const i32 = this.i32;
    for (;;) {
      const s = Atomics.load(i32, B.STATE);
      if (arrived(s) > 0) Atomics.store(i32, B.ABANDONED, gen(s) | 0x10000);
      if (Atomics.compareExchange(i32, B.STATE, s, nextGeneration(s)) === s) break;
    }
    Atomics.store(i32, B.BROKEN, 0);
    futexWake(i32, B.STATE);
  }

  toHandle(): BarrierHandle {
    return {
      __mp: 'Barrier',
      id: this.id,
      name: this.name,
      sab: this.i32.buffer as SharedArrayBuffer,
      action: this.action,
      timeoutMs: this.defaultTimeoutMs === Infinity ? null : this.defaultTimeoutMs,
    };
  }

  static fromHandle(h: Handle): Barrier {
    return new Barrier(0, {}, h as BarrierHandle);
  }

  private broke(): BrokenBarrierError {
    return new BrokenBarrierError(`Barrier '${this.name}' is broken`);
  }

  private arrive(): Arrival {
    const i32 = this.i32;
    for (;;) {
      if (Atomics.load(i32, B.BROKEN) !== 0) throw this.broke();
      const s = Atomics.load(i32, B.STATE);
      const n = arrived(s);
      // More callers than parties: the last one is running the action and about to release
      // this generation; retry until the next generation opens (short, and must not block).
      if (n >= this.parties) continue;
      if (Atomics.compareExchange(i32, B.STATE, s, s + 1) === s) {
        return { index: n, generation: gen(s), last: n + 1 === this.parties };
      }
    }
  }

  /** The last arrival: run the action, then advance the generation and wake everyone. */
  private release(a: Arrival): number {
    if (this.action) {
      try {
        (lookupTask(this.action) as (ctx: TaskContext) => unknown)(currentContext());
      } catch (e) {
        this.abort();
        throw e;
      }
    }
    const i32 = this.i32;
    for (;;) {
      const s = Atomics.load(i32, B.STATE);
      if (Atomics.compareExchange(i32, B.STATE, s, nextGeneration(s)) === s) break;
    }
    futexWake(i32, B.STATE);
    return a.index;
  }

  private *waitForRelease(a: Arrival, timeoutMs: number): WaitSteps<number> {
    const i32 = this.i32;
    const deadline = deadlineFrom(timeoutMs);
    for (;;) {
      const s = Atomics.load(i32, B.STATE);
      if (gen(s) !== a.generation) {
        if (Atomics.load(i32, B.ABANDONED) === (a.generation | 0x10000)) throw this.broke();
        return a.index;
      }
      if (Atomics.load(i32, B.BROKEN) !== 0) throw this.broke();
      const left = remainingMs(deadline);
      if (left <= 0) {
        this.abort();
        throw this.broke();
      }
      yield { i32, index: B.STATE, expected: s, timeoutMs: left };
    }
  }
}

registerHandleKind('Barrier', Barrier.fromHandle);
