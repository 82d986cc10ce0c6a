/**
 * The robust three-state futex mutex shared by Lock and RLock (Drepper, "Futexes Are Tricky",
 * mutex #3, with the owner's pid folded into the futex word as glibc's robust mutexes do).
 *
 * Memory (Int32 words, 64 bytes so two locks never share a cache line):
 *   [0] WORD       0                    unlocked
 *                  pid << 2 | 1         locked by pid, nobody waiting
 *                  pid << 2 | 2         locked by pid, maybe waiters (release must wake one)
 *                  3                    OWNER_DIED: the holder died; the next acquirer takes it
 *                                       and gets OwnerDiedError (robust-mutex semantics)
 *   [1] DIED_PID   [2] DIED_CODE        who died holding it, for the error message
 *   [3] COUNT      recursion depth (RLock only; written by the owner only)
 *
 * Keeping the owner in the futex word makes "acquire" one CAS (0 → pid<<2|1) with no window in
 * which the lock is held but its owner unknown, so the parent can always tell who held a lock
 * when a process dies.
 */
import { OwnerDiedError, RuntimeError, ValueError } from '../errors';
import type { TelemetryWriter } from '../../telemetry/writer';
import { H, P, ProcessState } from '../../telemetry/layout';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from './blocking';
import { deadlineFrom, futexWake, remainingMs } from './futex';

export const MUTEX_WORDS = 16;
export const M = { WORD: 0, DIED_PID: 1, DIED_CODE: 2, COUNT: 3 } as const;
export const UNLOCKED = 0;
export const OWNER_DIED = 3;

/**
 * Loads to spin before sleeping: critical sections here are tens of ns and a futex sleep/wake
 * costs µs, so a short spin often wins; a long one burns the core the holder needs when workers
 * outnumber cores (in Chromium on 2 cores, 400 was clearly worse than 0–100; 20 was as good as any).
 */
const SPIN = 20;

/** The pid holding a mutex word, or -1 (unlocked or owner died). */
export function ownerOf(word: number): number {
  return word === UNLOCKED || word === OWNER_DIED ? -1 : word >>> 2;
}

/** What the slow paths need to know about one mutex as seen from this thread. */
export interface MutexView {
  readonly i32: Int32Array;
  /** This thread's pid shifted: the futex word value meaning "mine, no waiters" is `mine | 1`. */
  readonly mine: number;
  readonly tel: TelemetryWriter;
  readonly site: WaitSite;
  readonly name: string;
}

function countAcquire(m: MutexView): void {
  const t = m.tel.i32;
  if (t[H.ENABLED] !== 0) t[m.tel.base + P.ACQUIRES]++;
}

function ownerDied(m: MutexView): OwnerDiedError {
  countAcquire(m);
  return new OwnerDiedError(m.name, Atomics.load(m.i32, M.DIED_PID), Atomics.load(m.i32, M.DIED_CODE));
}

/**
 * The wait loop after a failed fast-path CAS. Yields futex waits; returns true when acquired,
 * false on timeout or when `block` is false; throws OwnerDiedError holding the lock.
 */
function* contended(m: MutexView, block: boolean, timeoutMs: number): WaitSteps<boolean> {
  const i32 = m.i32;
  const deadline = deadlineFrom(timeoutMs);
  for (;;) {
    let c = Atomics.load(i32, M.WORD);
    if (c === UNLOCKED) {
      // We may have been woken by a release: others may still sleep, so claim it as "waiters".
      if (Atomics.compareExchange(i32, M.WORD, UNLOCKED, m.mine | 2) === UNLOCKED) return true;
      continue;
    }
    if (c === OWNER_DIED) {
      if (Atomics.compareExchange(i32, M.WORD, OWNER_DIED, m.mine | 2) === OWNER_DIED) throw ownerDied(m);
      continue;
    }
    if (!block) return false;
    if ((c & 3) === 1) {
      // Flag "waiters" so the holder's release wakes someone.
      if (Atomics.compareExchange(i32, M.WORD, c, c + 1) !== c) continue;
      c += 1;
    }
    const left = remainingMs(deadline);
    if (left <= 0) return false;
    yield { i32, index: M.WORD, expected: c, timeoutMs: left };
  }
}

/** Spin briefly, then sleep. Returns whether it acquired. */
export function acquireSlow(m: MutexView, block: boolean, timeoutMs: number): boolean {
  m.tel.countContended();
  const i32 = m.i32;
  if (block) {
    for (let k = 0; k < SPIN; k++) {
      const c = Atomics.load(i32, M.WORD);
      if (c === UNLOCKED && Atomics.compareExchange(i32, M.WORD, UNLOCKED, m.mine | 1) === UNLOCKED) {
        countAcquire(m);
        return true;
      }
      if (c === OWNER_DIED) break;
    }
  }
  const got = blockOn(m.site, contended(m, block, timeoutMs));
  if (got) countAcquire(m);
  return got;
}

export async function acquireAsync(m: MutexView, timeoutMs: number): Promise<boolean> {
  if (Atomics.compareExchange(m.i32, M.WORD, UNLOCKED, m.mine | 1) === UNLOCKED) {
    countAcquire(m);
    return true;
  }
  m.tel.countContended();
  const got = await blockOnAsync(m.site, contended(m, true, timeoutMs));
  if (got) countAcquire(m);
  return got;
}

/** Release by the owner: one CAS when nobody waits; otherwise unlock and wake one sleeper. */
export function release(m: MutexView): void {
  const i32 = m.i32;
  const c = Atomics.compareExchange(i32, M.WORD, m.mine | 1, UNLOCKED);
  if (c === (m.mine | 1)) return;
  if (c === (m.mine | 2)) {
    Atomics.store(i32, M.WORD, UNLOCKED);
    futexWake(i32, M.WORD, 1);
    return;
  }
  throw releaseError(m, c);
}

export function releaseError(m: MutexView, word: number): Error {
  if (word === UNLOCKED || word === OWNER_DIED) return new ValueError(`${m.name} released too many times (it is not locked)`);
  return new RuntimeError(
    `cannot release un-acquired lock: ${m.name} is held by pid ${ownerOf(word)}, not by this process (pid ${m.mine >>> 2})`,
  );
}

/**
 * Parent side, after process `pid` is gone: if it held the mutex, mark it OWNER_DIED and wake
 * every sleeper so one of them takes it (and learns who died). Returns whether it did.
 */
export function markOwnerDied(i32: Int32Array, pid: number, exitCode: number): boolean {
  for (;;) {
    const c = Atomics.load(i32, M.WORD);
    if (ownerOf(c) !== pid) return false;
    Atomics.store(i32, M.DIED_PID, pid);
    Atomics.store(i32, M.DIED_CODE, exitCode);
    if (Atomics.compareExchange(i32, M.WORD, c, OWNER_DIED) === c) {
      futexWake(i32, M.WORD);
      return true;
    }
  }
}

export function lockWaitSite(tel: TelemetryWriter, resource: number, what: string): WaitSite {
  return { tel, state: ProcessState.WAITING_LOCK, resource, what: `${what}.acquire()`, twin: 'acquireAsync()' };
}
