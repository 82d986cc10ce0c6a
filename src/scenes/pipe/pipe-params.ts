/**
 * The pipe scene's parameters: one schema for the URL, the controls and
 * `window.playground.run('pipe', …)`. No runtime imports (the definition is in the initial bundle).
 */
import type { ParamValues } from '../shared/params';

export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export const pipeParams = {
  roundTrips: {
    kind: 'int',
    label: 'Round trips per payload size',
    min: 1,
    max: 200_000,
    default: 5_000,
    help: 'Timed ping-pongs for each payload size (after a short untimed warm-up).',
  },
  payloadSizes: {
    kind: 'int-list',
    label: 'Payload sizes (bytes)',
    min: 0,
    max: MAX_PAYLOAD_BYTES,
    minLength: 1,
    maxLength: 6,
    default: [0, 1_024, 65_536],
    help: 'Comma-separated message sizes; 0 sends a small int. Each size is measured in turn.',
  },
  duplex: {
    kind: 'bool',
    label: 'Duplex pipe',
    default: true,
    help: 'On: one Pipe() with both ends able to send. Off: two one-way Pipe(duplex=False), one per direction.',
  },
} as const;

export type PipeParams = ParamValues<typeof pipeParams>;

/** Untimed round trips before each size: enough for the JIT, not enough to matter. */
export function warmUpFor(roundTrips: number): number {
  return Math.min(500, Math.max(10, Math.floor(roundTrips / 10)));
}

/** A buffer for each direction that holds the largest message with room to spare. */
export function pipeCapacityFor(payloadSizes: readonly number[]): number {
  const largest = Math.max(0, ...payloadSizes);
  let bytes = 256 * 1024;
  while (bytes < 2 * largest + 4096) bytes *= 2;
  return bytes;
}
