/**
 * Reads, once per animation frame, which chunk each worker of the running pool holds: the
 * pool workers write it into their telemetry slot's CURRENT word (-1 when idle), so sampling
 * costs a few Atomics.load and never a message.
 */
import type { LaneSample } from '../../charts/worker-chunk-lanes';
import { P, telemetryBuffer } from '../../telemetry';
import type { ExperimentCall } from './run-experiment';

const PHASE_LABEL: Record<ExperimentCall['phase'], string> = {
  serial: 'serial baseline',
  'warm-up': 'warm-up (untimed)',
  timed: 'timed',
};

export function sampleChunkLanes(call: ExperimentCall | null): LaneSample | null {
  if (!call) return null;
  const telemetry = telemetryBuffer();
  const workers = call.pool.workers();
  const chunks = workers.map(({ slot }) => {
    if (slot < 0) return null;
    const chunk = Atomics.load(telemetry.i32, telemetry.processBase(slot) + P.CURRENT);
    return chunk >= 0 ? chunk : null;
  });
  const completed = workers.map(() => 0);
  for (const chunk of call.pool.currentTiming()?.chunks ?? []) completed[chunk.lane] = (completed[chunk.lane] ?? 0) + 1;
  const repeat = call.phase === 'warm-up' ? '' : ` · repeat ${call.repeat}/${call.repeats}`;
  return {
    runKey: String(call.id),
    chunks,
    completed,
    caption: `${PHASE_LABEL[call.phase]} · pool of ${call.poolSize} · ${call.chunkCount} chunks of ${call.chunksize} task${call.chunksize === 1 ? '' : 's'}${repeat}`,
  };
}

