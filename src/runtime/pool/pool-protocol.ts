/**
 * The messages between a Pool (parent, `pool.ts`) and its workers (`tasks/pool-worker.ts`),
 * carried by two shared-memory queues. Tuples, not objects: they are pickled per chunk, and a
 * tuple encodes smaller and faster. A leaf module (types and constants only), so the worker side
 * can import it without pulling in Process.
 *
 *   task queue    ChunkMessage, or null (the sentinel: "exit when you get here")
 *   result queue  PoolResultMessage
 */

export const enum ChunkMode {
  /** map / imap: each item is the task's one argument. */
  Single = 0,
  /** starmap / apply: each item is the task's argument list. */
  Star = 1,
}

/** [job id, chunk index, mode, task name, items] */
export type ChunkMessage = [job: number, index: number, mode: ChunkMode, task: string, items: unknown[]];

export const enum ResultKind {
  Done = 0,
  Failed = 1,
  Ready = 2,
  InitFailed = 3,
  Retired = 4,
  /** Put by the parent itself to end its collector loop. */
  Stop = 5,
  /** Put by the parent itself: everything before it has been handled once the collector sees it. */
  Flush = 6,
}

/** An exception raised in a worker, as it travels back. `index`: the item in the chunk (-1: none). */
export interface RemoteErrorInfo {
  name: string;
  message: string;
  stack: string;
  workerName: string;
  workerPid: number;
  index: number;
}

/** Times are epoch milliseconds (`platform/clock.ts`), comparable across threads. */
export type PoolResultMessage =
  | [
      kind: ResultKind.Done,
      job: number,
      index: number,
      lane: number,
      values: unknown[],
      startedAt: number,
      endedAt: number,
    ]
  | [
      kind: ResultKind.Failed,
      job: number,
      index: number,
      lane: number,
      error: RemoteErrorInfo,
      startedAt: number,
      endedAt: number,
    ]
  | [kind: ResultKind.Ready, lane: number, pid: number, at: number]
  | [kind: ResultKind.InitFailed, lane: number, pid: number, error: RemoteErrorInfo]
  | [kind: ResultKind.Retired, lane: number, pid: number]
  | [kind: ResultKind.Stop]
  | [kind: ResultKind.Flush];
