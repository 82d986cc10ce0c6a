/**
 * Process's contract with its worker, driven by a fake platform (no threads): what the parent
 * does when the worker errors, vanishes, or cannot be booted. Vitest isolates test files, so
 * the fake platform installed here replaces the Node one in this file only.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../errors';
import { setPlatform, type Platform, type WorkerLike } from '../platform/platform';
import { now } from '../platform/clock';
import { Lock } from '../sync/lock';
import { Process } from './process';
import { liveWorkerCount } from './process-table';
import type { BootMessage } from './protocol';

interface FakeWorker {
  boot: BootMessage | null;
  terminated: number;
  send(m: unknown): void;
  error(e: ErrorInfo): void;
  exit(): void;
}

let workers: FakeWorker[] = [];
let failPost = false;

function fakePlatform(kind: 'node' | 'browser'): Platform {
  return {
    kind,
    now,
    cpuCount: () => 2,
    spawn(): WorkerLike {
      const message: ((m: unknown) => void)[] = [];
      const error: ((e: ErrorInfo) => void)[] = [];
      const exit: (() => void)[] = [];
      let gone = false;
      const w: FakeWorker = {
        boot: null,
        terminated: 0,
        send: (m) => message.forEach((l) => l(m)),
        error: (e) => error.forEach((l) => l(e)),
        exit: () => {
          if (gone) return;
          gone = true;
          exit.forEach((l) => l());
        },
      };
      workers.push(w);
      return {
        postMessage(m) {
          if (failPost) throw new Error('DataCloneError: could not be cloned');
          w.boot = m as BootMessage;
        },
        onMessage: (l) => message.push(l),
        onError: (l) => error.push(l),
        onExit: (l) => exit.push(l),
        terminate() {
          w.terminated++;
          // Node reports the thread's end asynchronously; the browser adapter at once.
          if (kind === 'browser') w.exit();
          else setTimeout(() => w.exit(), 1);
        },
      };
    },
  };
}

beforeEach(() => {
  workers = [];
  failPost = false;
  setPlatform(fakePlatform('node'));
});

describe('Process with a fake worker', () => {
  it('a worker error (e.g. its entry failed to load) ends the process with code 1 and the error', async () => {
    const p = new Process({ target: 'sleepThenReturn', args: [0, 1] });
    p.start();
    const [w] = workers;
    expect(w.boot?.pid).toBe(p.pid);
    w.error({ name: 'SyntaxError', message: 'Unexpected token' });
    expect(p.exitCode).toBe(1);
    expect(p.error).toEqual({ name: 'SyntaxError', message: 'Unexpected token' });
    expect(w.terminated).toBeGreaterThan(0);
    await p.join();
    expect(liveWorkerCount()).toBe(0);
  });

  it('a thread that ends without an exit message is reported, not left running', async () => {
    const lock = new Lock();
    const p = new Process({ target: 'holdLockForever', args: [lock] });
    p.start();
    // Pretend the worker took the lock, then its thread vanished.
    Atomics.store(lock.i32, 0, (p.pid << 2) | 1);
    workers[0].exit();
    await p.join();
    expect(p.exitCode).toBe(1);
    expect(p.error?.message).toMatch(/worker thread ended unexpectedly/);
    expect(lock.ownerDied()).toBe(true);
  });

  it('the exit message ends the thread too, and a later exit event changes nothing', async () => {
    const p = new Process({ target: 'sleepThenReturn', args: [0, 'r'] });
    p.start();
    const [w] = workers;
    w.send({ type: 'started', at: now() });
    w.send({ type: 'exit', code: 0, result: 'r' });
    expect(p.exitCode).toBe(0);
    expect(w.terminated).toBe(1);
    await p.join();
    expect(p.result).toBe('r');
    expect(p.exitCode).toBe(0);
    expect(p.error).toBeNull();
    p.terminate(); // already over: a no-op, like Python's terminate() on a finished process
    expect(p.exitCode).toBe(0);
  });

  it('a boot message that cannot be posted fails start() and ends the worker', async () => {
    failPost = true;
    const p = new Process({ target: 'sleepThenReturn', args: [0, 1] });
    expect(() => p.start()).toThrow(/could not be cloned/);
    expect(p.exitCode).toBe(1);
    expect(workers[0].terminated).toBe(1);
    await p.join();
    expect(liveWorkerCount()).toBe(0);
  });

  it('in a browser, terminate() ends the process at once with -15', async () => {
    setPlatform(fakePlatform('browser'));
    const p = new Process({ target: 'busyUntilStopped' });
    p.start();
    p.terminate();
    expect(p.exitCode).toBe(-15);
    await p.join();
    expect(p.state).toBe('joined');
    expect(liveWorkerCount()).toBe(0);
  });
});
