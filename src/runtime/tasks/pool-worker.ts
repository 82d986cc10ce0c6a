/**
 * The pool worker: the built-in task every Pool process runs (Python: `multiprocessing.pool.worker`).
 *
 *   poolWorker(ctx, tasks, results, lane, initializer, initArgs, maxTasks)
 *     runs `initializer(ctx, ...initArgs)` once, reports READY, then loops: take a chunk from the
 *     shared task queue, run the named task on each of its items, put the chunk's results (or
 *     its first error) on the result queue. `null` (the sentinel) ends the loop; so does reaching
 *     `maxTasks` chunks (maxtasksperchild), after reporting RETIRED so the pool replaces it.
 *
 * The wire format between this loop and `pool/pool.ts` is `pool-protocol.ts`.
 * Telemetry: the slot's CURRENT word holds the chunk index being computed (-1 idle), with a
 * TASK_START / TASK_END ring record per chunk: the pool scene draws its lanes from them.
 *
 * Also small tasks the pool scene, the benchmark and the tests use:
 *   identity(x), square(x), noop(), failIfEqual(x, bad, message?), whoAmI(x) → { x, pid, name },
 *   initSharedCounter(lock, counter) + incrementSharedCounter(times)  (an initializer handing a
 *   Lock and a Value to every worker, like Python's `initializer=init, initargs=(lock, counter)`)
 */
import { EventKind } from '../../telemetry/layout';
import { checkInt, toErrorInfo } from '../errors';
import '../messaging/joinable-queue';
import '../messaging/pipe';
import '../messaging/simple-queue';
import { PicklingError } from '../errors';
import type { Queue } from '../messaging/queue';
import type { RawValue, Value } from '../shared/value';
import type { Lock } from '../sync/lock';
import type { RLock } from '../sync/rlock';
import {
  ChunkMode,
  ResultKind,
  type ChunkMessage,
  type PoolResultMessage,
  type RemoteErrorInfo,
} from '../pool/pool-protocol';
import { lookupTask, type Task, type TaskContext } from './task-context';

type AnyTask = (ctx: TaskContext, ...args: unknown[]) => unknown;

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** The error as it travels back: its own name/message/stack plus which worker raised it. */
function remoteError(ctx: TaskContext, error: unknown, index: number): RemoteErrorInfo {
  const info = toErrorInfo(error);
  return { ...info, stack: info.stack ?? '', workerName: ctx.name, workerPid: ctx.pid, index };
}

/** Runs one chunk. Async tasks are awaited item by item (sync ones never touch a promise). */
async function runChunk(
  ctx: TaskContext,
  fn: AnyTask,
  mode: ChunkMode,
  items: unknown[],
): Promise<unknown[]> {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      let value = mode === ChunkMode.Star ? fn(ctx, ...(items[i] as unknown[])) : fn(ctx, items[i]);
      if (isThenable(value)) value = await value;
      out[i] = value;
    } catch (error) {
      throw new ChunkFailure(i, error);
    }
  }
  return out;
}

class ChunkFailure {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {}
}

export async function poolWorker(
  ctx: TaskContext,
  tasks: Queue<ChunkMessage | null>,
  results: Queue<PoolResultMessage>,
  lane: number,
  initializer: string | null,
  initArgs: unknown[],
  maxTasks: number,
): Promise<number> {
  const tel = ctx.telemetry;
  tel.setCurrent(-1);
  if (initializer !== null) {
    try {
      const init = lookupTask(initializer) as AnyTask;
      const r = init(ctx, ...initArgs);
      if (isThenable(r)) await r;
    } catch (error) {
      results.put([ResultKind.InitFailed, lane, ctx.pid, remoteError(ctx, error, -1)]);
      return 0;
    }
  }
  results.put([ResultKind.Ready, lane, ctx.pid, ctx.now()]);

  const taskCache = new Map<string, AnyTask>();
  let completed = 0;
  for (;;) {
    const chunk = tasks.get();
    if (chunk === null) break;
    const [job, index, mode, taskName, items] = chunk;
    tel.setCurrent(index);
    tel.event(EventKind.TASK_START, 0, index, job);
    const t0 = ctx.now();
    let message: PoolResultMessage;
    try {
      let fn = taskCache.get(taskName);
      if (!fn) taskCache.set(taskName, (fn = lookupTask(taskName) as AnyTask));
      const values = await runChunk(ctx, fn, mode, items);
      message = [ResultKind.Done, job, index, lane, values, t0, ctx.now()];
    } catch (failure) {
      const f = failure instanceof ChunkFailure ? failure : new ChunkFailure(-1, failure);
      message = [ResultKind.Failed, job, index, lane, remoteError(ctx, f.error, f.index), t0, ctx.now()];
    }
    tel.countOps(items.length);
    tel.setCurrent(-1);
    tel.event(EventKind.TASK_END, 0, index, job);
    putResult(ctx, results, message);
    completed++;
    if (maxTasks > 0 && completed >= maxTasks) {
      results.put([ResultKind.Retired, lane, ctx.pid]);
      break;
    }
  }
  return completed;
}

/** A result that cannot be pickled is reported as Python does (MaybeEncodingError), not lost. */
function putResult(ctx: TaskContext, results: Queue<PoolResultMessage>, message: PoolResultMessage): void {
  try {
    results.put(message);
  } catch (error) {
    if (!(error instanceof PicklingError) || message[0] !== ResultKind.Done) throw error;
    const [, job, index, lane, , t0, t1] = message;
    const reason = new Error(`Error sending result: ${error.message}`);
    reason.name = 'MaybeEncodingError';
    results.put([ResultKind.Failed, job, index, lane, remoteError(ctx, reason, -1), t0, t1]);
  }
}

// ---- small tasks for pools ----

export function identity<T>(_ctx: TaskContext, x: T): T {
  return x;
}

export function noop(): void {}

export function square(_ctx: TaskContext, x: number): number {
  return x * x;
}

export function failIfEqual(_ctx: TaskContext, x: number, bad: number, message = `bad value ${bad}`): number {
  if (x === bad) throw new RangeError(message);
  return x;
}

export function whoAmI<T>(ctx: TaskContext, x: T): { x: T; pid: number; name: string } {
  return { x, pid: ctx.pid, name: ctx.name };
}

/** What `initSharedCounter` left in this worker, like a Python global set by the initializer. */
let shared: { lock: Lock | RLock; counter: Value<'i'> | RawValue<'i'> } | null = null;

export function initSharedCounter(
  _ctx: TaskContext,
  lock: Lock | RLock,
  counter: Value<'i'> | RawValue<'i'>,
): void {
  shared = { lock, counter };
}

/** `times` read-modify-write increments under the initializer's lock: exact, whoever runs them. */
export function incrementSharedCounter(_ctx: TaskContext, times: number): number {
  checkInt('times', times, 0, 1e9);
  if (!shared)
    throw new Error('incrementSharedCounter needs the pool initializer initSharedCounter(lock, counter)');
  const { lock, counter } = shared;
  for (let i = 0; i < times; i++) {
    lock.acquire();
    try {
      counter.value = counter.value + 1;
    } finally {
      lock.release();
    }
  }
  return times;
}

export const poolTasks = {
  poolWorker,
  identity,
  noop,
  square,
  failIfEqual,
  whoAmI,
  initSharedCounter,
  incrementSharedCounter,
} satisfies Record<string, Task>;
