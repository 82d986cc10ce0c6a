import { defineScene } from '../shared/scene-definition';
import { gilParams } from './gil-params';
import type { GilResult } from './gil-result';

/**
 * The GIL scene: "threads" that must hold one global interpreter lock to run, against
 * processes that each have their own. Light (in the initial bundle); runner and UI load lazily.
 */
export const gilScene = defineScene<typeof gilParams, GilResult>({
  id: 'gil',
  title: 'GIL: threads vs processes',
  summary:
    'Threads must hold one global interpreter lock to run Python code; processes each have their own. Measure it live: CPU-bound threads stay near 1×, processes reach N×, and waits that release the GIL let threads overlap.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'threading vs multiprocessing, the GIL',
      go: 'GOMAXPROCS(1) vs GOMAXPROCS(n)',
      shows: 'CPU-bound threads ≈ 1×, processes ≈ N×, measured',
    },
    {
      python: 'sys.setswitchinterval',
      go: 'the scheduler preempting a goroutine',
      shows: 'who holds the GIL and who waits, live',
    },
    {
      python: 'I/O releases the GIL',
      go: 'a goroutine blocked in a syscall frees its P',
      shows: 'sleeping threads overlap; the comparison table filled in',
    },
  ],
  params: gilParams,
  run: async (params, ctx) => (await import('./run-gil')).runGil(params, ctx),
  load: () => import('./GilScene'),
});
