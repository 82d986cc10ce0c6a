/**
 * Browser adapter: a process is a module Web Worker. Vite sees the `new Worker(new URL(...))`
 * pattern and bundles `worker-entry.browser.ts` with everything it imports.
 */
import { toErrorInfo } from '../errors';
import { now } from './clock';
import type { Platform, WorkerInit, WorkerLike } from './types';

function spawn(init: WorkerInit): WorkerLike {
  const worker = new Worker(new URL('../process/worker-entry.browser.ts', import.meta.url), {
    type: 'module',
    name: init.name,
  });
  const exitListeners: (() => void)[] = [];
  let exited = false;
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage: (l) => worker.addEventListener('message', (e) => l(e.data)),
    onError: (l) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        l(e.error ? toErrorInfo(e.error) : { name: 'Error', message: e.message || 'worker failed to load' });
      }),
    onExit: (l) => exitListeners.push(l),
    terminate: () => {
      // Worker.terminate() stops the thread at its next interrupt check and has no completion
      // event, so the thread counts as gone now.
      worker.terminate();
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l();
    },
  };
}

export const browserPlatform: Platform = {
  kind: 'browser',
  spawn,
  now,
  cpuCount: () => Math.max(1, navigator.hardwareConcurrency || 1),
};
