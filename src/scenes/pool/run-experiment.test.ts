import { describe, expect, it } from 'vitest';
import { liveWorkerCount } from '../../runtime';
import { defaults } from '../shared/params';
import { poolParams } from './pool-params';
import { runPoolExperiment } from './run-experiment';

// Real worker threads (the Node platform adapter): small sizes, so this stays a few seconds.
describe('runPoolExperiment', () => {
  it('measures a serial baseline and one point per pool size, with answers that agree', async () => {
    const calls: string[] = [];
    const progress: number[] = [];
    const result = await runPoolExperiment(
      { ...defaults(poolParams), size: 300_000, poolSizes: [1, 2], tasks: 8, repeats: 2, warm: true },
      { signal: new AbortController().signal, onProgress: (f) => progress.push(f) },
      { onCall: (call) => calls.push(`${call.phase} ${call.poolSize}`) },
    );
    expect(result.serialAnswer).toBe(((299_999n * 300_000n * 599_999n) / 6n).toString());
    expect(result.answersAgree).toBe(true);
    expect(result.points.map((p) => [p.poolSize, p.chunksize, p.timesMs.length])).toEqual([
      [1, 2, 2],
      [2, 1, 2],
    ]);
    for (const p of result.points) {
      expect(p.speedup).toBeCloseTo(result.serialMs / p.medianMs, 9);
      expect(p.breakdown.startupMs).toBe(0);
      expect(p.breakdown.computeMs).toBeGreaterThan(0);
    }
    // Serial warm-up, then rounds: serial and every pool size once, in alternating order.
    expect(calls).toEqual([
      'serial 1',
      'serial 1',
      'warm-up 1',
      'timed 1',
      'warm-up 2',
      'timed 2',
      'serial 1',
      'warm-up 2',
      'timed 2',
      'warm-up 1',
      'timed 1',
    ]);
    expect(progress.at(-1)).toBe(1);
    expect(liveWorkerCount()).toBe(0);
  });

  it('counts start-up for a cold pool', async () => {
    const result = await runPoolExperiment(
      { ...defaults(poolParams), size: 100_000, poolSizes: [2], tasks: 0, repeats: 1, warm: false },
      { signal: new AbortController().signal },
    );
    expect(result.points[0]!.breakdown.startupMs).toBeGreaterThan(0);
    expect(result.points[0]!.chunksize).toBe(1);
    expect(liveWorkerCount()).toBe(0);
  });

  it('stops promptly when aborted and leaves no worker', async () => {
    const controller = new AbortController();
    const run = runPoolExperiment(
      { ...defaults(poolParams), size: 400_000_000, poolSizes: [2], repeats: 5 },
      { signal: controller.signal },
      { onCall: () => setTimeout(() => controller.abort(), 50) },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(liveWorkerCount()).toBe(0);
  });
});
