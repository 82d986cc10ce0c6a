/**
 * Lock — Python's `multiprocessing.Lock`, a robust futex mutex over 64 bytes of shared memory
 * (layout in `mutex-core.ts`).
 *
 *   new Lock({ name? })
 *   acquire(block = true, timeoutMs = -1): boolean   processes only when it has to wait
 *   acquireAsync(timeoutMs = -1): Promise<boolean>   the main thread's twin
 *   release(): void        ValueError if unlocked, RuntimeError if held by another process
 *   locked(): boolean      owner(): pid | -1
 *   withLock(fn) / withLockAsync(fn)                 Python's `with lock:`
 *   toHandle(): { __mp: 'Lock', id, name, sab }
 *
 * Hot path: an uncontended acquire is one CAS plus one counter increment in this process's own
 * telemetry slot; release is one CAS. Only contention takes timestamps and writes the ring.
 *
 * If its holder dies (terminated, killed, or exited holding it), the parent marks it
 * OWNER_DIED; the next acquire throws OwnerDiedError *with the lock held by the caller*, who
 * repairs the protected data and releases it. Later acquirers see a normal lock.
 */
import { RuntimeError, checkTimeout } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { currentWriter } from '../../telemetry/current';
import { H, P, ResourceKind } from '../../telemetry/layout';
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

export interface LockHandle extends Handle {
  __mp: 'Lock';
  id: number;
  name: string;
  sab: SharedArrayBuffer;
}

export class Lock implements MutexView {
  readonly i32: Int32Array;
  readonly mine: number;
  readonly tel: TelemetryWriter;
  readonly site: WaitSite;
  readonly id: number;
  readonly name: string;
  private readonly tel32: Int32Array;
  private readonly acquiresIndex: number;

  constructor(options: { name?: string } = {}, rebuilt?: LockHandle) {
    this.tel = currentWriter();
    if (rebuilt) {
      this.i32 = new Int32Array(rebuilt.sab);
      this.id = rebuilt.id;
      this.name = rebuilt.name;
    } else {
      this.i32 = allocWords(MUTEX_WORDS);
      const i32 = this.i32;
      const r = registerResource({
        kind: ResourceKind.LOCK,
        name: options.name,
        probe: { owner: () => ownerOf(Atomics.load(i32, M.WORD)) },
        onOwnerDied: (pid, code) => markOwnerDied(i32, pid, code),
        owner: this,
      });
      this.id = r.id;
      this.name = options.name ?? r.name;
    }
    this.mine = this.tel.pid << 2;
    this.site = lockWaitSite(this.tel, this.id, `Lock '${this.name}'`);
    this.tel32 = this.tel.i32;
    this.acquiresIndex = this.tel.base + P.ACQUIRES;
  }

  acquire(block = true, timeoutMs = -1): boolean {
    if (timeoutMs !== -1) timeoutMs = checkTimeout('timeoutMs', timeoutMs);
    if (Atomics.compareExchange(this.i32, M.WORD, UNLOCKED, this.mine | 1) === UNLOCKED) {
      if (this.tel32[H.ENABLED] !== 0) this.tel32[this.acquiresIndex]++;
      return true;
    }
    return acquireSlow(this, block, timeoutMs === -1 ? Infinity : timeoutMs);
  }

  acquireAsync(timeoutMs = -1): Promise<boolean> {
    return acquireAsync(this, checkTimeout('timeoutMs', timeoutMs));
  }

  release(): void {
    release(this);
  }

  locked(): boolean {
    const w = Atomics.load(this.i32, M.WORD);
    return w !== UNLOCKED && w !== OWNER_DIED;
  }

  /** pid of the holder, or -1. */
  owner(): number {
    return ownerOf(Atomics.load(this.i32, M.WORD));
  }

  /** True if the last holder died and nobody has taken it since. */
  ownerDied(): boolean {
    return Atomics.load(this.i32, M.WORD) === OWNER_DIED;
  }

  isMine(): boolean {
    return ownerOf(Atomics.load(this.i32, M.WORD)) === this.mine >>> 2;
  }

  /** Condition.wait: release, returning the depth to restore (always 1 for a Lock). */
  releaseAll(): number {
    if (!this.isMine()) throw new RuntimeError(`cannot wait on un-acquired lock ${this.name}`);
    release(this);
    return 1;
  }

  restore(_depth: number, _acquired: boolean): void {}

  withLock<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  async withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquireAsync();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  toHandle(): LockHandle {
    return { __mp: 'Lock', id: this.id, name: this.name, sab: this.i32.buffer as SharedArrayBuffer };
  }

  static fromHandle(h: Handle): Lock {
    return new Lock({}, h as LockHandle);
  }
}

registerHandleKind('Lock', Lock.fromHandle);
