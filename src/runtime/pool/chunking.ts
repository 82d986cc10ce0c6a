/**
 * How Pool.map cuts its iterable into chunks, exactly as CPython does.
 *
 *   defaultChunksize(length, poolSize)   CPython's Pool._map_async:
 *                                          chunksize, extra = divmod(len(iterable), len(pool) * 4)
 *                                          if extra: chunksize += 1
 *                                        (0 for an empty iterable: no chunks)
 *   chunkRanges(length, chunksize)        [start, end) of each chunk, in order
 */
import { InvalidArgumentError } from '../errors';

export function defaultChunksize(length: number, poolSize: number): number {
  if (length === 0) return 0;
  const per = poolSize * 4;
  const chunksize = Math.floor(length / per);
  return length % per === 0 ? chunksize : chunksize + 1;
}

/** Python raises ValueError("Chunksize must be 1+, not 0"); so do we, naming the argument. */
export function checkChunksize(chunksize: unknown): number {
  if (typeof chunksize !== 'number' || !Number.isInteger(chunksize) || chunksize < 1) {
    throw new InvalidArgumentError('chunksize', 'an integer ≥ 1 (or undefined for the default)', chunksize);
  }
  return chunksize;
}

export function chunkRanges(length: number, chunksize: number): [start: number, end: number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < length; start += chunksize)
    ranges.push([start, Math.min(length, start + chunksize)]);
  return ranges;
}
