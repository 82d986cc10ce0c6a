import { describe, expect, it } from 'vitest';
import { comparisonTable, median, mergeTable, modeResult, summariseWorkers, wallMs, type GilSample, type GilWorkloadResult } from './gil-result';

const report = (name: string, startedAt: number, endedAt: number, heldMs: number) => ({
  pid: 1, name, tasksDone: 1, startedAt, endedAt, heldMs, gilWaitMs: 0, ioMs: 0, longestGilWaitMs: 0, acquisitions: 1, forcedDrops: 0, dropRequests: 0,
});

describe('GIL result arithmetic', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('wall time spans the first start to the last end; GIL shares add up to 1', () => {
    const reports = [report('Thread-1', 100, 400, 150), report('Thread-2', 110, 390, 50)];
    expect(wallMs(reports)).toBe(300);
    expect(summariseWorkers(reports).map((w) => w.gilShare)).toEqual([0.75, 0.25]);
  });

  it('speedup is the serial median over the mode median; the representative repeat is the median one', () => {
    const sample = (ms: number, switches: number): GilSample => ({ ms, workers: [], switches, forcedDrops: 0, dropRequests: 0, ioReleases: 0 });
    const r = modeResult([sample(500, 1), sample(300, 2), sample(400, 3)], 800, 2);
    expect(r.ms).toBe(400);
    expect(r.speedup).toBe(2);
    expect(r.efficiency).toBe(1);
    expect([r.minMs, r.maxMs]).toEqual([300, 500]);
    expect(r.switches).toBe(3);
  });

  it('the table is in the tutorials order and keeps the latest row per workload', () => {
    const m = (workload: GilWorkloadResult['workload'], threads: number): GilWorkloadResult => {
      const mode = { ms: 100 / threads, minMs: 0, maxMs: 0, speedup: threads, efficiency: 0, workers: [], switches: 0, forcedDrops: 0, dropRequests: 0, ioReleases: 0, samplesMs: [] };
      return { workload, tasks: 1, cpuOpsPerTask: 1, ioMsPerTask: 0, serialMs: 100, serialSamplesMs: [100], threads: mode, processes: mode };
    };
    const first = comparisonTable([m('mixed', 1.5), m('cpu-bound', 1)], 2);
    expect(first.map((r) => r.workload)).toEqual(['cpu-bound', 'mixed']);
    const merged = mergeTable(first, comparisonTable([m('io-bound', 2), m('mixed', 1.6)], 2));
    expect(merged.map((r) => [r.workload, r.threadsSpeedup])).toEqual([
      ['cpu-bound', 1],
      ['io-bound', 2],
      ['mixed', 1.6],
    ]);
  });
});
