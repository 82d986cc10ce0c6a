import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { runStartMethods } from './run-start-methods';

afterEach(() => terminateAll());

describe('runStartMethods on real threads', () => {
  it('counts the top-level side effect once per new worker, not once per task', async () => {
    const r = await runStartMethods({ coldStarts: 4, poolSize: 2, warmDispatches: 40 }, { signal: new AbortController().signal });
    expect(r.newWorkers).toBe(6);
    expect(r.sideEffectRuns).toBe(6);
    expect(r.tasksRun).toBe(44);
    expect(r.tasksPerPoolWorker).toHaveLength(2);
    expect(r.tasksPerPoolWorker.reduce((a, b) => a + b, 0)).toBe(40);
    // The test process imported the module too: the parent's own run.
    expect(r.parentTopLevelRuns).toBe(1);
    expect(r.coldSamples).toHaveLength(4);
    expect(r.warmSamplesMs).toHaveLength(40);
    for (const s of r.coldSamples) {
      expect(s.moduleLoadMs).toBeLessThanOrEqual(s.coldStartMs + 1);
      expect(s.coldStartMs).toBeLessThanOrEqual(s.startJoinMs + 1);
    }
    expect(r.coldStartMs.min).toBeLessThanOrEqual(r.coldStartMs.median);
    expect(r.coldStartMs.median).toBeLessThanOrEqual(r.coldStartMs.max);
    // A warm dispatch skips the module load a cold start pays.
    expect(r.warmDispatchMs.median).toBeLessThan(r.startJoinMs.median);
    expect(liveWorkerCount()).toBe(0);
  });

  it('aborting mid-run leaves no worker', async () => {
    const controller = new AbortController();
    const pending = runStartMethods({ coldStarts: 3, poolSize: 2, warmDispatches: 5000 }, { signal: controller.signal });
    const caught = pending.catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 600));
    controller.abort();
    const error = await caught;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(liveWorkerCount()).toBe(0);
  });
});
