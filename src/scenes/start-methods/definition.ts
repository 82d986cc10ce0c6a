import { defineScene } from '../shared/scene-definition';
import { startMethodsParams } from './start-methods-params';
import type { StartMethodsResult } from './start-methods-result';

/**
 * The start-methods scene: what a browser worker is (always spawn-like), why there is no fork,
 * and what a pre-started pool buys. Light (in the initial bundle); runner and UI load lazily.
 */
export const startMethodsScene = defineScene<typeof startMethodsParams, StartMethodsResult>({
  id: 'start-methods',
  title: 'Start methods: spawn, fork, forkserver',
  summary:
    'A browser worker is always spawn-like: a fresh realm that loads its modules again. Measure a cold start against a task handed to a pre-started pool, beside CPython’s fork, forkserver and spawn, and watch top-level code run again in every new worker.',
  needsSharedMemory: true,
  concepts: [
    {
      python: "set_start_method('spawn' | 'fork' | 'forkserver')",
      go: 'exec.Command (a new process) vs go f() (a goroutine)',
      shows: 'cold start vs warm dispatch, measured, beside CPython',
    },
    {
      python: 'if __name__ == "__main__":',
      go: 'package init() runs in every new process',
      shows: 'top-level code running again in every new worker, counted',
    },
  ],
  params: startMethodsParams,
  run: async (params, ctx) => (await import('./run-start-methods')).runStartMethods(params, ctx),
  load: () => import('./StartMethodsScene'),
});
