/**
 * The one place that starts and stops scene runs. A run started by a button and a run started by
 * `window.playground.run` go through here, so Stop (and `playground.stop()`) always finds them.
 * Starting a new run stops the previous one first: two experiments on two cores would measure
 * each other.
 */

import { yieldToEventLoop } from './time-slice';

export interface ActiveRun {
  id: number;
  sceneId: string;
  signal: AbortSignal;
  /** Settles when the run's promise has settled (whatever the outcome). */
  done: Promise<void>;
}

type Listener = (active: ActiveRun | null) => void;

let nextRunId = 1;
let active: (ActiveRun & { controller: AbortController }) | null = null;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener(active);
}

export function subscribeRuns(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function activeRun(): ActiveRun | null {
  return active;
}

/** An error that says the run was stopped, distinguishable from a failure. */
export class RunAbortedError extends Error {
  constructor(message = 'The run was stopped.') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Returns `guard(p)`: it settles like `p`, or rejects with a RunAbortedError as soon as `signal`
 * aborts, for a wait that would never end once the run's workers are terminated (a queue get, a
 * join, a pool's `ready`). A rejection of `p` caused by the stop (a terminated pool's pending
 * call) is reported as the stop. Each call listens for the abort only until `p` settles. `Promise.race([p, stopped])`
 * would instead leave one reaction on `stopped` per call until the run ends: after a loop of
 * 100,000 awaited queue operations, Stop spent tens of milliseconds rejecting them all before
 * the first worker was terminated.
 */
export function abortable(signal: AbortSignal): <T>(p: Promise<T>) => Promise<T> {
  return <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (signal.aborted) {
        p.catch(() => undefined); // nobody waits for it any more
        reject(new RunAbortedError());
        return;
      }
      const onAbort = () => reject(new RunAbortedError());
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) reject(new RunAbortedError());
          else reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
}

/**
 * Runs `body` as the current run. Any run already going is stopped first, and the body starts
 * once that run has cleaned up. The run is registered synchronously, so a `stopRun()` issued
 * right after `startRun()` always finds it. The returned promise rejects with an AbortError as
 * soon as the run is stopped, even if the body is slow to notice; `stopRun()` still waits for the
 * body itself to settle (its cleanup: terminating workers).
 */
export function startRun<T>(sceneId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const previous = active;
  previous?.controller.abort(new RunAbortedError());
  const controller = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new RunAbortedError()), { once: true });
  });
  aborted.catch(() => {});
  // The body starts in a task of its own: a run started by a click would otherwise do its set-up
  // (shared memory, the first workers) in the same task as the click's re-render.
  const bodyPromise = (previous?.done ?? Promise.resolve()).then(yieldToEventLoop).then(() => {
    if (controller.signal.aborted) throw new RunAbortedError();
    return body(controller.signal);
  });
  const done = bodyPromise.then(
    () => {},
    () => {},
  );
  const run = { id: nextRunId++, sceneId, signal: controller.signal, controller, done };
  active = run;
  emit();
  void done.then(() => {
    if (active === run) {
      active = null;
      emit();
    }
  });
  return Promise.race([bodyPromise, aborted]);
}

/** Stops the current run, if any, and resolves once its body has settled. */
export async function stopRun(): Promise<void> {
  const run = active;
  if (!run) return;
  run.controller.abort(new RunAbortedError());
  await run.done;
}
