/**
 * A module with a top-level side effect, the JS twin of Python code that sits outside
 * `if __name__ == "__main__":`. Python's spawn start method re-imports the main module in
 * every child, so such code runs once in the parent and once more in every new process.
 * A Web Worker is always spawn-like: it evaluates its own copy of every module it imports, so
 * this runs once per fresh worker (and once in the page), but not again for a second task run
 * by the same (pool) worker.
 *
 *   moduleEvaluation: { count, at }   count = times this module was evaluated in this thread
 *                                     (always 1: a realm evaluates a module once), at = when
 */
import { now } from '../platform/clock';

const realm = globalThis as { __mpTopLevelRuns?: number };
realm.__mpTopLevelRuns = (realm.__mpTopLevelRuns ?? 0) + 1;

export const moduleEvaluation = { count: realm.__mpTopLevelRuns, at: now() };
