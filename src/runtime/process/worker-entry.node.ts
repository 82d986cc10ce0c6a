/** Node entry of a process (a worker_threads Worker). Loaded by worker-entry.node.mjs. */
import { parentPort } from 'node:worker_threads';
import { now } from '../platform/clock';
import { runWorker } from './worker-main';

const port = parentPort;
if (!port) throw new Error('worker-entry.node.ts must run in a worker thread');
runWorker({
  post: (m) => port.postMessage(m),
  onMessage: (l) => port.on('message', l),
  now,
});
