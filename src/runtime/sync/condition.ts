/**
 * Condition — Python's `multiprocessing.Condition(lock=None)` (default lock: a new RLock).
 *
 *   acquire(...) / release() / acquireAsync(...)   the underlying lock's
 *   wait(timeoutMs?): boolean          release the lock, sleep until notified, re-acquire;
 *                                      false if it timed out. RuntimeError without the lock.
 *   waitFor(predicate, timeoutMs?)     loop wait() until predicate() is truthy; returns it
 *   notify(n = 1), notifyAll()         must hold the lock (RuntimeError otherwise)
 *   waitAsync / waitForAsync           the main thread's twins
 *   getLock(), toHandle()
 *
 * Memory (Int32, 64 bytes): [0] SEQ, the futex word: a waiter reads SEQ *before* releasing the
 * lock and sleeps while SEQ is unchanged; notify bumps SEQ and wakes n sleepers, so a notify
 * between "release" and "sleep" is never lost. [1] WAITERS (for telemetry).
 * Caveat: a waiter that had released the lock but not yet slept when notify(1) ran also
 * returns, so notify(n) can wake more than n; waitFor's predicate loop makes that harmless.
 */
import { RuntimeError, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentWriter } from '../../telemetry/current';
import { ProcessState, ResourceKind } from '../../telemetry/layout';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from './blocking';
import { assertCanBlock, deadlineFrom, futexWake, remainingMs } from './futex';
import { Lock, type LockHandle } from './lock';
import { RLock, type RLockHandle } from './rlock';

const SEQ = 0;
const WAITERS = 1;
const WORDS = 16;

export interface ConditionHandle extends Handle {
  __mp: 'Condition';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
  lock: LockHandle | RLockHandle;
}

export class Condition {
  readonly i32: Int32Array;
  readonly id: number;
  readonly name: string;
  private readonly lock: Lock | RLock;
  private readonly site: WaitSite;

  constructor(lock?: Lock | RLock | null, options: { name?: string } = {}, rebuilt?: ConditionHandle) {
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
      this.lock = rebuilt.lock.__mp === 'Lock' ? Lock.fromHandle(rebuilt.lock) : RLock.fromHandle(rebuilt.lock);
    } else {
      if (lock != null && !(lock instanceof Lock) && !(lock instanceof RLock)) {
        throw new RuntimeError('Condition(lock): lock must be a Lock or an RLock');
      }
      const i32 = allocWords(WORDS);
      this.i32 = i32;
      const theLock = lock ?? new RLock({ name: options.name ? `${options.name}.lock` : undefined });
      this.lock = theLock;
      const r = registerResource({
        kind: ResourceKind.CONDITION,
        name: options.name,
        // The probe must not capture `this`: the directory keeps it, and a probe holding the
        // Condition would keep it alive forever, so its resource slot would never be recycled.
        probe: { owner: () => theLock.owner(), value: () => Atomics.load(i32, WAITERS) },
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    this.site = {
      tel: currentWriter(),
      state: ProcessState.WAITING_CONDITION,
      resource: this.id,
      what: `Condition '${this.name}'.wait()`,
      twin: 'waitAsync()',
    };
  }

  getLock(): Lock | RLock {
    return this.lock;
  }

  acquire(block = true, timeoutMs = -1): boolean {
    return this.lock.acquire(block, timeoutMs);
  }

  acquireAsync(timeoutMs = -1): Promise<boolean> {
    return this.lock.acquireAsync(timeoutMs);
  }

  release(): void {
    this.lock.release();
  }

  withLock<T>(fn: () => T): T {
    return this.lock.withLock(fn);
  }

  wait(timeoutMs?: number): boolean {
    const t = checkTimeout('timeoutMs', timeoutMs);
    assertCanBlock(this.site.what, this.site.twin); // before letting go of the lock
    const seq = Atomics.load(this.i32, SEQ);
    const depth = this.lock.releaseAll(); // throws RuntimeError if we do not hold it
    Atomics.add(this.i32, WAITERS, 1);
    try {
      return blockOn(this.site, this.steps(seq, t));
    } finally {
      Atomics.sub(this.i32, WAITERS, 1);
      this.reacquired(depth, () => this.lock.acquire());
    }
  }

  async waitAsync(timeoutMs?: number): Promise<boolean> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    const seq = Atomics.load(this.i32, SEQ);
    const depth = this.lock.releaseAll();
    Atomics.add(this.i32, WAITERS, 1);
    try {
      return await blockOnAsync(this.site, this.steps(seq, t));
    } finally {
      Atomics.sub(this.i32, WAITERS, 1);
      await this.reacquiredAsync(depth, () => this.lock.acquireAsync());
    }
  }

  waitFor<T>(predicate: () => T, timeoutMs?: number): T {
    const deadline = deadlineFrom(checkTimeout('timeoutMs', timeoutMs));
    let result = predicate();
    while (!result) {
      const left = remainingMs(deadline);
      if (left <= 0) break;
      this.wait(left);
      result = predicate();
    }
    return result;
  }

  async waitForAsync<T>(predicate: () => T, timeoutMs?: number): Promise<T> {
    const deadline = deadlineFrom(checkTimeout('timeoutMs', timeoutMs));
    let result = predicate();
    while (!result) {
      const left = remainingMs(deadline);
      if (left <= 0) break;
      await this.waitAsync(left);
      result = predicate();
    }
    return result;
  }

  notify(n = 1): void {
    if (!this.lock.isMine()) throw new RuntimeError(`cannot notify on un-acquired lock (${this.name})`);
    Atomics.add(this.i32, SEQ, 1);
    futexWake(this.i32, SEQ, n);
  }

  notifyAll(): void {
    this.notify(Infinity);
  }

  toHandle(): ConditionHandle {
    return {
      __mp: 'Condition',
      id: this.id,
      name: this.name,
      sab: this.i32.buffer as SharedArrayBuffer,
      lock: this.lock.toHandle(),
    };
  }

  static fromHandle(h: Handle): Condition {
    return new Condition(null, {}, h as ConditionHandle);
  }

  /**
   * Re-take the lock after a wait and restore the recursion depth the wait released. If the
   * re-acquire raises OwnerDiedError we hold the lock anyway (robust-mutex semantics): restore
   * the full depth before rethrowing, so the caller's matching releases still balance.
   */
  private reacquired(depth: number, acquire: () => boolean): void {
    let got: boolean;
    try {
      got = acquire();
    } catch (e) {
      if (this.lock.isMine()) this.lock.restore(depth, true);
      throw e;
    }
    this.lock.restore(depth, got);
  }

  private async reacquiredAsync(depth: number, acquire: () => Promise<boolean>): Promise<void> {
    let got: boolean;
    try {
      got = await acquire();
    } catch (e) {
      if (this.lock.isMine()) this.lock.restore(depth, true);
      throw e;
    }
    this.lock.restore(depth, got);
  }

  private *steps(seq: number, timeoutMs: number): WaitSteps<boolean> {
    const deadline = deadlineFrom(timeoutMs);
    for (;;) {
      if (Atomics.load(this.i32, SEQ) !== seq) return true;
      const left = remainingMs(deadline);
      if (left <= 0) return false;
      yield { i32: this.i32, index: SEQ, expected: seq, timeoutMs: left };
    }
  }
}

registerHandleKind('Condition', Condition.fromHandle);
