import { defineScene } from '../shared/scene-definition';
import { lifecycleParams } from './lifecycle-params';
import type { LifecycleResult } from './lifecycle-result';

/**
 * The lifecycle scene: processes started with arguments, watched on lanes from created to
 * joined; exit codes, zombies, supervision, daemon shutdown and the Go developer's worker pool.
 * Light: the runner and the UI load on first use.
 */
export const lifecycleScene = defineScene<typeof lifecycleParams, LifecycleResult>({
  id: 'lifecycle',
  title: 'Process lifecycle: start, join, exit codes',
  summary:
    'Start processes with arguments and follow each from created to running, exited and joined. Terminate one (-15), kill one (-9), let one raise (1, with its traceback), leave zombies unjoined, supervise five workers, see daemons die with their parent, and stop a worker pool the way a Go developer would.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Process(target, args), start, join, exitcode, is_alive, pid',
      go: 'go f(args) with a sync.WaitGroup; errors sent back on a channel',
      shows: 'lifecycle lanes, exit codes 0 / 1 / -15 / -9, tracebacks in the parent',
    },
    {
      python: 'zombies, daemon=True',
      go: 'no zombies (goroutines end with main)',
      shows: 'exited-but-unjoined children, daemons terminated at shutdown',
    },
    {
      python: 'stop Event, poison pill, join(timeout) + terminate()',
      go: 'context.WithCancel, close(jobs), select with time.After',
      shows: 'a worker pool stopped step by step',
    },
  ],
  params: lifecycleParams,
  run: async (params, ctx) => (await import('./run-lifecycle')).runLifecycle(params, ctx),
  load: () => import('./LifecycleScene'),
});
