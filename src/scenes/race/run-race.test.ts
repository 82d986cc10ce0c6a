import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount } from '../../runtime';
import { defaults } from '../shared/params';
import { raceParams, type RaceParams } from './race-params';
import { runRace, type RepeatLive } from './run-race';

const params = (patch: Partial<RaceParams>): RaceParams => ({ ...defaults(raceParams), ...patch });
const context = (signal = new AbortController().signal) => ({ signal });

afterEach(() => {
  expect(liveWorkerCount()).toBe(0);
});

describe('runRace on real worker threads', () => {
  it('is exact with a lock, and reports every repeat in the documented shape', async () => {
    const ended: number[] = [];
    const result = await runRace(
      params({ processes: 2, increments: 200_000, sync: 'lock', repeats: 2 }),
      context(),
      {
        repeatEnded: (run) => ended.push(run.repeat),
      },
    );
    expect(result).toMatchObject({
      scene: 'race',
      expected: 400_000,
      lostUpdates: 0,
      exact: true,
      repeats: 2,
    });
    expect(result.runs).toHaveLength(2);
    for (const run of result.runs) {
      expect(run).toMatchObject({ final: 400_000, lostUpdates: 0 });
      expect(run.ms).toBeGreaterThan(0);
      // One acquisition per increment, and each process did its share.
      expect(run.acquisitions).toEqual([200_000, 200_000]);
    }
    expect(ended).toEqual([1, 2]);
    expect(result.incrementsPerSec).toBeGreaterThan(0);
    expect(result.code.python).toContain('with lock:');
    expect(result.code.go).toContain('mu.Lock()');
  });

  it('holds the lock once per batch', async () => {
    const result = await runRace(
      params({ processes: 2, increments: 100_000, sync: 'lock', batch: 64, repeats: 1 }),
      context(),
    );
    expect(result.runs[0]!.final).toBe(200_000);
    // ceil(100,000 / 64) holds per process.
    expect(result.runs[0]!.acquisitions).toEqual([1_563, 1_563]);
  });

  it('is exact with an atomic add', async () => {
    const result = await runRace(
      params({ processes: 3, increments: 100_000, sync: 'atomic', repeats: 1 }),
      context(),
    );
    expect(result.runs[0]!.final).toBe(300_000);
  });

  it('loses updates without a lock, and with Value(lock=True)', async () => {
    for (const sync of ['none', 'value-lock'] as const) {
      const result = await runRace(
        params({ processes: 2, increments: 1_000_000, sync, repeats: 3 }),
        context(),
      );
      for (const run of result.runs) expect(run.final).toBeLessThanOrEqual(2_000_000);
      // Three repeats of two overlapping million-increment loops: losing nothing at all would mean no race.
      expect(Math.max(...result.runs.map((r) => r.lostUpdates)), sync).toBeGreaterThan(0);
      expect(result.exact).toBe(false);
    }
  });

  it('fails with the worker’s error instead of hanging when a worker dies before the start line', async () => {
    // An invalid mode only the worker checks: it throws before reaching the start barrier.
    const bad = params({ processes: 2, increments: 1_000, repeats: 1, sync: 'bogus' as RaceParams['sync'] });
    await expect(runRace(bad, context())).rejects.toThrow(/P1 exited with code 1: .*mode/);
  });

  it('stops on abort and leaves no worker behind', async () => {
    const controller = new AbortController();
    const started: RepeatLive[] = [];
    const running = runRace(
      params({ processes: 2, increments: 10_000_000, sync: 'lock', repeats: 100 }),
      context(controller.signal),
      {
        repeatStarted: (live) => started.push(live),
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const t = performance.now();
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(started.length).toBeGreaterThan(0);
  });
});
