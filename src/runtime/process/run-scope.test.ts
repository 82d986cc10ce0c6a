import { describe, expect, it } from 'vitest';
import { liveWorkerCount } from './process-table';
import { RunScope } from './run-scope';
import { Process } from './process';
import { RawValue } from '../shared/value';

describe('RunScope', () => {
  it('terminates everything it tracks when its signal aborts', async () => {
    const controller = new AbortController();
    const scope = new RunScope(controller.signal);
    const ps = [scope.process({ target: 'busyUntilStopped' }), scope.process({ target: 'sleepThenReturn', args: [60_000, 1] })];
    ps.forEach((p) => p.start());
    const other = { terminated: false, terminate() { this.terminated = true; } };
    scope.track(other);
    controller.abort();
    expect(scope.closed).toBe(true);
    await scope.close();
    expect(ps.map((p) => p.exitCode)).toEqual([-15, -15]);
    expect(other.terminated).toBe(true);
    expect(liveWorkerCount()).toBe(0);
    // Tracking into a closed scope terminates at once.
    const late = new Process({ target: 'busyUntilStopped' });
    late.start();
    scope.track(late);
    await late.join();
    expect(late.exitCode).toBe(-15);
  });

  it('each fresh worker runs the top-level side effect once', async () => {
    const scope = new RunScope();
    const counter = new RawValue('i', 0);
    const ps = [0, 1, 2].map(() => scope.process({ target: 'sideEffectCounter', args: [counter] }));
    ps.forEach((p) => p.start());
    await Promise.all(ps.map((p) => p.join()));
    expect(counter.value).toBe(3);
    await scope.close();
  });

  it('requestStop ends a cooperative task cleanly', async () => {
    const p = new Process({ target: 'busyUntilStopped' });
    p.start();
    while (p.firstInstructionAt === null) await new Promise((r) => setTimeout(r, 5));
    p.requestStop();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(p.result).toBeGreaterThan(0);
  });
});
