import { describe, expect, it } from 'vitest';
import { newTiming } from '../../runtime/pool/async-result';
import type { JobTiming } from '../../runtime';
import { sampleChunkLanes } from './chunk-lane-sampler';
import type { ExperimentCall } from './run-experiment';

/** An announced call whose pool answers with whichever map call is current. */
function callWith(id: number, timing: () => JobTiming | null): ExperimentCall {
  return {
    id,
    phase: 'warm-up',
    poolSize: 2,
    repeat: 1,
    repeats: 1,
    chunksize: 1,
    chunkCount: 2,
    pool: {
      size: 2,
      ready: Promise.resolve(),
      workers: () => [],
      currentTiming: timing,
      run: () => Promise.reject(new Error('not in this test')),
      terminate: () => Promise.resolve(),
    },
  };
}

const finished = (timing: JobTiming, index: number) =>
  timing.chunks.push({ index, lane: index % 2, items: 1, startedAt: 10, endedAt: 20 });

describe('sampleChunkLanes', () => {
  it('gives each map call its own key, even under one announced call and across runs', () => {
    let current: JobTiming | null = newTiming();
    const call = callWith(1, () => current);
    const first = sampleChunkLanes(call)!;
    expect(sampleChunkLanes(call)!.runKey).toBe(first.runKey);
    // The warm-up makes its next map call under the same announced call.
    current = newTiming();
    expect(sampleChunkLanes(call)!.runKey).not.toBe(first.runKey);
    // A new run numbers its calls from 1 again.
    const again = callWith(1, () => newTiming());
    expect(sampleChunkLanes(again)!.runKey).not.toBe(first.runKey);
    // While the pool opens there is no map call yet: a key of its own, no chunks.
    current = null;
    const opening = sampleChunkLanes(call)!;
    expect(opening.runKey).not.toBe(first.runKey);
    expect(opening.finished).toEqual([]);
  });

  it('sends only the finished chunks from the index asked for', () => {
    const timing = newTiming();
    for (let i = 0; i < 5; i++) finished(timing, i);
    const sample = sampleChunkLanes(
      callWith(1, () => timing),
      3,
    )!;
    expect(sample.finishedFrom).toBe(3);
    expect(sample.finished.map((c) => c.chunk)).toEqual([3, 4]);
  });
});
