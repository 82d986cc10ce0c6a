/**
 * The parent's bookkeeping for one Pool call while its chunks are out.
 *
 *   MapJob    map / starmap / mapAsync / apply: fills an array in order, settles an AsyncResult
 *             (the first failing chunk settles it with that chunk's error, as CPython's MapResult)
 *   IMapJob   imap / imapUnordered: an async iterator fed chunk by chunk, in order or as they come
 */
import type { AsyncResult, JobTiming } from './async-result';
import { newTiming } from './async-result';
import { now } from '../platform/clock';

export interface Job {
  readonly id: number;
  readonly timing: JobTiming;
  /** No more chunk results are expected: the pool forgets the job. */
  readonly finished: boolean;
  chunkDone(index: number, lane: number, values: unknown[], startedAt: number, endedAt: number): void;
  chunkFailed(index: number, lane: number, error: Error, startedAt: number, endedAt: number): void;
  /** The job cannot complete (pool terminated or broken, an argument could not be pickled). */
  fail(error: Error): void;
}

function recordChunk(
  t: JobTiming,
  index: number,
  lane: number,
  items: number,
  startedAt: number,
  endedAt: number,
): void {
  t.chunks.push({ index, lane, items, startedAt, endedAt });
  t.computeMsTotal += endedAt - startedAt;
  if (t.firstStartAt === null || startedAt < t.firstStartAt) t.firstStartAt = startedAt;
  if (t.lastEndAt === null || endedAt > t.lastEndAt) t.lastEndAt = endedAt;
}

export class MapJob<R> implements Job {
  private readonly values: unknown[];
  private remaining: number;

  /**
   * `starts[i]`: index in the iterable of chunk i's first item. `single`: apply(), whose result
   * is the one value rather than an array.
   */
  constructor(
    readonly id: number,
    private readonly starts: readonly number[],
    length: number,
    private readonly result: AsyncResult<R>,
    private readonly single = false,
  ) {
    this.values = new Array<unknown>(length);
    this.remaining = starts.length;
    if (this.remaining === 0) this.settle();
  }

  get timing(): JobTiming {
    return this.result.timing;
  }

  get finished(): boolean {
    return this.result.ready();
  }

  chunkDone(index: number, lane: number, values: unknown[], startedAt: number, endedAt: number): void {
    recordChunk(this.timing, index, lane, values.length, startedAt, endedAt);
    if (this.result.ready()) return;
    const start = this.starts[index];
    for (let i = 0; i < values.length; i++) this.values[start + i] = values[i];
    if (--this.remaining === 0) this.settle();
  }

  chunkFailed(index: number, lane: number, error: Error, startedAt: number, endedAt: number): void {
    recordChunk(this.timing, index, lane, 0, startedAt, endedAt);
    this.result.reject(error);
  }

  fail(error: Error): void {
    this.result.reject(error);
  }

  private settle(): void {
    this.result.resolve((this.single ? this.values[0] : this.values) as R);
  }
}

/** An async iterator that also exposes its job's timing. */
export type TimedAsyncIterator<R> = AsyncGenerator<R, void, undefined> & { timing: JobTiming };

export class IMapJob<R> implements Job {
  readonly timing = newTiming();
  /** Ordered: chunk index → result. Unordered: results in arrival order (keys 0, 1, 2…). */
  private readonly arrived = new Map<number, unknown[] | Error>();
  private arrivals = 0;
  private nextToYield = 0;
  private terminal: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    readonly id: number,
    private readonly chunkCount: number,
    private readonly ordered: boolean,
  ) {}

  get finished(): boolean {
    return this.terminal !== null || this.arrivals === this.chunkCount;
  }

  chunkDone(index: number, lane: number, values: unknown[], startedAt: number, endedAt: number): void {
    recordChunk(this.timing, index, lane, values.length, startedAt, endedAt);
    this.arrive(index, values);
  }

  chunkFailed(index: number, lane: number, error: Error, startedAt: number, endedAt: number): void {
    recordChunk(this.timing, index, lane, 0, startedAt, endedAt);
    this.arrive(index, error);
  }

  fail(error: Error): void {
    this.terminal ??= error;
    this.notify();
  }

  iterator(): TimedAsyncIterator<R> {
    return Object.assign(this.iterate(), { timing: this.timing });
  }

  private arrive(index: number, outcome: unknown[] | Error): void {
    this.arrived.set(this.ordered ? index : this.arrivals, outcome);
    this.arrivals++;
    if (this.arrivals === this.chunkCount) this.timing.settledAt = now();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async *iterate(): AsyncGenerator<R, void, undefined> {
    while (this.nextToYield < this.chunkCount) {
      const outcome = this.arrived.get(this.nextToYield);
      if (outcome === undefined) {
        if (this.terminal) throw this.terminal;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.arrived.delete(this.nextToYield++);
      if (outcome instanceof Error) throw outcome;
      yield* outcome as R[];
    }
  }
}
