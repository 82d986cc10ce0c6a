/** Browser entry of a process (a module Web Worker). Keep it light: its imports are the bundle. */
import { now } from '../platform/clock';
import { runWorker } from './worker-main';

const scope = self as unknown as {
  postMessage(m: unknown): void;
  addEventListener(type: 'message', l: (e: MessageEvent) => void): void;
};
runWorker({
  post: (m) => scope.postMessage(m),
  onMessage: (l) => scope.addEventListener('message', (e) => l(e.data)),
  now,
});
