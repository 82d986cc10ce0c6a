/**
 * RLock — Python's `multiprocessing.RLock`: a re-entrant lock. The owning process may acquire
 * it again; it is free once released as many times as acquired.
 *
 *   acquire(block = true, timeoutMs = -1): boolean     acquireAsync(timeoutMs?)
 *   release()   RuntimeError if this process does not own it ("cannot release un-acquired lock")
 *   owner(), count(), locked(), isMine(), withLock(fn), toHandle()
 *
 * Memory: the mutex of `mutex-core.ts` (owner pid in the futex word) plus COUNT (word 3),
 * written only by the owner. For Condition it also offers releaseAll / restore.
 */
import { RuntimeError, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentWriter } from '../../telemetry/current';
import { ResourceKind } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';
import type { WaitSite } from './blocking';
import {
  M,
  MUTEX_WORDS,
  OWNER_DIED,
  UNLOCKED,
  acquireAsync,
  acquireSlow,
  lockWaitSite,
  markOwnerDied,
  ownerOf,
  release,
  type MutexView,
} from './mutex-core';

export interface RLockHandle extends Handle {
  __mp: 'RLock';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
}

export class RLock implements MutexView {
  readonly i32: Int32Array;
  readonly mine: number;
  readonly tel: TelemetryWriter;
  readonly site: WaitSite;
  readonly id: number;
  readonly name: string;

  constructor(options: { name?: string } = {}, rebuilt?: RLockHandle) {
    this.tel = currentWriter();
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
    } else {
      const i32 = allocWords(MUTEX_WORDS);
      this.i32 = i32;
      const r = registerResource({
        kind: ResourceKind.RLOCK,
        name: options.name,
        probe: { owner: () => ownerOf(Atomics.load(i32, M.WORD)), value: () => Atomics.load(i32, M.COUNT) },
        onOwnerDied: (pid, code) => markOwnerDied(i32, pid, code),
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    this.mine = this.tel.pid << 2;
    this.site = lockWaitSite(this.tel, this.id, `RLock '${this.name}'`);
  }

  isMine(): boolean {
    return ownerOf(Atomics.load(this.i32, M.WORD)) === this.mine >>> 2;
  }

  acquire(block = true, timeoutMs = -1): boolean {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.isMine()) {
      this.i32[M.COUNT]++;
      return true;
    }
    const got =
      Atomics.compareExchange(this.i32, M.WORD, UNLOCKED, this.mine | 1) === UNLOCKED || this.slow(block, t);
    if (got) this.i32[M.COUNT] = 1;
    return got;
  }

  async acquireAsync(timeoutMs = -1): Promise<boolean> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.isMine()) {
      this.i32[M.COUNT]++;
      return true;
    }
    const got = await this.guard(() => acquireAsync(this, t));
    if (got) this.i32[M.COUNT] = 1;
    return got;
  }

  release(): void {
    if (!this.isMine()) {
      const w = Atomics.load(this.i32, M.WORD);
      throw new RuntimeError(
        w === UNLOCKED || w === OWNER_DIED
          ? `cannot release un-acquired lock: ${this.name} is not held`
          : `cannot release un-acquired lock: ${this.name} is held by pid ${ownerOf(w)}, not by this process (pid ${this.mine >>> 2})`,
      );
    }
    if (--this.i32[M.COUNT] === 0) release(this);
  }

  /** Recursion depth if held (by anyone), else 0. */
  count(): number {
    return this.locked() ? Atomics.load(this.i32, M.COUNT) : 0;
  }

  locked(): boolean {
    const w = Atomics.load(this.i32, M.WORD);
    return w !== UNLOCKED && w !== OWNER_DIED;
  }

  owner(): number {
    return ownerOf(Atomics.load(this.i32, M.WORD));
  }

  withLock<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** Condition.wait: drop every level of ownership, returning the depth to restore. */
  releaseAll(): number {
    if (!this.isMine()) throw new RuntimeError(`cannot wait on un-acquired lock ${this.name}`);
    const depth = this.i32[M.COUNT];
    this.i32[M.COUNT] = 0;
    release(this);
    return depth;
  }

  restore(depth: number, acquired: boolean): void {
    if (acquired) this.i32[M.COUNT] = depth;
  }

  toHandle(): RLockHandle {
    return { __mp: 'RLock', id: this.id, name: this.name, sab: this.i32.buffer as SharedArrayBuffer };
  }

  static fromHandle(h: Handle): RLock {
    return new RLock({}, h as RLockHandle);
  }

  private slow(block: boolean, timeoutMs: number): boolean {
    return this.guardSync(() => acquireSlow(this, block, timeoutMs));
  }

  // An OwnerDiedError leaves the lock held by us: make the count consistent before rethrowing.
  private guardSync(f: () => boolean): boolean {
    try {
      return f();
    } catch (e) {
      if (this.isMine()) this.i32[M.COUNT] = 1;
      throw e;
    }
  }

  private async guard(f: () => Promise<boolean>): Promise<boolean> {
    try {
      return await f();
    } catch (e) {
      if (this.isMine()) this.i32[M.COUNT] = 1;
      throw e;
    }
  }
}

registerHandleKind('RLock', RLock.fromHandle);
