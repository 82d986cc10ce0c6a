/**
 * AsyncResult — Python's `multiprocessing.pool.AsyncResult`, what applyAsync / mapAsync return.
 *
 *   get(timeoutMs?): Promise<T>      the value, or the worker's exception re-raised; rejects with
 *                                    TimeoutError if not ready within timeoutMs (the result stays
 *                                    pending: a later get() can still succeed, as in Python)
 *   wait(timeoutMs?): Promise<void>  resolves when ready or when the timeout passes
 *   ready(): boolean
 *   successful(): boolean            ValueError if not ready yet, as Python
 *   timing: JobTiming                where the time went (see breakdown())
 *
 * A failed result holds its error until get() is called: nothing is thrown or logged before,
 * and no unhandled rejection is raised for a result nobody reads.
 */
import { TimeoutError, ValueError, checkTimeout } from '../errors';
import { now } from '../platform/clock';

/** One chunk's life inside a worker. Epoch milliseconds, comparable across threads. */
export interface ChunkTiming {
  index: number;
  /** Pool lane (worker position 0…processes-1) that ran it. */
  lane: number;
  items: number;
  startedAt: number;
  endedAt: number;
}

/**
 * A job's timeline: submitted → every chunk enqueued → first chunk starts → last chunk ends →
 * result settled in the parent. `breakdown()` turns it into the pool scene's overhead split.
 */
export interface JobTiming {
  submittedAt: number;
  /** All chunks are in the task queue (pickled and copied). */
  enqueuedAt: number | null;
  firstStartAt: number | null;
  lastEndAt: number | null;
  settledAt: number | null;
  /** Sum over chunks of the compute time measured inside the workers. */
  computeMsTotal: number;
  chunks: ChunkTiming[];
}

export interface TimeSplit {
  /** Pickling and handing out chunks: from the call until a worker starts computing. */
  dispatchMs: number;
  /** From the first chunk started to the last chunk finished (wall time, all workers). */
  computeMs: number;
  /** Results travelling back and being put in order: last chunk finished → settled. */
  collectMs: number;
  totalMs: number;
}

export function newTiming(): JobTiming {
  return {
    submittedAt: now(),
    enqueuedAt: null,
    firstStartAt: null,
    lastEndAt: null,
    settledAt: null,
    computeMsTotal: 0,
    chunks: [],
  };
}

export function breakdown(t: JobTiming): TimeSplit {
  const settled = t.settledAt ?? now();
  const first = t.firstStartAt ?? settled;
  const last = t.lastEndAt ?? first;
  return {
    dispatchMs: Math.max(0, first - t.submittedAt),
    computeMs: Math.max(0, last - first),
    collectMs: Math.max(0, settled - last),
    totalMs: settled - t.submittedAt,
  };
}

export interface ResultCallbacks<T> {
  /** Python's callback: called with the value when the result succeeds. */
  callback?: (value: T) => void;
  /** Python's error_callback: called with the error when it fails. */
  errorCallback?: (error: Error) => void;
}

export class AsyncResult<T> {
  readonly timing: JobTiming = newTiming();
  private outcome: { ok: true; value: T } | { ok: false; error: Error } | null = null;
  private readonly settled: Promise<void>;
  private markSettled!: () => void;

  constructor(private readonly callbacks: ResultCallbacks<T> = {}) {
    this.settled = new Promise((resolve) => (this.markSettled = resolve));
  }

  ready(): boolean {
    return this.outcome !== null;
  }

  successful(): boolean {
    if (!this.outcome) throw new ValueError('AsyncResult is not ready');
    return this.outcome.ok;
  }

  async wait(timeoutMs?: number): Promise<void> {
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.outcome) return;
    if (t === Infinity) {
      await this.settled;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.settled, new Promise<void>((r) => (timer = setTimeout(r, t)))]);
    clearTimeout(timer);
  }

  async get(timeoutMs?: number): Promise<T> {
    // Without a timeout, await the settled promise itself: one microtask after the collector
    // settles the result instead of a chain through wait().
    const t = checkTimeout('timeoutMs', timeoutMs);
    if (this.outcome === null) {
      if (t === Infinity) await this.settled;
      else await this.wait(t);
    }
    const outcome = this.outcome;
    if (!outcome) throw new TimeoutError(`result not ready after ${timeoutMs} ms`);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The pool settles a result once; later calls are ignored (e.g. chunks after a failure). */
  resolve(value: T): void {
    if (this.outcome) return;
    this.outcome = { ok: true, value };
    this.finish();
    this.callbacks.callback?.(value);
  }

  reject(error: Error): void {
    if (this.outcome) return;
    this.outcome = { ok: false, error };
    this.finish();
    this.callbacks.errorCallback?.(error);
  }

  private finish(): void {
    this.timing.settledAt = now();
    this.markSettled();
  }
}
