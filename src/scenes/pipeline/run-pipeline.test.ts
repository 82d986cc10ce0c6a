import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { defaults } from '../shared/params';
import { pipelineParams, type PipelineParams } from './pipeline-params';
import { checkCounts } from './pipeline-result';
import { runPipeline } from './run-pipeline';

afterEach(() => terminateAll());

const base: PipelineParams = { ...defaults(pipelineParams), workUs: 0, holdUs: 0 };
const signal = () => new AbortController().signal;

describe('runPipeline on real workers', () => {
  it('with the lock, every count along the flowchart adds up', async () => {
    const r = await runPipeline({ ...base, workers: 4, tasks: 3_000, holdUs: 5 }, { signal: signal() });
    expect(r.discrepancies).toEqual([]);
    expect(r.countsAddUp).toBe(true);
    expect(r.counts).toEqual({
      tasksPut: 3_000,
      tasksTaken: 3_000,
      lockAcquisitions: 3_000,
      sharedUpdates: 3_000,
      resultsPut: 3_000,
      resultsCollected: 3_000,
      sentinelsSent: 4,
      sentinelsTaken: 4,
    });
    expect(r.shared.lostUpdates).toBe(0);
    expect(r.shared.sum).toBe(r.shared.expectedSum);
    expect(r.collectedSum).toBe(r.shared.expectedSum);
    expect(r.perWorker.reduce((s, w) => s + w.tasks, 0)).toBe(3_000);
    expect(liveWorkerCount()).toBe(0);
  });

  it('without the lock, updates of the shared tally are lost and the run says which counts disagree', async () => {
    const r = await runPipeline(
      { ...base, workers: 4, tasks: 2_000, holdUs: 50, lock: false },
      { signal: signal() },
    );
    expect(r.counts.resultsCollected).toBe(2_000);
    expect(r.collectedSum).toBe(r.shared.expectedSum);
    expect(r.shared.lostUpdates).toBeGreaterThan(0);
    expect(r.countsAddUp).toBe(false);
    expect(r.discrepancies.join('\n')).toMatch(
      /tasks counted by the shared resource: [\d,]+, expected 2,000/,
    );
  });

  it('Stop terminates every worker', async () => {
    const controller = new AbortController();
    const pending = runPipeline(
      { ...base, workers: 3, tasks: 100_000, workUs: 500 },
      { signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/);
    expect(liveWorkerCount()).toBe(0);
  });
});

describe('checkCounts', () => {
  it('names each count that disagrees', () => {
    const counts = {
      tasksPut: 5,
      tasksTaken: 5,
      lockAcquisitions: 5,
      sharedUpdates: 5,
      resultsPut: 5,
      resultsCollected: 4,
      sentinelsSent: 2,
      sentinelsTaken: 2,
    };
    const shared = { tasksCounted: 5, sum: 10, expectedTasks: 5, expectedSum: 10, lostUpdates: 0 };
    expect(checkCounts({ tasks: 5, workers: 2, lock: true, counts, shared, collectedSum: 10 })).toEqual([
      'results collected: 4, expected 5',
    ]);
    expect(
      checkCounts({
        tasks: 5,
        workers: 2,
        lock: true,
        counts: { ...counts, resultsCollected: 5 },
        shared,
        collectedSum: 10,
      }),
    ).toEqual([]);
  });
});
