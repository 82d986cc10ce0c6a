import { describe, expect, it } from 'vitest';
import { activeRun, isAbort, startRun, stopRun } from './run-controller';

describe('run controller', () => {
  it('resolves with the body result and clears the active run', async () => {
    const result = await startRun('demo', async () => 42);
    expect(result).toBe(42);
    await Promise.resolve();
    expect(activeRun()).toBeNull();
  });

  it('stopRun rejects the running promise with an AbortError and waits for cleanup', async () => {
    let cleanedUp = false;
    const running = startRun('demo', (signal) => {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          setTimeout(() => {
            cleanedUp = true;
            reject(signal.reason);
          }, 20);
        });
      });
    });
    await Promise.resolve();
    expect(activeRun()?.sceneId).toBe('demo');
    const outcome = running.then(
      () => 'resolved',
      (e) => (isAbort(e) ? 'aborted' : 'failed'),
    );
    await stopRun();
    expect(cleanedUp).toBe(true);
    expect(await outcome).toBe('aborted');
    expect(activeRun()).toBeNull();
  });

  it('starting a second run stops the first', async () => {
    const first = startRun('a', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    const firstOutcome = first.catch((e) => (isAbort(e) ? 'aborted' : 'failed'));
    const second = await startRun('b', async () => 'second');
    expect(second).toBe('second');
    expect(await firstOutcome).toBe('aborted');
  });
});
