import { defineScene } from '../shared/scene-definition';
import { deadlockParams } from './deadlock-params';
import type { DeadlockResult } from './deadlock-result';

/**
 * The deadlock scene: four programs that hang, the wait-for graph drawn live from telemetry with
 * its cycle named, and each program's fix. Light: the runner and the UI load on first use.
 */
export const deadlockScene = defineScene<typeof deadlockParams, DeadlockResult>({
  id: 'deadlock',
  title: 'Deadlocks: find the cycle',
  summary:
    'Take two locks in opposite order, seat philosophers at a round table, join a child before draining its queue, forget a sentinel. Watch the wait-for graph close into a cycle, see it named, then switch on the fix.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Lock order, acquire(timeout=…)',
      go: 'sync.Mutex in a fixed order; TryLock / select with time.After',
      shows: 'a wait-for cycle between two processes, and a ring of philosophers',
    },
    {
      python: 'join() before draining a Queue',
      go: 'wg.Wait() before reading an unbuffered channel',
      shows: 'the parent and the child waiting for each other',
    },
    {
      python: 'sentinel (poison pill) per consumer',
      go: 'close(ch) so every range loop ends',
      shows: 'a consumer that waits forever, detected',
    },
  ],
  params: deadlockParams,
  run: async (params, ctx) => (await import('./run-deadlock')).runDeadlock(params, ctx),
  load: () => import('./DeadlockScene'),
});
