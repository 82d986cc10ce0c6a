import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, PicklingError, ProcessError } from '../errors';
import { Lock } from '../sync/lock';
import { Process } from './process';
import { activeChildren, liveWorkerCount, shutdownParent, terminateAll } from './process-table';
import { processSnapshot, untilState } from './test-support';
import { Event } from '../sync/event';

afterEach(() => terminateAll());

describe('Process lifecycle and exit codes', () => {
  it('a task that returns exits 0 and keeps its result', async () => {
    const p = new Process({ target: 'sleepThenReturn', args: [1, { answer: 42 }] });
    expect(p.state).toBe('created');
    expect(p.exitCode).toBeNull();
    p.start();
    expect(p.isAlive()).toBe(true);
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(p.result).toEqual({ answer: 42 });
    expect(p.state).toBe('joined');
    expect(p.firstInstructionAt).toBeGreaterThanOrEqual(p.startedAt!);
    // Its worker thread ended by itself once the task was over: join() waits for that.
    expect(liveWorkerCount()).toBe(0);
    expect(processSnapshot(p)).toMatchObject({ state: 'exited', exitCode: 0 });
  });

  it('ctx.exit(code) gives that exit code', async () => {
    const p = new Process({ target: 'exitWith', args: [3] });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(3);
    expect(p.error).toBeNull();
  });

  it('an uncaught exception gives exit code 1 with the error kept for the parent', async () => {
    const p = new Process({ target: 'raiseError', args: ['boom'] });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(1);
    expect(p.error?.message).toBe('boom');
    expect(p.error?.name).toBe('Error');
    expect(p.error?.stack).toContain('raiseError');
  });

  it('terminate gives -15 and kill gives -9', async () => {
    const a = new Process({ target: 'busyUntilStopped' });
    const b = new Process({ target: 'busyUntilStopped' });
    a.start();
    b.start();
    a.terminate();
    b.kill();
    await Promise.all([a.join(), b.join()]);
    expect(a.exitCode).toBe(-15);
    expect(b.exitCode).toBe(-9);
    expect(a.isAlive()).toBe(false);
    expect(a.error).toBeNull();
    expect(liveWorkerCount()).toBe(0);
    // The telemetry slots say so too (the UI's lifecycle lanes read them).
    expect(processSnapshot(a)).toMatchObject({ state: 'exited', exitCode: -15 });
    expect(processSnapshot(b)).toMatchObject({ state: 'exited', exitCode: -9 });
  });

  it('a terminate at any moment of start-up, loading included, still ends the process with -15', async () => {
    // In Node a terminate that comes while the worker is still loading is held until the load is
    // over (platform/node.ts): it must be carried out then, and not be lost.
    const processes = Array.from({ length: 12 }, () => new Process({ target: 'busyUntilStopped' }));
    await Promise.all(
      processes.map(async (p, i) => {
        p.start();
        await new Promise((r) => setTimeout(r, i * 8));
        p.terminate();
        await p.join();
      }),
    );
    expect(processes.map((p) => p.exitCode)).toEqual(processes.map(() => -15));
    expect(liveWorkerCount()).toBe(0);
  });

  it('terminating a running task (not just a booting one) gives -15 and frees its locks', async () => {
    const lock = new Lock({ name: 'held' });
    const ready = new Event();
    const p = new Process({ target: 'holdLockForever', args: [lock, ready] });
    p.start();
    await ready.waitAsync();
    await untilState(p, 'sleeping');
    expect(lock.owner()).toBe(p.pid);
    p.terminate();
    expect(p.exitCode).toBeNull(); // set once the thread is really gone, as Python sets it when reaped
    await p.join();
    expect(p.exitCode).toBe(-15);
    expect(lock.ownerDied()).toBe(true);
    expect(processSnapshot(p)).toMatchObject({ state: 'exited', exitCode: -15, waitingOn: 0 });
  });

  it('stays a zombie until joined', async () => {
    const p = new Process({ target: 'exitWith', args: [0] });
    p.start();
    await p.join(0); // returns at once (timeout 0), like Python's join(0)
    await new Promise<void>((resolve) => {
      const poll = () => (p.exitCode !== null ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(p.state).toBe('exited');
    expect(p.zombie).toBe(true);
    await p.join();
    expect(p.zombie).toBe(false);
    expect(p.state).toBe('joined');
  });

  it('refuses to start twice and to join before start', async () => {
    const p = new Process({ target: 'exitWith', args: [0] });
    await expect(p.join()).rejects.toThrow(ProcessError);
    p.start();
    expect(() => p.start()).toThrow(/cannot start a process twice/);
    await p.join();
  });

  it('names an unknown task and lists the valid ones', () => {
    expect(() => new Process({ target: 'noSuchTask' })).toThrow(InvalidArgumentError);
    expect(() => new Process({ target: 'noSuchTask' })).toThrow(
      /target must be the name of a registered task \(one of: .*incrementCounter.*\) \(got "noSuchTask"\)/,
    );
  });

  it('fails at start() with PicklingError naming a function argument', () => {
    const p = new Process({ target: 'sleepThenReturn', args: [1, { onDone: function onDone() {} }] });
    expect(() => p.start()).toThrow(PicklingError);
    expect(() =>
      new Process({ target: 'sleepThenReturn', args: [1, { onDone: function onDone() {} }] }).start(),
    ).toThrow(/function onDone at args\[1\]\.onDone/);
    expect(p.state).toBe('created');
  });

  it('sends a Lock as a handle: the worker locks the same memory', async () => {
    const lock = new Lock({ name: 'shared' });
    const p = new Process({ target: 'holdLockThenExit', args: [lock, 0] });
    p.start();
    await p.join();
    // The worker returned holding it: the parent marked it owner-died.
    expect(lock.ownerDied()).toBe(true);
  });

  it('shutdownParent terminates daemon children and waits for the others', async () => {
    const daemon = new Process({ target: 'busyUntilStopped', daemon: true });
    const child = new Process({ target: 'sleepThenReturn', args: [50, 'done'] });
    expect(() => {
      daemon.start();
      daemon.daemon = false;
    }).toThrow(ProcessError);
    child.start();
    await shutdownParent();
    expect(daemon.exitCode).toBe(-15);
    expect(child.exitCode).toBe(0);
    expect(activeChildren()).toEqual([]);
  });

  it('terminateAll ends every worker', async () => {
    const ps = [0, 1].map(() => new Process({ target: 'busyUntilStopped' }));
    ps.forEach((p) => p.start());
    expect(liveWorkerCount()).toBe(2);
    await terminateAll();
    expect(liveWorkerCount()).toBe(0);
    expect(ps.every((p) => p.exitCode === -15)).toBe(true);
  });
});
