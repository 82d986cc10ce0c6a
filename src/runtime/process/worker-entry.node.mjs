// Node bootstrap of a process. Node 20 does not apply `--import tsx` from a Worker's execArgv
// to the worker's own module loading, so the worker registers tsx itself, then loads the
// TypeScript entry.
//
// No top-level await here, and the parent does not terminate the thread before the entry has
// loaded (it waits for LOADED, see platform/node.ts): Node 20's V8 aborts the whole process when
// a worker is terminated while an async module is still being evaluated ("Check failed:
// (location_) != nullptr" in SourceTextModule::ExecuteAsyncModule), which once took a CI run down.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { LOADED } from '../platform/node-loaded.mjs';

register();
import('./worker-entry.node.ts').then(
  () => parentPort.postMessage(LOADED),
  (error) => {
    // Reported as the worker's own error (the 'error' event), as an uncaught load failure was.
    setTimeout(() => {
      throw error;
    });
  },
);
