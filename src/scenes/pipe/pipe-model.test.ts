import { describe, expect, it } from 'vitest';
import { goPipeProgram, pythonPipeProgram } from './pipe-code';
import { pipeCapacityFor, warmUpFor } from './pipe-params';
import { formatBytes } from './pipe-result';

describe('pipe settings', () => {
  it('gives each direction a buffer for the largest message', () => {
    expect(pipeCapacityFor([0, 1_024])).toBe(256 * 1024);
    expect(pipeCapacityFor([4 * 1024 * 1024])).toBeGreaterThanOrEqual(8 * 1024 * 1024 + 4096);
  });

  it('warms up a tenth of the round trips, between 10 and 500', () => {
    expect(warmUpFor(1)).toBe(10);
    expect(warmUpFor(2_000)).toBe(200);
    expect(warmUpFor(200_000)).toBe(500);
  });

  it('formats sizes the way the table shows them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1_024)).toBe('1 KiB');
    expect(formatBytes(262_144)).toBe('256 KiB');
    expect(formatBytes(1_500)).toBe('1.5 KiB');
  });
});

describe('the programs', () => {
  it('Python uses Pipe() when duplex, two Pipe(duplex=False) otherwise; Go uses unbuffered channels', () => {
    expect(pythonPipeProgram({ roundTrips: 10, payloadSizes: [0], duplex: true })).toContain('DUPLEX = True');
    expect(pythonPipeProgram({ roundTrips: 10, payloadSizes: [0, 1_024], duplex: false })).toContain(
      'PAYLOAD_SIZES = [0, 1_024]',
    );
    const go = goPipeProgram({ roundTrips: 10, payloadSizes: [0, 64], duplex: true });
    expect(go).toContain('ping := make(chan []byte)');
    expect(go).toContain('var payloadSizes = []int{0, 64}');
  });
});
