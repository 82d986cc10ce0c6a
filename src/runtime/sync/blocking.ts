/**
 * One wait loop, two drivers. Every blocking primitive writes its slow path once, as a
 * generator that yields "wait while i32[index] === expected, at most timeoutMs" and receives
 * the WaitResult back; it re-checks its own condition after every wake (wakes may be spurious,
 * timeouts are computed by the generator against a deadline).
 *
 *   blockOn(site, steps)        drives it with Atomics.wait (processes)
 *   blockOnAsync(site, steps)   drives it with Atomics.waitAsync (the main thread)
 *
 * The drivers also do the slow-path telemetry: the first time the operation really waits, the
 * process slot says "waiting-<state> on resource R" and a BLOCKED record goes in the ring; when
 * the operation ends, the wait time is added and an UNBLOCKED record is written.
 */
import type { TelemetryWriter } from '../../telemetry/writer';
import type { ProcessStateCode } from '../../telemetry/layout';
import { assertCanBlock, futexWait, futexWaitAsync, type WaitResult } from './futex';

export interface Wait {
  i32: Int32Array;
  index: number;
  expected: number;
  timeoutMs: number;
}

export type WaitSteps<R> = Generator<Wait, R, WaitResult>;

export interface WaitSite {
  tel: TelemetryWriter;
  state: ProcessStateCode;
  resource: number;
  /** e.g. "Lock.acquire()" and "acquireAsync()", for WouldBlockError. */
  what: string;
  twin: string;
}

const NOT_WAITED = -2;

export function blockOn<R>(site: WaitSite, steps: WaitSteps<R>): R {
  let t0 = NOT_WAITED;
  let last: WaitResult = 'ok';
  let finished = false;
  try {
    let step = steps.next(last);
    while (!step.done) {
      const w = step.value;
      if (t0 === NOT_WAITED) {
        assertCanBlock(site.what, site.twin);
        t0 = site.tel.beginWait(site.state, site.resource);
      }
      last = futexWait(w.i32, w.index, w.expected, w.timeoutMs);
      step = steps.next(last);
    }
    finished = true;
    return step.value;
  } finally {
    // Abandoned mid-wait (e.g. WouldBlockError): let the steps' own `finally` undo their bookkeeping.
    if (!finished) steps.return(undefined as never);
    if (t0 !== NOT_WAITED) site.tel.endWait(t0, site.resource, last === 'timed-out');
  }
}

export async function blockOnAsync<R>(site: WaitSite, steps: WaitSteps<R>): Promise<R> {
  let t0 = NOT_WAITED;
  let last: WaitResult = 'ok';
  let finished = false;
  try {
    let step = steps.next(last);
    while (!step.done) {
      const w = step.value;
      if (t0 === NOT_WAITED) t0 = site.tel.beginWait(site.state, site.resource);
      last = await futexWaitAsync(w.i32, w.index, w.expected, w.timeoutMs);
      step = steps.next(last);
    }
    finished = true;
    return step.value;
  } finally {
    if (!finished) steps.return(undefined as never);
    if (t0 !== NOT_WAITED) site.tel.endWait(t0, site.resource, last === 'timed-out');
  }
}
