import { RunAbortedError } from '../shared/run-controller';

/**
 * A promise that rejects with an AbortError when `signal` aborts. Race a wait against it when the
 * thing waited for may never settle once stopped (a pool terminated while it was starting never
 * resolves or rejects its `ready`).
 */
export function whenStopped(signal: AbortSignal): Promise<never> {
  const stopped = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new RunAbortedError());
    else signal.addEventListener('abort', () => reject(new RunAbortedError()), { once: true });
  });
  stopped.catch(() => undefined); // only a race's loser: never an unhandled rejection
  return stopped;
}
