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
 *                  and "the generation advanced" can never interleave
 *   [1] BROKEN     1 after abort() / timeout / failed action
 *   [2] ABANDONED  generation | 0x10000 of the generation reset() threw away (0 = none)
 *   [3] PARTIES
 *   [4] SEQ        the futex word: bumped after every change a waiter waits for (generation
 *                  released, abort, reset). A waiter reads SEQ *before* checking STATE and
 *                  BROKEN and sleeps while SEQ is unchanged, so a change between its check and
 *                  its sleep is never lost (sleeping on STATE would miss abort(): it only
 *                  writes BROKEN).
 * A caller that finds every party already arrived (the last one is still running the action)
 * waits for the next generation like any waiter: it never spins, and the page never blocks.
 * If abort() or reset() runs while the last party runs the action, that party gets
 * BrokenBarrierError too instead of releasing anything.
 * Limit: the generation is 16 bits, so a reset's ABANDONED mark could match again 65,536
 * generations later (only for waiters of that reused generation number).
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

const B = { STATE: 0, BROKEN: 1, ABANDONED: 2, PARTIES: 3, SEQ: 4 } as const;
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
    const deadline = deadlineFrom(timeoutMs === undefined ? this.defaultTimeoutMs : checkTimeout('timeoutMs', timeoutMs));
    const a = blockOn(this.site, this.arrive(deadline));
    if (a.last) return this.release(a);
    return blockOn(this.site, this.waitForRelease(a, deadline));
  }

  async waitAsync(timeoutMs?: number): Promise<number> {
    const deadline = deadlineFrom(timeoutMs === undefined ? this.defaultTimeoutMs : checkTimeout('timeoutMs', timeoutMs));
    const a = await blockOnAsync(this.site, this.arrive(deadline));
    if (a.last) return this.release(a);
    return blockOnAsync(this.site, this.waitForRelease(a, deadline));
  }

  abort(): void {
    Atomics.store(this.i32, B.BROKEN, 1);
    this.wakeAll();
  }

  reset(): void {
    const i32 = this.i32;
    for (;;) {
      const s = Atomics.load(i32, B.STATE);
      if (arrived(s) > 0) Atomics.store(i32, B.ABANDONED, gen(s) | 0x10000);
      if (Atomics.compareExchange(i32, B.STATE, s, nextGeneration(s)) === s) break;
    }
    Atomics.store(i32, B.BROKEN, 0);
    this.wakeAll();
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

  /** After any change a waiter may be waiting for: bump SEQ (the futex word) and wake all. */
  private wakeAll(): void {
    Atomics.add(this.i32, B.SEQ, 1);
    futexWake(this.i32, B.SEQ);
  }

  /** A waiter whose time ran out breaks the barrier for everyone (as in Python). */
  private timedOut(): BrokenBarrierError {
    this.abort();
    return this.broke();
  }

  private *arrive(deadline: number): WaitSteps<Arrival> {
    const i32 = this.i32;
    for (;;) {
      const seq = Atomics.load(i32, B.SEQ);
      if (Atomics.load(i32, B.BROKEN) !== 0) throw this.broke();
      const s = Atomics.load(i32, B.STATE);
      const n = arrived(s);
      if (n >= this.parties) {
        // More callers than parties: the last one is running the action and will release this
        // generation; wait for it (never spin: the action may take long, or its process die).
        const left = remainingMs(deadline);
        if (left <= 0) throw this.timedOut();
        yield { i32, index: B.SEQ, expected: seq, timeoutMs: left };
        continue;
      }
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
    // Python runs the action under the barrier's lock, so nothing can interleave; here abort()
    // or reset() may have run meanwhile. Broken: fail like the other parties did. Reset: our
    // generation was abandoned (its waiters got BrokenBarrierError) and the state now belongs to
    // the next one: advancing it would release callers that arrived there, short of parties.
    const i32 = this.i32;
    for (;;) {
      if (Atomics.load(i32, B.BROKEN) !== 0) throw this.broke();
      const s = Atomics.load(i32, B.STATE);
      if (gen(s) !== a.generation) throw this.broke();
      if (Atomics.compareExchange(i32, B.STATE, s, nextGeneration(s)) === s) break;
    }
    this.wakeAll();
    return a.index;
  }

  private *waitForRelease(a: Arrival, deadline: number): WaitSteps<number> {
    const i32 = this.i32;
    for (;;) {
      // SEQ first: every change below is followed by a SEQ bump, so sleeping on this value
      // cannot miss one that happens after the checks.
      const seq = Atomics.load(i32, B.SEQ);
      const s = Atomics.load(i32, B.STATE);
      if (gen(s) !== a.generation) {
        if (Atomics.load(i32, B.ABANDONED) === (a.generation | 0x10000)) throw this.broke();
        return a.index;
      }
      if (Atomics.load(i32, B.BROKEN) !== 0) throw this.broke();
      const left = remainingMs(deadline);
      if (left <= 0) throw this.timedOut();
      yield { i32, index: B.SEQ, expected: seq, timeoutMs: left };
    }
  }
}

registerHandleKind('Barrier', Barrier.fromHandle);
