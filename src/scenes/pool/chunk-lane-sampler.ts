/**
 * Reads, a few times a second, which chunk each worker of the running pool holds (the pool
 * workers write it into their telemetry slot's CURRENT word, -1 when idle: a few Atomics.load,
 * never a message), and the chunks the call has finished so far with the times the workers
 * measured (epoch ms, turned into this page's performance.now() times), from index `finishedFrom`
 * on: the lanes' painter already has the earlier ones.
 */
import type { LaneSample } from '../../charts/worker-chunk-lanes';
import type { JobTiming } from '../../runtime';
import { P, telemetryBuffer } from '../../telemetry';
import type { ExperimentCall } from './run-experiment';

const PHASE_LABEL: Record<ExperimentCall['phase'], string> = {
  serial: 'serial baseline',
  'warm-up': 'warm-up (untimed)',
  timed: 'timed',
};

/**
 * One key per map call: an announced call can make several (the warm-up calls), and call ids
 * start again at 1 with every run, so neither the id nor the timing's start time is enough.
 */
const timingKeys = new WeakMap<JobTiming, string>();
let timings = 0;
function timingKey(timing: JobTiming): string {
  let key = timingKeys.get(timing);
  if (!key) timingKeys.set(timing, (key = `map call ${++timings}`));
  return key;
}

export function sampleChunkLanes(call: ExperimentCall | null, finishedFrom = 0): LaneSample | null {
  if (!call) return null;
  const telemetry = telemetryBuffer();
  const workers = call.pool.workers();
  const chunks = workers.map(({ slot }) => {
    if (slot < 0) return null;
    const chunk = Atomics.load(telemetry.i32, telemetry.processBase(slot) + P.CURRENT);
    return chunk >= 0 ? chunk : null;
  });
  const timing = call.pool.currentTiming();
  const origin = performance.timeOrigin;
  const finished = (timing?.chunks ?? []).slice(finishedFrom).map((c) => ({
    lane: c.lane,
    chunk: c.index,
    startedAt: c.startedAt - origin,
    endedAt: c.endedAt - origin,
  }));
  const repeat = call.phase === 'warm-up' ? '' : ` · repeat ${call.repeat}/${call.repeats}`;
  return {
    runKey: timing ? timingKey(timing) : `call ${call.id}, opening`,
    startedAt: timing ? timing.submittedAt - origin : performance.now(),
    chunks,
    finishedFrom,
    finished,
    caption: `${PHASE_LABEL[call.phase]} · pool of ${call.poolSize} · ${call.chunkCount} chunks of ${call.chunksize} task${call.chunksize === 1 ? '' : 's'}${repeat}`,
  };
}
