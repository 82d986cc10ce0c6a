import { describe, expect, it, vi } from 'vitest';
import { abortable, activeRun, isAbort, startRun, stopRun } from './run-controller';

describe('run controller', () => {
  it('resolves with the body result and clears the active run', async () => {
    const result = await startRun('demo', async () => 42);
    expect(result).toBe(42);
    await Promise.resolve();
    expect(activeRun()).toBeNull();
  });

  it('stopRun rejects the running promise with an AbortError and waits for cleanup', async () => {
    let cleanedUp = false;
    let bodyStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (bodyStarted = resolve));
    const running = startRun('demo', (signal) => {
      bodyStarted();
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          setTimeout(() => {
            cleanedUp = true;
            reject(signal.reason);
          }, 20);
        });
      });
    });
    expect(activeRun()?.sceneId).toBe('demo');
    await started;
    const outcome = running.then(
      () => 'resolved',
      (e) => (isAbort(e) ? 'aborted' : 'failed'),
    );
    await stopRun();
    expect(cleanedUp).toBe(true);
    expect(await outcome).toBe('aborted');
    expect(activeRun()).toBeNull();
  });

  it('starts the body in a task of its own, after the caller has finished', async () => {
    const order: string[] = [];
    const running = startRun('demo', async () => {
      order.push('body');
      return 1;
    });
    // Microtasks queued by the caller (a click's re-render, in the page) run before the body.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    order.push('caller done');
    expect(await running).toBe(1);
    expect(order).toEqual(['caller done', 'body']);
  });

  it('starting a second run stops the first', async () => {
    const first = startRun('a', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    const firstOutcome = first.catch((e) => (isAbort(e) ? 'aborted' : 'failed'));
    const second = await startRun('b', async () => 'second');
    expect(second).toBe('second');
    expect(await firstOutcome).toBe('aborted');
  });
});

describe('abortable', () => {
  it('settles like the promise it guards, and rejects with an AbortError once the signal aborts', async () => {
    const controller = new AbortController();
    const guard = abortable(controller.signal);
    expect(await guard(Promise.resolve(7))).toBe(7);
    await expect(guard(Promise.reject(new Error('queue broken')))).rejects.toThrow('queue broken');
    const forever = guard(new Promise<never>(() => {}));
    controller.abort();
    await expect(forever).rejects.toSatisfy(isAbort);
    await expect(guard(Promise.resolve(1))).rejects.toSatisfy(isAbort);
  });

  it('stops listening for the abort as soon as the guarded promise settles', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const guard = abortable(controller.signal);
    for (let i = 0; i < 1_000; i++) await guard(Promise.resolve(i));
    expect(add).toHaveBeenCalledTimes(1_000);
    expect(remove).toHaveBeenCalledTimes(1_000);
    expect(remove.mock.calls.map(([, listener]) => listener)).toEqual(add.mock.calls.map(([, listener]) => listener));
  });
});
