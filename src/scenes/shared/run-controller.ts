/**
 * The one place that starts and stops scene runs. A run started by a button and a run started by
 * `window.playground.run` go through here, so Stop (and `playground.stop()`) always finds them.
 * Starting a new run stops the previous one first: two experiments on two cores would measure
 * each other.
 */

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
  const bodyPromise = (previous?.done ?? Promise.resolve()).then(() => {
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
