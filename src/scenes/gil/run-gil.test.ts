import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { defaults } from '../shared/params';
import { gilParams, type GilParams } from './gil-params';
import { runGil } from './run-gil';

afterEach(() => terminateAll());

const base: GilParams = { ...defaults(gilParams), workers: 2, repeats: 1, tasks: 12, cpuWork: 4, ioMs: 8 };

describe('runGil on real threads', () => {
  it('threads of one interpreter never hold the GIL at the same time; processes do', async () => {
    const result = await runGil(base, { signal: new AbortController().signal });
    const held = (mode: 'threads' | 'processes') => result[mode].workers.reduce((sum, w) => sum + w.heldMs, 0);
    // Mutual exclusion: the threads' GIL time adds up to at most the wall time.
    expect(held('threads')).toBeLessThanOrEqual(result.threads.ms * 1.02 + 1);
    // Both threads got turns (forced switching), and the GIL changed hands many times.
    for (const w of result.threads.workers) {
      expect(w.tasksDone).toBeGreaterThan(0);
      expect(w.gilShare).toBeGreaterThan(0.1);
    }
    expect(result.threads.switches).toBeGreaterThan(2);
    expect(result.processes.switches).toBe(0);
    expect(result.threads.workers.reduce((s, w) => s + w.tasksDone, 0)).toBe(12);
    expect(result.processes.workers.reduce((s, w) => s + w.tasksDone, 0)).toBe(12);
    expect(result.table.map((r) => r.workload)).toEqual(['cpu-bound']);
    expect(liveWorkerCount()).toBe(0);
  });

  it('an I/O-bound wait releases the GIL', async () => {
    const result = await runGil({ ...base, workload: 'io-bound' }, { signal: new AbortController().signal });
    expect(result.threads.ioReleases).toBe(12);
    for (const w of result.threads.workers) expect(w.ioMs).toBeGreaterThan(0);
    // While one thread waits the other runs: together they spent more time waiting than the wall time.
    const waited = result.threads.workers.reduce((s, w) => s + w.ioMs, 0);
    expect(waited).toBeGreaterThan(result.threads.ms);
  });

  it('compareAll fills every row of the table, in the tutorials order', async () => {
    const result = await runGil({ ...base, workload: 'mixed', compareAll: true, tasks: 4, cpuWork: 1, ioMs: 2 }, { signal: new AbortController().signal });
    expect(result.measurements.map((m) => m.workload)).toEqual(['mixed', 'cpu-bound', 'io-bound']);
    expect(result.table.map((r) => r.workload)).toEqual(['cpu-bound', 'io-bound', 'mixed']);
    expect(result.serialMs).toBe(result.measurements[0]!.serialMs);
  });

  it('without forced switching the run still completes every task (who gets the GIL is up to the race)', async () => {
    const result = await runGil({ ...base, forceSwitch: false }, { signal: new AbortController().signal });
    expect(result.forceSwitch).toBe(false);
    expect(result.threads.workers.reduce((s, w) => s + w.tasksDone, 0)).toBe(12);
  });

  it('aborting stops every worker', async () => {
    const controller = new AbortController();
    const pending = runGil({ ...base, tasks: 400, cpuWork: 200 }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    expect(liveWorkerCount()).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/i);
    expect(liveWorkerCount()).toBe(0);
  });
});
