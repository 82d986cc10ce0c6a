/**
 * Node adapter (unit tests, benchmarks): a process is a node:worker_threads Worker running the
 * TypeScript entry through tsx (the .mjs bootstrap registers tsx inside the worker: Node 20
 * ignores `--import tsx` in a Worker's execArgv). Never imported by the browser build.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { now } from './clock';
import type { Platform, WorkerInit, WorkerLike } from './types';
import { toErrorInfo } from '../errors';
import { LOADED } from './node-loaded.mjs';

/**
 * How long a terminate waits for the entry to finish loading before it goes ahead anyway: a
 * worker that hangs while loading must still end.
 */
const LOAD_GRACE_MS = 10_000;

function spawn(init: WorkerInit): WorkerLike {
  const worker = new Worker(new URL('../process/worker-entry.node.mjs', import.meta.url), {
    name: init.name,
    // The child must not inherit the test runner's stdin; its stdout/stderr go to ours.
    stdin: false,
  });
  // Node 20's V8 aborts the whole process when a worker is terminated while its modules are still
  // being evaluated (see worker-entry.node.mjs), so a terminate that comes before LOADED is held
  // until then. The task may get going in that moment (its boot message is already queued), as it
  // would for a terminate that came just after it started: callers must not assume it never ran.
  let loaded = false;
  let exited = false;
  let terminateWanted = false;
  const end = () => void worker.terminate();
  worker.on('message', (m) => {
    if (m !== LOADED) return;
    loaded = true;
    if (terminateWanted) end();
  });
  worker.once('exit', () => (exited = true));
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage: (l) =>
      worker.on('message', (m) => {
        if (m !== LOADED) l(m);
      }),
    onError: (l) => worker.on('error', (e) => l(toErrorInfo(e))),
    onExit: (l) => worker.once('exit', () => l()),
    terminate: () => {
      if (loaded || exited) return end();
      if (terminateWanted) return;
      terminateWanted = true;
      setTimeout(() => {
        if (!loaded && !exited) end();
      }, LOAD_GRACE_MS).unref();
    },
  };
}

export const nodePlatform: Platform = {
  kind: 'node',
  spawn,
  now,
  cpuCount: () => os.availableParallelism(),
};
