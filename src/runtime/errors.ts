/**
 * The runtime's error classes, named after their Python `multiprocessing` counterparts.
 *
 *   ValueError / InvalidArgumentError  bad argument (names the argument and its valid range)
 *   RuntimeError                       misuse of a primitive (release by a non-owner, wait without the lock)
 *   PicklingError                      a process argument or message cannot be structured-cloned
 *   OwnerDiedError                     a lock's holder died; the catcher now holds the lock
 *   BrokenBarrierError                 a Barrier was aborted, reset or timed out
 *   TimeoutError                       multiprocessing.TimeoutError (AsyncResult.get, etc.)
 *   ProcessError                       Process misuse (start twice, join before start)
 *   WouldBlockError                    a blocking call on a thread that must not block (the page)
 *
 * Every class sets `name`, so an error that crossed from a worker as `{ name, message, stack }`
 * can still be recognised by name.
 */

export class ValueError extends Error {
  override name = 'ValueError';
}

/** A bad argument. The message always names the argument and its valid range. */
export class InvalidArgumentError extends ValueError {
  override name = 'InvalidArgumentError';
  constructor(
    readonly argument: string,
    readonly validRange: string,
    readonly received: unknown,
  ) {
    super(`${argument} must be ${validRange} (got ${describeValue(received)})`);
  }
}

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

export class PicklingError extends Error {
  override name = 'PicklingError';
  constructor(
    /** Where in the arguments the value sits, e.g. `args[1].callback`. */
    readonly path: string,
    /** What it was, e.g. `function onDone`. */
    readonly what: string,
  ) {
    super(`Can't pickle ${what} at ${path}: only structured-cloneable data and shared primitives can be sent to a process`);
  }
}

export class OwnerDiedError extends Error {
  override name = 'OwnerDiedError';
  constructor(
    readonly resourceName: string,
    readonly deadPid: number,
    readonly deadExitCode: number,
  ) {
    super(
      `${resourceName} was held by process pid ${deadPid}, which died (exit code ${deadExitCode}) without releasing it. ` +
        'The caller now holds the lock: repair the data it protects, then release it.',
    );
  }
}

export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

/** Python's `multiprocessing.TimeoutError`. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export class ProcessError extends Error {
  override name = 'ProcessError';
}

/** Raised instead of freezing the page: the main thread must use the Async twin of a method. */
export class WouldBlockError extends Error {
  override name = 'WouldBlockError';
  constructor(what: string, asyncTwin: string) {
    super(`${what} would block this thread, which must never block (the page's main thread); use ${asyncTwin} instead`);
  }
}

/** Plain description of a value for error messages: short, never throws. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `array of length ${v.length}`;
  return `object ${v.constructor?.name ?? 'Object'}`;
}

/** The serialisable form of an error, kept by the parent when a process dies of one. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: describeThrown(e) };
}

function describeThrown(e: unknown): string {
  try {
    return typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

// ---- argument checks: throw at the call, naming the argument and its valid range ----

/** An integer in [min, max]. */
export function checkInt(argument: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new InvalidArgumentError(argument, range, v);
  }
  return v;
}

/**
 * A timeout in milliseconds: a finite number ≥ 0, or `undefined` / `null` / -1 / Infinity for
 * "wait forever" (Python's `timeout=None`; -1 mirrors `Lock.acquire(timeout=-1)`).
 * Returns Infinity for "forever".
 */
export function checkTimeout(argument: string, v: unknown): number {
  if (v === undefined || v === null || v === -1 || v === Infinity) return Infinity;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) {
    throw new InvalidArgumentError(argument, 'a number of milliseconds ≥ 0, or -1 / undefined for no timeout', v);
  }
  return v;
}
