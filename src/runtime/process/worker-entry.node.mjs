// Node bootstrap of a process. Node 20 does not apply `--import tsx` from a Worker's execArgv
// to the worker's own module loading, so the worker registers tsx itself, then loads the
// TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.node.ts');
