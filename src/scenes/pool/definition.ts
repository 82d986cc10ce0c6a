import { defineScene } from '../shared/scene-definition';
import { checkWorkloadSize, poolParams } from './pool-params';
import type { PoolResult } from './pool-result';

/**
 * The pool scene: speedup experiments on real workers, and Pool's semantics. The definition is
 * light (it is in the initial bundle); the runner and the UI load on first use.
 */
export const poolScene = defineScene<typeof poolParams, PoolResult>({
  id: 'pool',
  title: 'Pool: speedup and chunks',
  summary:
    'Sweep the pool size on a CPU-bound kernel and measure where processes pay off: speedup against the ideal line, an Amdahl fit, the overhead split, and chunks dealt to workers live.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Pool.map, chunksize',
      go: 'worker goroutines reading a jobs channel',
      shows: 'chunks dealt to workers, speedup vs pool size',
    },
    {
      python: 'apply_async + get(timeout)',
      go: 'goroutine + select with time.After',
      shows: 'TimeoutError, exceptions held until get()',
    },
    {
      python: 'Pool(initializer=…)',
      go: 'a closure capturing a *sync.Mutex',
      shows: 'each worker handed a shared lock and counter',
    },
  ],
  params: poolParams,
  async run(params, ctx) {
    checkWorkloadSize(params);
    const { runPoolExperiment } = await import('./run-experiment');
    return runPoolExperiment(params, ctx);
  },
  load: () => import('./PoolScene'),
});
