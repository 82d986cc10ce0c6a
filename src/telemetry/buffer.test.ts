import { describe, expect, it } from 'vitest';
import { Lock } from '../runtime/sync/lock';
import { TelemetryBuffer } from './buffer';
import { currentWriter, setTelemetryEnabled, telemetryBuffer } from './current';
import { MAX_RESOURCES, P, R, ResourceKind } from './layout';
import { takeSnapshot } from './snapshot';

describe('TelemetryBuffer', () => {
  it('claims every resource slot once, then reports 0 (untraced), and reuses freed ones', () => {
    const buf = TelemetryBuffer.create();
    const ids = Array.from({ length: MAX_RESOURCES }, () => buf.claimResource(ResourceKind.LOCK));
    expect(new Set(ids).size).toBe(MAX_RESOURCES);
    expect(Math.min(...ids)).toBe(1);
    expect(buf.claimResource(ResourceKind.LOCK)).toBe(0);
    buf.freeResource(77);
    expect(buf.claimResource(ResourceKind.QUEUE, 8)).toBe(77);
    expect(buf.i32[buf.resourceBase(77) + R.CAPACITY]).toBe(8);
  });

  it('counts uncontended acquisitions in the caller’s slot only while enabled', () => {
    const lock = new Lock();
    const w = currentWriter();
    const acquires = () => telemetryBuffer().i32[w.base + P.ACQUIRES];
    const before = acquires();
    lock.acquire();
    lock.release();
    expect(acquires()).toBe(before + 1);
    setTelemetryEnabled(false);
    try {
      lock.acquire();
      lock.release();
      expect(acquires()).toBe(before + 1);
      expect(takeSnapshot().enabled).toBe(false);
    } finally {
      setTelemetryEnabled(true);
    }
  });

  it('the snapshot lists the parent as pid 0 and named resources', () => {
    const lock = new Lock({ name: 'visible' });
    const snap = takeSnapshot();
    expect(snap.processes[0]).toMatchObject({ pid: 0, name: 'MainProcess', slot: 0 });
    expect(snap.resources.find((r) => r.id === lock.id)).toMatchObject({ kind: 'lock', name: 'visible', owner: -1 });
    lock.acquire();
    expect(takeSnapshot().resources.find((r) => r.id === lock.id)?.owner).toBe(0);
    lock.release();
  });
});
