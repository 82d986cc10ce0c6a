import { defineScene } from '../shared/scene-definition';
import { raceParams } from './race-params';
import type { RaceResult } from './race-result';

/**
 * The race scene: processes incrementing one shared counter, with the lock on or off, live on
 * real cores and step by step in the interpreter. Light on purpose (it is in the initial bundle):
 * the runner and the UI load on first use.
 */
export const raceScene = defineScene<typeof raceParams, RaceResult>({
  id: 'race',
  title: 'Race: the lost update',
  summary:
    'Processes add 1 to one shared counter. Without a lock updates vanish, and Value(lock=True) does not save them; with a lock the count is exact and slower. Watch it live on your cores, then step through every interleaving yourself.',
  needsSharedMemory: true,
  // The step-through is an interpreter on the page: no workers, no shared memory.
  withoutSharedMemory: 'the step-through',
  concepts: [
    {
      python: 'Value, counter.value += 1',
      go: 'counter++ from goroutines (a data race)',
      shows: 'lost updates, counted per run',
    },
    {
      python: 'Value(lock=True)',
      go: 'a mutex-guarded Get and Set',
      shows: 'each access locked, the += still races',
    },
    {
      python: 'Lock, with lock:',
      go: 'sync.Mutex, atomic.AddInt64',
      shows: 'exact counts, the lock’s holder and queue, its cost in throughput',
    },
    {
      python: 'interleavings of load / add / store',
      go: 'the same, in the Go memory model',
      shows: 'every schedule counted; the smallest possible final',
    },
  ],
  params: raceParams,
  run: async (params, ctx) => (await import('./run-race')).runRace(params, ctx),
  load: () => import('./RaceScene'),
});
