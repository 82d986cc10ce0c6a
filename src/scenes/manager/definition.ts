import { defineScene } from '../shared/scene-definition';
import { managerParams } from './manager-params';
import type { ManagerResult } from './manager-result';

/** The manager scene: Manager proxy vs shared Value vs message passing, and pickling. Light. */
export const managerScene = defineScene<typeof managerParams, ManagerResult>({
  id: 'manager',
  title: 'Manager, shared memory, messages',
  summary:
    'The same shared counter three ways: a Manager().dict() proxy (a round trip to the manager process per access), a shared Value, and messages to one aggregator. Measured cost per operation, side by side; then what pickling a payload costs, and what cannot be pickled at all.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Manager().dict(), proxies',
      go: 'a server goroutine owning a map',
      shows: 'every access a round trip: cost per operation measured',
    },
    {
      python: 'Value / Array in shared memory',
      go: 'sync.Mutex around a variable',
      shows: 'the same counter orders of magnitude cheaper',
    },
    {
      python: 'pickle, PicklingError',
      go: 'encoding/gob; funcs cannot be encoded',
      shows: 'payload size vs copy cost; a function refused at the call',
    },
  ],
  params: managerParams,
  run: async (params, ctx) => (await import('./run-manager')).runManager(params, ctx),
  load: () => import('./ManagerScene'),
});
