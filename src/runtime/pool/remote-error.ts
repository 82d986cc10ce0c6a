/**
 * Exceptions raised in another process (a pool worker, the manager server), rebuilt in the parent as CPython does: the same exception
 * type and message, with the worker's traceback attached as the cause (CPython:
 * `multiprocessing.pool.RemoteTraceback`).
 *
 *   rebuildRemoteError(info) → Error with `.name`, `.message` as raised, plus
 *     workerName, workerPid, remoteStack, and `cause` a RemoteTraceback holding the worker's stack
 */
import type { RemoteErrorInfo } from './pool-protocol';

export class RemoteTraceback extends Error {
  override name = 'RemoteTraceback';
}

/** An Error raised in a worker; `name` is the original's (TypeError, ZeroDivisionError, …). */
export interface RemoteError extends Error {
  workerName: string;
  workerPid: number;
  remoteStack: string;
}

const builtins: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

export function rebuildRemoteError(info: RemoteErrorInfo): RemoteError {
  const Ctor = builtins[info.name] ?? Error;
  const where = `${info.workerName} (pid ${info.workerPid})`;
  const error = new Ctor(info.message, {
    cause: new RemoteTraceback(`\n"""\n${info.stack || `${info.name}: ${info.message}`}\n"""`),
  }) as RemoteError;
  if (error.name !== info.name) error.name = info.name;
  error.workerName = info.workerName;
  error.workerPid = info.workerPid;
  error.remoteStack = info.stack;
  // Keep the worker's frames first: that is where the bug is.
  error.stack = `${info.stack || `${info.name}: ${info.message}`}\n    at <raised in process ${where}>`;
  return error;
}
