/**
 * Pool — Python's `multiprocessing.Pool`, with warm worker processes fed through shared memory.
 *
 *   new Pool(processes = cpuCount(), { initializer?, initArgs?, maxTasksPerChild?, name? })
 *   ready: Promise<void>            every worker started and ran its initializer
 *   map(task, iterable, chunksize?) → Promise<R[]>            in order; rejects with the first
 *   starmap(task, argLists, chunksize?) → Promise<R[]>        worker exception (name, message,
 *   mapAsync / starmapAsync(…, callbacks?) → AsyncResult       worker name and stack kept)
 *   imap(task, iterable, chunksize = 1) → async iterator, in order
 *   imapUnordered(task, iterable, chunksize = 1) → async iterator, as chunks finish
 *   apply(task, args?) → Promise<R>,  applyAsync(task, args?, callbacks?) → AsyncResult
 *   close()  no more work; workers exit when the queue drains.   join()  after close/terminate
 *   terminate() → Promise<void>   stops every worker now; pending results reject
 *   workers()  lane, pid, name, telemetry slot of each worker (the pool scene's lanes)
 *   onJobSettled(listener)  a job's JobTiming when it settles (dispatch / compute / collect split)
 *   startupMs  process start → every worker ready
 *
 * How it works: each worker is a Process running the built-in `poolWorker` task
 * (tasks/pool-worker.ts). The parent pickles chunks into one shared task Queue; workers put
 * results into one result Queue that an async collector loop drains. Tasks are dealt exactly as
 * CPython deals them: the default chunksize is CPython's, chunks go into one FIFO queue in
 * submission order, and whichever worker is free takes the next one.
 *
 * Arguments of tasks are pickled with the codec, which refuses runtime primitives: passing a
 * Lock to map() raises PicklingError "Lock objects should only be shared between processes
 * through inheritance", as CPython does. Pass primitives through `initArgs` instead.
 *
 * Differences from CPython: a worker that dies unexpectedly (or an initializer that raises)
 * breaks the pool, and every pending and later call rejects with BrokenProcessPool, like
 * concurrent.futures (CPython's Pool would respawn it and hang on the lost task); terminate()
 * rejects pending results instead of leaving them pending forever.
 */
import { ResourceKind } from '../../telemetry/layout';
import { InvalidArgumentError, PicklingError, ValueError, checkInt } from '../errors';
import { registerResource } from '../memory/resource-table';
import { SpinBudget } from '../messaging/channel';
import { Empty, Full } from '../messaging/errors';
import { Queue } from '../messaging/queue';
import { now } from '../platform/clock';
import { getPlatform } from '../platform/platform';
import { Process } from '../process/process';
import { hasTask, taskNames } from '../tasks/task-context';
import { AsyncResult, type JobTiming, type ResultCallbacks } from './async-result';
import { checkChunksize, chunkRanges, defaultChunksize } from './chunking';
import { IMapJob, MapJob, type Job, type TimedAsyncIterator } from './jobs';
import { ChunkMode, ResultKind, type ChunkMessage, type PoolResultMessage } from './pool-protocol';
import { rebuildRemoteError } from './remote-error';

export interface PoolOptions {
  /** A task name run once in every worker before any task (Python: initializer). */
  initializer?: string | null;
  /** Its arguments; Lock, Value, Queue… are allowed here, as in Python's initargs. */
  initArgs?: readonly unknown[];
  /** Replace a worker after it completed this many tasks (chunks). Default: never. */
  maxTasksPerChild?: number | null;
  name?: string;
  /** Size of each of the two shared rings (tasks, results). Default 1 MiB. */
  queueCapacityBytes?: number;
}

/** Python 3's `concurrent.futures.process.BrokenProcessPool`. */
export class BrokenProcessPool extends Error {
  override name = 'BrokenProcessPool';
}

export interface PoolWorkerInfo {
  lane: number;
  pid: number;
  name: string;
  /** Telemetry process slot: its CURRENT word is the chunk index being computed (-1 idle). */
  slot: number;
  alive: boolean;
}

interface Lane {
  readonly index: number;
  process: Process;
  retired: boolean;
}

type PoolState = 'running' | 'closed' | 'terminated';

let poolCount = 0;
let workerCount = 0;

export class Pool {
  readonly processes: number;
  readonly name: string;
  /** Resolves once every worker started and ran the initializer; rejects if one failed. */
  readonly ready: Promise<void>;
  readonly startedAt: number;
  readyAt: number | null = null;

  private state: PoolState = 'running';
  private broken: Error | null = null;
  private readonly initializer: string | null;
  private readonly initArgs: readonly unknown[];
  private readonly maxTasksPerChild: number;
  private readonly tasks: Queue<ChunkMessage | null>;
  private readonly results: Queue<PoolResultMessage>;
  private readonly lanes: Lane[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly settledListeners = new Set<(timing: JobTiming) => void>();
  private nextJob = 1;
  private readyLanes = 0;
  private resolveReady!: () => void;
  private rejectReady!: (error: Error) => void;
  /** Chunks waiting to be fed (ring full): fed in submission order by one async chain. */
  private feeding: Promise<void> = Promise.resolve();
  private feedsPending = 0;
  private readonly collector: Promise<void>;
  /** How long the collector spins for a result before it parks (see spinForResult). */
  private readonly collectSpin = new SpinBudget();
  /** Set while the collector is parked: dispatch() calls it, so the collector spins for the new work. */
  private kickCollector: (() => void) | null = null;
  /** The parked collector's wait for the result queue, reused across kicks (one waiter at most). */
  private resultsReady: Promise<void> | null = null;
  private readonly flushes: (() => void)[] = [];
  private terminating: Promise<void> | null = null;

  constructor(processes?: number, options: PoolOptions = {}) {
    this.processes = checkInt('processes', processes ?? getPlatform().cpuCount(), 1, 256);
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        'options',
        'an object { initializer?, initArgs?, maxTasksPerChild?, name? }',
        options,
      );
    }
    this.initializer = options.initializer ?? null;
    if (this.initializer !== null) checkTask('initializer', this.initializer);
    this.initArgs = options.initArgs ?? [];
    if (!Array.isArray(this.initArgs))
      throw new InvalidArgumentError('initArgs', 'an array of arguments', this.initArgs);
    this.maxTasksPerChild =
      options.maxTasksPerChild == null
        ? 0
        : checkInt('maxTasksPerChild', options.maxTasksPerChild, 1, 0x7fffffff);
    this.name = options.name ?? `Pool-${++poolCount}`;
    const capacityBytes = options.queueCapacityBytes ?? 1 << 20;
    this.tasks = new Queue(0, { capacityBytes, name: `${this.name}.tasks` });
    this.results = new Queue(0, { capacityBytes, name: `${this.name}.results` });
    registerResource({
      kind: ResourceKind.POOL,
      name: this.name,
      capacity: this.processes,
      probe: { owner: () => -1, value: () => this.tasks.qsize() },
      owner: this,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody has to await `ready`: a failure also reaches every call, so never report it unhandled.
    this.ready.catch(() => undefined);
    this.startedAt = now();
    this.collector = this.collect();
    try {
      for (let lane = 0; lane < this.processes; lane++) this.lanes.push(this.spawn(lane));
    } catch (error) {
      // e.g. initArgs could not be pickled: no half-started pool is left behind.
      void this.terminate();
      throw error;
    }
  }

  /** Process start → every worker ready (null until then). */
  get startupMs(): number | null {
    return this.readyAt === null ? null : this.readyAt - this.startedAt;
  }

  /** Promise-returning calls reject (never throw) on bad arguments or a pool that is not running. */
  async map<R = unknown>(task: string, iterable: Iterable<unknown>, chunksize?: number): Promise<R[]> {
    // `return await`: the caller's await resumes in one microtask instead of three.
    return await this.mapAsync<R>(task, iterable, chunksize).get();
  }

  async starmap<R = unknown>(
    task: string,
    iterable: Iterable<readonly unknown[]>,
    chunksize?: number,
  ): Promise<R[]> {
    return await this.starmapAsync<R>(task, iterable, chunksize).get();
  }

  mapAsync<R = unknown>(
    task: string,
    iterable: Iterable<unknown>,
    chunksize?: number,
    callbacks?: ResultCallbacks<R[]>,
  ): AsyncResult<R[]> {
    return this.submitMap(task, toArray(iterable), ChunkMode.Single, chunksize, callbacks);
  }

  starmapAsync<R = unknown>(
    task: string,
    iterable: Iterable<readonly unknown[]>,
    chunksize?: number,
    callbacks?: ResultCallbacks<R[]>,
  ): AsyncResult<R[]> {
    return this.submitMap(task, toArgLists(iterable), ChunkMode.Star, chunksize, callbacks);
  }

  async apply<R = unknown>(task: string, args: readonly unknown[] = []): Promise<R> {
    return await this.applyAsync<R>(task, args).get();
  }

  applyAsync<R = unknown>(
    task: string,
    args: readonly unknown[] = [],
    callbacks?: ResultCallbacks<R>,
  ): AsyncResult<R> {
    this.checkRunning();
    checkTask('task', task);
    if (!Array.isArray(args)) throw new InvalidArgumentError('args', 'an array of arguments', args);
    const result = new AsyncResult<R>(callbacks);
    const job = new MapJob<R>(this.nextJob++, [0], 1, result, true);
    this.dispatch(job, [[job.id, 0, ChunkMode.Star, task, [args]]], [0], 'args');
    return result;
  }

  imap<R = unknown>(task: string, iterable: Iterable<unknown>, chunksize = 1): TimedAsyncIterator<R> {
    return this.submitIMap<R>(task, toArray(iterable), chunksize, true);
  }

  imapUnordered<R = unknown>(
    task: string,
    iterable: Iterable<unknown>,
    chunksize = 1,
  ): TimedAsyncIterator<R> {
    return this.submitIMap<R>(task, toArray(iterable), chunksize, false);
  }

  /** Python's close(): accept no more work; each worker exits once the queued chunks are done. */
  close(): void {
    if (this.state !== 'running') return;
    this.state = 'closed';
    this.feedInOrder(async () => {
      for (let i = 0; i < this.processes; i++) await this.tasks.putAsync(null);
    });
  }

  /** Python's join(): wait for every worker to exit. ValueError unless close() or terminate() ran. */
  async join(): Promise<void> {
    if (this.state === 'running')
      throw new ValueError('Pool is still running: call close() or terminate() first');
    if (this.terminating) return this.terminating;
    // A lane may be replaced (maxTasksPerChild) while we wait: wait until no lane changes. The
    // flush makes sure a "retired" report sent just before a worker exited has been handled.
    for (;;) {
      const current = this.lanes.map((l) => l.process);
      await Promise.all(current.map((p) => p.join()));
      await this.flushCollector();
      if (this.lanes.every((l, i) => l.process === current[i])) break;
    }
    await this.stopCollector();
  }

  /** Python's terminate(): stop every worker now. Pending results reject. Resolves when all threads ended. */
  terminate(): Promise<void> {
    if (this.terminating) return this.terminating;
    this.state = 'terminated';
    const terminated = new BrokenProcessPool(`${this.name} was terminated`);
    // Anyone still awaiting start-up learns it will never come (a no-op if it already did).
    this.rejectReady(terminated);
    this.failAll(terminated);
    for (const lane of this.lanes) if (lane.process.state === 'running') lane.process.terminate();
    this.terminating = Promise.all(
      this.lanes.map((l) => (l.process.state === 'created' ? undefined : l.process.threadEnded)),
    ).then(() => this.stopCollector());
    return this.terminating;
  }

  workers(): PoolWorkerInfo[] {
    return this.lanes.map((l) => ({
      lane: l.index,
      pid: l.process.pid,
      name: l.process.name,
      slot: l.process.slot,
      alive: l.process.state === 'running',
    }));
  }

  /** Subscribe to settled jobs' timings; returns the unsubscribe function. */
  onJobSettled(listener: (timing: JobTiming) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  // ---- submitting ----

  private submitMap<R>(
    task: string,
    items: unknown[],
    mode: ChunkMode,
    chunksize: number | undefined,
    callbacks: ResultCallbacks<R[]> | undefined,
  ): AsyncResult<R[]> {
    this.checkRunning();
    checkTask('task', task);
    const size =
      chunksize === undefined ? defaultChunksize(items.length, this.processes) : checkChunksize(chunksize);
    const ranges = items.length === 0 ? [] : chunkRanges(items.length, size);
    const result = new AsyncResult<R[]>(callbacks);
    const job = new MapJob<R[]>(
      this.nextJob++,
      ranges.map(([s]) => s),
      items.length,
      result,
    );
    const chunks = ranges.map(([s, e], i): ChunkMessage => [job.id, i, mode, task, items.slice(s, e)]);
    this.dispatch(
      job,
      chunks,
      ranges.map(([s]) => s),
      'iterable',
    );
    return result;
  }

  private submitIMap<R>(
    task: string,
    items: unknown[],
    chunksize: number,
    ordered: boolean,
  ): TimedAsyncIterator<R> {
    this.checkRunning();
    checkTask('task', task);
    const ranges = chunkRanges(items.length, checkChunksize(chunksize));
    const job = new IMapJob<R>(this.nextJob++, ranges.length, ordered);
    const chunks = ranges.map(([s, e], i): ChunkMessage => [
      job.id,
      i,
      ChunkMode.Single,
      task,
      items.slice(s, e),
    ]);
    this.dispatch(
      job,
      chunks,
      ranges.map(([s]) => s),
      'iterable',
    );
    return job.iterator();
  }

  /**
   * Enqueue a job's chunks. Fast path: straight into the ring, synchronously, when nothing is
   * waiting to be fed (a warm applyAsync costs one copy). Otherwise, or when the ring fills up,
   * the rest is fed asynchronously, after earlier jobs' chunks.
   */
  private dispatch(job: Job, chunks: ChunkMessage[], starts: number[], label: 'iterable' | 'args'): void {
    if (job.finished) return;
    this.jobs.set(job.id, job);
    let i = 0;
    if (this.feedsPending === 0) {
      try {
        for (; i < chunks.length; i++) this.tasks.putNowait(chunks[i]);
        job.timing.enqueuedAt = now();
        this.kickCollector?.();
        return;
      } catch (error) {
        if (!(error instanceof Full)) return this.failJob(job, relabel(error, starts[i], label));
      }
    }
    const rest = i;
    this.feedInOrder(async () => {
      for (let k = rest; k < chunks.length; k++) {
        if (job.finished || this.state === 'terminated') return;
        try {
          await this.tasks.putAsync(chunks[k]);
        } catch (error) {
          return this.failJob(job, relabel(error, starts[k], label));
        }
      }
      job.timing.enqueuedAt = now();
    });
  }

  private feedInOrder(feed: () => Promise<void>): void {
    this.feedsPending++;
    this.feeding = this.feeding
      .then(feed)
      .catch((error: unknown) => this.breakPool(asError(error)))
      .finally(() => this.feedsPending--);
  }

  // ---- collecting ----

  /**
   * Takes results one at a time, in order, on the main thread: synchronously while there are
   * some (spinning briefly for the next while work is out), else parked until the result queue
   * has one or a dispatch kicks it.
   */
  private async collect(): Promise<void> {
    for (;;) {
      let message: PoolResultMessage | null;
      try {
        message = this.takeResult();
        if (message === null) {
          if (!this.results.readyToGet()) {
            await this.park();
            continue;
          }
          // Something is there but the queue's lock was busy: wait for it the ordinary way.
          message = await this.results.getAsync();
        }
      } catch (error) {
        if (this.state !== 'terminated') this.breakPool(asError(error));
        return;
      }
      if (message[0] === ResultKind.Stop) return;
      if (message[0] === ResultKind.Flush) this.flushes.shift()?.();
      else this.handle(message);
    }
  }

  /** The next result if there is one now; throws BrokenQueueError if the result queue broke. */
  private takeResult(): PoolResultMessage | null {
    const results = this.results;
    if (!results.readyToGet() && this.jobs.size > 0) this.spinForResult();
    if (!results.readyToGet()) return null;
    try {
      return results.getNowait();
    } catch (error) {
      if (error instanceof Empty) return null;
      throw error;
    }
  }

  /**
   * While work is out, spin on the main thread for a result before parking: a warm worker answers
   * a small task in a few µs, while a main thread parked in waitAsync takes 20–200 µs to run again
   * (its event loop went to sleep, and on a VM its idle core halted). Bounded and adaptive like a
   * process's spin (channel.ts, SpinBudget): a pool running long tasks soon spins only briefly.
   */
  private spinForResult(): void {
    const budgetUs = this.collectSpin.next();
    // Backed off: not even a few loads. Right after a dispatch that woke a sleeping worker, the
    // kernel may run that worker on this very core, and any spin here delays it.
    if (budgetUs === 0) return;
    const results = this.results;
    const until = performance.now() + budgetUs / 1000;
    for (let k = 1; ; k++) {
      if (results.readyToGet()) {
        this.collectSpin.succeeded();
        return;
      }
      if ((k & 63) === 0 && performance.now() >= until) break;
    }
    this.collectSpin.failed();
  }

  /** Resolves when the result queue has something, or when dispatch() kicks the collector. */
  private async park(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.kickCollector = resolve;
      // One wait on the queue at a time, whatever the number of kicks while it is pending; when
      // it ends, it wakes whichever park is current.
      const ended = () => {
        this.resultsReady = null;
        this.kickCollector?.();
      };
      this.resultsReady ??= this.results.readyToGetAsync().then(ended, ended);
    });
    this.kickCollector = null;
  }

  private handle(message: PoolResultMessage): void {
    switch (message[0]) {
      case ResultKind.Done: {
        const [, id, index, lane, values, startedAt, endedAt] = message;
        this.withJob(id, (job) => job.chunkDone(index, lane, values, startedAt, endedAt));
        return;
      }
      case ResultKind.Failed: {
        const [, id, index, lane, info, startedAt, endedAt] = message;
        this.withJob(id, (job) => job.chunkFailed(index, lane, rebuildRemoteError(info), startedAt, endedAt));
        return;
      }
      case ResultKind.Ready:
        if (++this.readyLanes === this.processes) {
          this.readyAt = now();
          this.resolveReady();
        }
        return;
      case ResultKind.InitFailed: {
        const error = rebuildRemoteError(message[3]);
        this.breakPool(
          new BrokenProcessPool(
            `${this.name}: the initializer failed in a worker: ${error.name}: ${error.message}`,
            { cause: error },
          ),
        );
        return;
      }
      case ResultKind.Retired: {
        const lane = this.lanes[message[1]];
        lane.retired = true;
        if (this.state !== 'terminated') this.lanes[lane.index] = this.spawn(lane.index);
        return;
      }
    }
  }

  private withJob(id: number, update: (job: Job) => void): void {
    const job = this.jobs.get(id);
    if (!job) return;
    update(job);
    if (!job.finished) return;
    this.jobs.delete(id);
    for (const listener of this.settledListeners) listener(job.timing);
  }

  // ---- workers ----

  private spawn(index: number): Lane {
    const process = new Process({
      target: 'poolWorker',
      name: `SpawnPoolWorker-${++workerCount}`,
      daemon: true,
      args: [this.tasks, this.results, index, this.initializer, this.initArgs, this.maxTasksPerChild],
    });
    const lane: Lane = { index, process, retired: false };
    process.start();
    void process.join().then(() => this.onWorkerExit(lane));
    return lane;
  }

  private onWorkerExit(lane: Lane): void {
    if (lane.retired || this.state === 'terminated' || this.broken) return;
    const p = lane.process;
    if (this.state === 'closed' && p.exitCode === 0) return;
    const why = p.error ? `: ${p.error.name}: ${p.error.message}` : '';
    this.breakPool(
      new BrokenProcessPool(
        `${p.name} (pid ${p.pid}) exited unexpectedly with exit code ${p.exitCode}${why}`,
      ),
    );
  }

  private breakPool(error: Error): void {
    if (this.broken || this.state === 'terminated') return;
    this.broken = error;
    this.rejectReady(error);
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const job of this.jobs.values()) job.fail(error);
    this.jobs.clear();
  }

  private failJob(job: Job, error: Error): void {
    job.fail(error);
    this.jobs.delete(job.id);
  }

  private checkRunning(): void {
    if (this.broken) throw this.broken;
    if (this.state !== 'running') throw new ValueError('Pool not running');
  }

  /** Resolves once the collector handled every result put before this call. */
  private async flushCollector(): Promise<void> {
    const flushed = new Promise<void>((resolve) => this.flushes.push(resolve));
    try {
      await this.results.putAsync([ResultKind.Flush]);
    } catch {
      return; // a broken result queue has ended the collector
    }
    await Promise.race([flushed, this.collector]);
  }

  private async stopCollector(): Promise<void> {
    try {
      await this.results.putAsync([ResultKind.Stop]);
    } catch {
      // A broken result queue has already ended the collector.
    }
    await this.collector;
  }
}

function checkTask(argument: string, task: unknown): void {
  if (typeof task !== 'string' || !hasTask(task)) {
    throw new InvalidArgumentError(
      argument,
      `the name of a registered task (one of: ${taskNames().join(', ')})`,
      task,
    );
  }
}

function toArray(iterable: Iterable<unknown>): unknown[] {
  if (Array.isArray(iterable)) return iterable;
  if (iterable == null || typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new InvalidArgumentError('iterable', 'an iterable (array, Set, generator…)', iterable);
  }
  return Array.from(iterable);
}

function toArgLists(iterable: Iterable<readonly unknown[]>): unknown[] {
  const items = toArray(iterable);
  items.forEach((args, i) => {
    if (!Array.isArray(args))
      throw new InvalidArgumentError(`iterable[${i}]`, 'an array of arguments (starmap)', args);
  });
  return items;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The codec names a bad value by its place in the chunk message (`item[4][2].callback`); say where
 * it was in the caller's terms instead (`iterable[12].callback`, `args[0]`).
 */
function relabel(error: unknown, chunkStart: number, label: 'iterable' | 'args'): Error {
  if (!(error instanceof PicklingError)) return asError(error);
  const m = /^item\[4\]\[(\d+)\](.*)$/.exec(error.path);
  if (!m) return error;
  const path = label === 'args' ? `args${m[2]}` : `iterable[${chunkStart + Number(m[1])}]${m[2]}`;
  const out = new PicklingError(path, error.what);
  out.message = error.message.replace(error.path, path);
  return out;
}
