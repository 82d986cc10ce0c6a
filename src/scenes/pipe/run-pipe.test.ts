import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import {
  addToBins,
  BIN_COUNT,
  binEdge,
  binOf,
  percentile,
  summarizeRtts,
  trimmedHistogram,
} from './pipe-result';
import { runPipe } from './run-pipe';

afterEach(() => terminateAll());

describe('runPipe on real workers', () => {
  it('times every round trip of every payload size, duplex', async () => {
    const r = await runPipe(
      { roundTrips: 500, payloadSizes: [0, 4_096], duplex: true },
      { signal: new AbortController().signal },
    );
    expect(r.points.map((p) => p.payloadBytes)).toEqual([0, 4_096]);
    for (const p of r.points) {
      expect(p.roundTrips).toBe(500);
      expect(p.histogram.counts.reduce((a, b) => a + b, 0)).toBe(500);
      expect(p.minUs).toBeGreaterThan(0);
      expect(p.minUs).toBeLessThanOrEqual(p.medianUs);
      expect(p.medianUs).toBeLessThanOrEqual(p.p99Us);
      expect(p.p99Us).toBeLessThanOrEqual(p.maxUs);
      // Two messages per round trip; the rate and elapsedMs are both rounded in the result.
      const expected = (2 * 500 * 1000) / p.elapsedMs;
      expect(Math.abs(p.msgsPerSec - expected)).toBeLessThanOrEqual(Math.max(1, expected * 1e-3));
    }
    expect(r.msgsPerSec).toBe(r.points[0]!.msgsPerSec);
    expect(liveWorkerCount()).toBe(0);
  });

  it('works with two one-way pipes too', async () => {
    const r = await runPipe(
      { roundTrips: 200, payloadSizes: [100], duplex: false },
      { signal: new AbortController().signal },
    );
    expect(r.points[0]!.roundTrips).toBe(200);
    expect(r.duplex).toBe(false);
  });

  it('a message larger than the default pipe buffer still goes through', async () => {
    const r = await runPipe(
      { roundTrips: 20, payloadSizes: [1_048_576], duplex: true },
      { signal: new AbortController().signal },
    );
    expect(r.points[0]!.mbPerSec).toBeGreaterThan(0);
  });

  it('Stop terminates both processes', async () => {
    const controller = new AbortController();
    const pending = runPipe(
      { roundTrips: 200_000, payloadSizes: [65_536, 65_536], duplex: true },
      { signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/);
    expect(liveWorkerCount()).toBe(0);
  });
});

describe('latency statistics', () => {
  it('percentiles by nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 90)).toBe(9);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile([], 50)).toBe(0);
  });

  it('log bins: 10 per decade, each sample in the bin whose edges hold it', () => {
    for (const us of [0.5, 1, 7.3, 42, 999, 12_345]) {
      const b = binOf(us);
      expect(binEdge(b)).toBeLessThanOrEqual(us * (1 + 1e-9));
      expect(binEdge(b + 1)).toBeGreaterThan(us);
    }
    const counts = new Array<number>(BIN_COUNT).fill(0);
    addToBins(counts, [10, 10, 100]);
    const h = trimmedHistogram(counts);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(h.edgesUs[0]).toBeCloseTo(10, 6);
    expect(h.edgesUs.at(-1)).toBeCloseTo(10 ** 2.1, 3);
  });

  it('summarizes RTTs into rates and a histogram', () => {
    const p = summarizeRtts(Float64Array.from([30, 10, 20]), 1_000, 1);
    expect(p.minUs).toBe(10);
    expect(p.medianUs).toBe(20);
    expect(p.maxUs).toBe(30);
    expect(p.meanUs).toBe(20);
    expect(p.roundTripsPerSec).toBe(3_000);
    expect(p.msgsPerSec).toBe(6_000);
    expect(p.mbPerSec).toBe(6);
  });
});
