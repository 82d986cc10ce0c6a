/**
 * The race-condition workload: n increments of a shared counter, four ways.
 *
 *   incrementCounter(ctx, counter, n, mode, batch = 1, { lock?, start? }) → IncrementStats
 *     'none'        raw.value = raw.value + 1: an atomic load then an atomic store, nothing
 *                   between them: two processes lose updates. (A plain `ia[0] = ia[0] + 1`
 *                   would let the JIT keep the counter in a register and lose wildly, which
 *                   is not the lesson.)
 *     'value-lock'  v.value += 1 on a Value(lock=True): a locked get, then a locked set: still
 *                   races, exactly like CPython
 *     'lock'        lock held around each `batch` increments (the fix); `lock` defaults to the
 *                   Value's own lock
 *     'atomic'      Atomics.add: exact and lock-free
 * `start`: a Barrier all racing processes wait at first, so they really overlap (worker start
 * times differ by more than a million increments take).
 * Counts ops in this process's telemetry every few thousand increments, and stops early if the
 * parent requests it.
 */
import { InvalidArgumentError, checkInt } from '../errors';
import { RawValue, Value } from '../shared/value';
import type { Barrier } from '../sync/barrier';
import type { Lock } from '../sync/lock';
import type { RLock } from '../sync/rlock';
import type { TaskContext } from './task-context';

export const INCREMENT_MODES = ['none', 'value-lock', 'lock', 'atomic'] as const;
export type IncrementMode = (typeof INCREMENT_MODES)[number];

export interface IncrementStats {
  mode: IncrementMode;
  /** Increments performed (n unless stopped early). */
  ops: number;
  ms: number;
}

/** Ops between telemetry updates and stop checks: keeps both off the per-increment path. */
const SLICE = 4096;

export function incrementCounter(
  ctx: TaskContext,
  counter: RawValue<'i'> | Value<'i'>,
  n: number,
  mode: IncrementMode,
  batch = 1,
  options: { lock?: Lock | RLock; start?: Barrier } = {},
): IncrementStats {
  const { lock, start } = options ?? {};
  checkInt('n', n, 0);
  checkInt('batch', batch, 1);
  if (!INCREMENT_MODES.includes(mode)) throw new InvalidArgumentError('mode', `one of ${INCREMENT_MODES.join(', ')}`, mode);
  if (!(counter instanceof RawValue) && !(counter instanceof Value)) {
    throw new InvalidArgumentError('counter', "a RawValue('i') or Value('i')", counter);
  }
  const raw = counter instanceof Value ? counter.getObj() : counter;
  start?.wait();
  const t0 = ctx.now();
  // In lock mode a slice is a whole number of batches, so a batch is never split across slices
  // (n / batch acquisitions, exactly) and a batch larger than SLICE is still held once.
  const slice = mode === 'lock' ? Math.max(1, Math.floor(SLICE / batch)) * batch : SLICE;
  let done = 0;
  while (done < n && !ctx.stopRequested()) {
    const k = Math.min(slice, n - done);
    switch (mode) {
      case 'none':
        for (let i = 0; i < k; i++) raw.value = raw.value + 1;
        break;
      case 'value-lock': {
        if (!(counter instanceof Value)) throw new InvalidArgumentError('counter', "a Value('i') for mode 'value-lock'", counter);
        for (let i = 0; i < k; i++) counter.value += 1;
        break;
      }
      case 'lock':
        lockedSlice(raw, lock ?? lockOf(counter), k, batch);
        break;
      case 'atomic': {
        const cell = new Int32Array(raw.buffer, 0, 1);
        for (let i = 0; i < k; i++) Atomics.add(cell, 0, 1);
        break;
      }
    }
    done += k;
    ctx.telemetry.countOps(k);
    ctx.telemetry.setProgress(done);
  }
  return { mode, ops: done, ms: ctx.now() - t0 };
}

function lockOf(counter: RawValue<'i'> | Value<'i'>): Lock | RLock {
  if (counter instanceof Value) return counter.getLock();
  throw new InvalidArgumentError('lock', "a Lock for mode 'lock' when the counter is a RawValue", undefined);
}

function lockedSlice(raw: RawValue<'i'>, lock: Lock | RLock, k: number, batch: number): void {
  const cell = new Int32Array(raw.buffer, 0, 1);
  for (let i = 0; i < k; i += batch) {
    const m = Math.min(batch, k - i);
    lock.acquire();
    for (let j = 0; j < m; j++) Atomics.store(cell, 0, Atomics.load(cell, 0) + 1);
    lock.release();
  }
}

export const incrementTasks = { incrementCounter };
