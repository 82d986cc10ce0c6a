import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { methodResult } from './manager-result';
import { runManager } from './run-manager';

afterEach(() => terminateAll());

describe('runManager on real workers', () => {
  it('counts exactly all three ways, and the Manager is slower per increment than the shared Value', async () => {
    const r = await runManager(
      { processes: 2, opsPerProcess: 300, payloadSizes: [16, 4_096] },
      { signal: new AbortController().signal },
    );
    expect(r.methods.map((m) => m.method)).toEqual(['manager-dict', 'shared-value', 'message-passing']);
    for (const m of r.methods) {
      expect(m.expected).toBe(600);
      expect(m.finalCount).toBe(600);
      expect(m.correct).toBe(true);
      expect(m.usPerOp).toBeGreaterThan(0);
    }
    const [manager, shared] = r.methods;
    expect(manager!.usPerOp).toBeGreaterThan(shared!.usPerOp);
    expect(r.managerSlowerBy).toBeGreaterThan(1);
    expect(r.serialization.map((s) => `${s.kind}:${s.payloadBytes}`)).toEqual([
      'bytes:16',
      'bytes:4096',
      'list:16',
      'list:4096',
    ]);
    expect(r.serialization.every((s) => s.pickleUs > 0 && s.unpickleUs > 0)).toBe(true);
    expect(r.picklingErrors.length).toBe(3);
    for (const f of r.picklingErrors) expect(f.error).toBe('PicklingError');
    expect(r.picklingErrors[0]!.message).toMatch(/function/);
    expect(liveWorkerCount()).toBe(0);
  });

  it('Stop terminates every worker, the manager process included', async () => {
    const controller = new AbortController();
    const pending = runManager(
      { processes: 3, opsPerProcess: 200_000, payloadSizes: [16] },
      { signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(liveWorkerCount()).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/);
    expect(liveWorkerCount()).toBe(0);
  });
});

describe('Stop while the manager process is still starting', () => {
  it('leaves no worker behind', async () => {
    const controller = new AbortController();
    const pending = runManager(
      { processes: 2, opsPerProcess: 1_000, payloadSizes: [16] },
      { signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/);
    const deadline = Date.now() + 1_000;
    while (liveWorkerCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(liveWorkerCount()).toBe(0);
  });
});

describe('methodResult', () => {
  it('times from the first start to the last landing, and divides by all increments', () => {
    const m = methodResult({
      method: 'message-passing',
      label: 'x',
      python: 'y',
      processes: 2,
      ops: 1_000,
      spans: [
        { startedAt: 100, endedAt: 150, ops: 500 },
        { startedAt: 101, endedAt: 160, ops: 500 },
      ],
      landedAt: 200,
      finalCount: 1_000,
    });
    expect(m.wallMs).toBe(100);
    expect(m.usPerOp).toBe(100);
    expect(m.opsPerSec).toBe(10_000);
    expect(m.perProcessUsPerOp).toBeCloseTo((100 + 118) / 2, 6);
    expect(m.correct).toBe(true);
  });
});
