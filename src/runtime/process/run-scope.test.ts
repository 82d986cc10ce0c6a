import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from './process-table';
import { RunScope } from './run-scope';
import { Process } from './process';
import { processSnapshot, until } from './test-support';
import { RawValue } from '../shared/value';

afterEach(() => terminateAll());

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
    expect(scope.signal.aborted).toBe(true);
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

  it('a process not yet started when the scope closed never spawns a worker', async () => {
    const scope = new RunScope();
    const early = scope.process({ target: 'busyUntilStopped' });
    await scope.close();
    // Created into the closed scope: no ProcessError from terminating an unstarted process.
    const late = scope.process({ target: 'busyUntilStopped' });
    const failing = { terminate: () => Promise.reject(new Error('already gone')) };
    expect(scope.track(failing)).toBe(failing);
    early.start();
    late.start();
    expect(liveWorkerCount()).toBe(0);
    await Promise.all([early.join(), late.join()]);
    expect([early.exitCode, late.exitCode]).toEqual([-15, -15]);
    expect([early.state, late.state]).toEqual(['joined', 'joined']);
  });

  it('each fresh worker runs the top-level side effect once', async () => {
    const scope = new RunScope();
    const counter = new RawValue('i', 0);
    const ps = [0, 1].map(() => scope.process({ target: 'sideEffectCounter', args: [counter] }));
    ps.forEach((p) => p.start());
    await Promise.all(ps.map((p) => p.join()));
    for (const p of ps) expect(p.exitCode, p.error?.message).toBe(0);
    expect(counter.value).toBe(2);
    await scope.close();
  });

  it('requestStop ends a cooperative task cleanly', async () => {
    const p = new Process({ target: 'busyUntilStopped' });
    p.start();
    // Wait until the task is really spinning (it counts ops every 65,536 spins).
    await until(() => (processSnapshot(p)?.ops ?? 0) > 0, 'busyUntilStopped is spinning');
    p.requestStop();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(p.result).toBeGreaterThan(0);
  });
});
