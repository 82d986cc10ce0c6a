/** A pool result flattened to table / CSV rows: one row per pool size plus the serial baseline. */
import type { CsvRow } from '../shared/export';
import type { PoolResult } from './pool-result';

export function resultRows(r: PoolResult): CsvRow[] {
  const common = {
    workload: r.workload,
    size: r.size,
    tasks: r.tasks,
    warm: r.warm,
    repeats: r.repeats,
    cores: r.cores,
  };
  return [
    {
      ...common,
      poolSize: 'serial',
      chunksize: '',
      medianMs: r.serialMs,
      minMs: r.serialMinMs,
      maxMs: r.serialMaxMs,
      speedup: 1,
      efficiency: 1,
      startupMs: 0,
      dispatchMs: 0,
      computeMs: r.serialMs,
      collectMs: 0,
      amdahlSerialFraction: r.amdahlSerialFraction,
    },
    ...r.points.map((p) => ({
      ...common,
      poolSize: p.poolSize,
      chunksize: p.chunksize,
      medianMs: p.medianMs,
      minMs: p.minMs,
      maxMs: p.maxMs,
      speedup: p.speedup,
      efficiency: p.efficiency,
      startupMs: p.breakdown.startupMs,
      dispatchMs: p.breakdown.dispatchMs,
      computeMs: p.breakdown.computeMs,
      collectMs: p.breakdown.collectMs,
      amdahlSerialFraction: r.amdahlSerialFraction,
    })),
  ];
}
