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

function spawn(init: WorkerInit): WorkerLike {
  const worker = new Worker(new URL('../process/worker-entry.node.mjs', import.meta.url), {
    name: init.name,
    // The child must not inherit the test runner's stdin; its stdout/stderr go to ours.
    stdin: false,
  });
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage: (l) => worker.on('message', l),
    onError: (l) => worker.on('error', (e) => l(toErrorInfo(e))),
    onExit: (l) => worker.once('exit', () => l()),
    terminate: () => void worker.terminate(),
  };
}

export const nodePlatform: Platform = {
  kind: 'node',
  spawn,
  now,
  cpuCount: () => os.availableParallelism(),
};
