// TEMPORARY while src/runtime/pool is being written: replaced by the real adapter.
import type { Workload } from './pool-params';
import type { TimeBreakdown } from './pool-result';
import type { Range } from './workloads';

export interface ExperimentPool {
  readonly size: number;
  readonly ready: Promise<void>;
  pids(): readonly number[];
  run(ranges: readonly Range[], chunksize: number): Promise<{ answer: number; breakdown: Omit<TimeBreakdown, 'startupMs'> }>;
  terminate(): void;
}

export function openExperimentPool(_n: number, _workload: Workload): ExperimentPool {
  throw new Error('Pool is not in the runtime yet');
}

export async function measureWarmDispatch(_count: number): Promise<{ medianMs: number }> {
  throw new Error('Pool is not in the runtime yet');
}
