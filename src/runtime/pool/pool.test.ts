import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PicklingError, TimeoutError, ValueError } from '../errors';
import { liveWorkerCount, terminateAll } from '../process/process-table';
import { Value } from '../shared/value';
import { Lock } from '../sync/lock';
import { breakdown } from './async-result';
import { defaultChunksize } from './chunking';
import { Pool } from './pool';

afterAll(() => terminateAll());

describe('defaultChunksize (CPython: divmod(len, 4 × pool size), rounded up)', () => {
  it.each([
    [100, 2, 13],
    [16, 2, 2],
    [17, 2, 3],
    [7, 4, 1],
    [1, 8, 1],
    [0, 2, 0],
  ])('%i items over %i workers → chunksize %i', (length, pool, chunksize) => {
    expect(defaultChunksize(length, pool)).toBe(chunksize);
  });
});

describe('Pool (2 warm workers)', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = new Pool(2);
    await pool.ready;
  });
  afterAll(() => pool.terminate());

  it('map returns results in input order', async () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    expect(await pool.map<number>('square', xs)).toEqual(xs.map((x) => x * x));
    expect(await pool.map('square', [])).toEqual([]);
  });

  it('deals chunks of chunksize consecutive items, CPython’s default when not given', async () => {
    const n = 37;
    const result = pool.mapAsync<{ x: number; pid: number }>(
      'whoAmI',
      Array.from({ length: n }, (_, i) => i),
      5,
    );
    const values = await result.get();
    const chunks = [...result.timing.chunks].sort((a, b) => a.index - b.index);
    expect(chunks.map((c) => c.items)).toEqual([5, 5, 5, 5, 5, 5, 5, 2]);
    // Every item of a chunk ran in the worker (lane) that took the chunk.
    const pids = pool.workers().map((w) => w.pid);
    for (const c of chunks) {
      const ran = values.slice(c.index * 5, c.index * 5 + c.items).map((v) => v.pid);
      expect(new Set(ran)).toEqual(new Set([pids[c.lane]]));
    }
    const byDefault = pool.mapAsync(
      'identity',
      Array.from({ length: 100 }, (_, i) => i),
    );
    await byDefault.get();
    expect(byDefault.timing.chunks.length).toBe(Math.ceil(100 / defaultChunksize(100, 2)));
    const split = breakdown(byDefault.timing);
    expect(split.totalMs).toBeGreaterThanOrEqual(split.computeMs);
  });

  it('starmap unpacks argument lists; apply runs one call', async () => {
    expect(
      await pool.starmap('failIfEqual', [
        [1, 9],
        [2, 9],
        [3, 9],
      ]),
    ).toEqual([1, 2, 3]);
    expect(await pool.apply('square', [12])).toBe(144);
  });

  it('imap yields in order, imapUnordered yields every result', async () => {
    const xs = [5, 1, 4, 2, 3];
    const ordered: number[] = [];
    for await (const y of pool.imap<number>('square', xs)) ordered.push(y);
    expect(ordered).toEqual([25, 1, 16, 4, 9]);
    const unordered: number[] = [];
    for await (const y of pool.imapUnordered<number>('square', xs, 2)) unordered.push(y);
    expect(unordered.sort((a, b) => a - b)).toEqual([1, 4, 9, 16, 25]);
  });

  it('while a task runs, the main thread is not kept busy waiting for its result', async () => {
    // The collector may spin for a result, but only for tens of µs before it parks in waitAsync.
    await pool.apply('noop');
    const before = performance.eventLoopUtilization();
    expect(await pool.apply('sleepMs', [300])).toBeGreaterThanOrEqual(300);
    const busy = performance.eventLoopUtilization(before);
    expect(busy.utilization).toBeLessThan(0.25);
  });

  it('a thousand warm round trips settle each result once, in order', async () => {
    for (let i = 0; i < 1000; i++) expect(await pool.apply('identity', [i])).toBe(i);
  });

  it('applyAsync(...).get(timeout) raises TimeoutError, and the result still arrives later', async () => {
    const result = pool.applyAsync<string>('sleepThenReturn', [150, 'done']);
    await expect(result.get(10)).rejects.toBeInstanceOf(TimeoutError);
    expect(result.ready()).toBe(false);
    expect(() => result.successful()).toThrow(ValueError);
    expect(await result.get()).toBe('done');
    expect(result.successful()).toBe(true);
  });

  it('map rejects with the first worker exception: its type, message, worker and stack', async () => {
    const failure = (await pool
      .starmap(
        'failIfEqual',
        [
          [1, 3],
          [3, 3, 'three is bad'],
          [4, 3],
        ],
        1,
      )
      .catch((e: unknown) => e)) as Error & {
      workerName: string;
      remoteStack: string;
    };
    expect(failure).toBeInstanceOf(RangeError);
    expect(failure.message).toBe('three is bad');
    expect(failure.workerName).toMatch(/^SpawnPoolWorker-\d+$/);
    expect(failure.remoteStack).toMatch(/failIfEqual/);
    expect(failure.stack).toMatch(/raised in process SpawnPoolWorker-\d+/);
  });

  it('applyAsync keeps a worker exception until get()', async () => {
    const result = pool.applyAsync('failIfEqual', [2, 2, 'two']);
    await result.wait();
    expect(result.ready()).toBe(true);
    expect(result.successful()).toBe(false);
    await expect(result.get()).rejects.toThrow('two');
  });

  it('refuses a Lock as a map argument, as CPython does, naming where it was', async () => {
    const lock = new Lock();
    await expect(pool.map('identity', [1, { lock }])).rejects.toThrow(
      'iterable[1].lock: Lock objects should only be shared between processes through inheritance',
    );
    await expect(pool.apply('identity', [() => 1])).rejects.toBeInstanceOf(PicklingError);
    // The pool is still usable.
    expect(await pool.apply('square', [3])).toBe(9);
  });

  it('validates arguments at the call', async () => {
    expect(() => pool.mapAsync('noSuchTask', [1])).toThrow(/registered task/);
    await expect(pool.map('square', [1], 0)).rejects.toThrow(/chunksize/);
    expect(() => pool.imap('square', [1], -1)).toThrow(/chunksize/);
    expect(() => new Pool(0)).toThrow(/processes/);
  });
});

describe('Pool lifecycle', () => {
  it('initializer hands every worker a Lock and a Value: the count is exact', async () => {
    const lock = new Lock();
    const counter = new Value('i', 0, { lock: false });
    const pool = new Pool(2, { initializer: 'initSharedCounter', initArgs: [lock, counter] });
    await pool.map(
      'incrementSharedCounter',
      Array.from({ length: 8 }, () => 20_000),
      1,
    );
    expect(counter.value).toBe(160_000);
    await pool.terminate();
  });

  it('maxTasksPerChild replaces a worker after that many tasks', async () => {
    const pool = new Pool(2, { maxTasksPerChild: 2 });
    const results = await pool.map<{ pid: number }>(
      'whoAmI',
      Array.from({ length: 8 }, (_, i) => i),
      1,
    );
    const perPid = new Map<number, number>();
    for (const r of results) perPid.set(r.pid, (perPid.get(r.pid) ?? 0) + 1);
    expect([...perPid.values()].every((n) => n <= 2)).toBe(true);
    expect(perPid.size).toBeGreaterThanOrEqual(4);
    pool.close();
    await pool.join();
  });

  it('close() then join(): queued work finishes, every worker exits; map after close is refused', async () => {
    const pool = new Pool(2);
    const pending = pool.map<number>('square', [1, 2, 3], 1);
    pool.close();
    await expect(pool.map('square', [1])).rejects.toThrow('Pool not running');
    expect(() => pool.applyAsync('square', [1])).toThrow('Pool not running');
    await pool.join();
    expect(await pending).toEqual([1, 4, 9]);
    expect(pool.workers().every((w) => !w.alive)).toBe(true);
  });

  it('join() before close() is refused, as in Python', async () => {
    const pool = new Pool(1);
    await expect(pool.join()).rejects.toThrow(/still running/);
    await pool.terminate();
  });

  it('terminate() ends every worker at once and rejects pending results', async () => {
    const before = liveWorkerCount();
    const pool = new Pool(2);
    await pool.ready;
    const pending = pool.applyAsync('busyUntilStopped');
    await pool.terminate();
    expect(liveWorkerCount()).toBe(before);
    await expect(pending.get()).rejects.toThrow(/terminated/);
  });

  it('an initializer that raises breaks the pool instead of hanging it', async () => {
    const pool = new Pool(1, { initializer: 'raiseError', initArgs: ['no init for you'] });
    await expect(pool.ready).rejects.toThrow(/no init for you/);
    await expect(pool.map('square', [1])).rejects.toThrow(/initializer failed/);
    await pool.terminate();
  });
});

describe('Pool.terminate before start-up completes', () => {
  it('rejects `ready` instead of leaving it pending', async () => {
    const pool = new Pool(1);
    const outcome = pool.ready.then(
      () => 'ready',
      (error: Error) => error.name,
    );
    await pool.terminate();
    expect(await outcome).toBe('BrokenProcessPool');
  });
});
