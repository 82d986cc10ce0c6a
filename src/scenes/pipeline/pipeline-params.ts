/**
 * The pipeline scene's parameters: one schema for the URL, the controls and
 * `window.playground.run('pipeline', …)`. No runtime imports (the definition is in the initial bundle).
 */
import type { ParamValues } from '../shared/params';

export const pipelineParams = {
  workers: {
    kind: 'int',
    label: 'Workers',
    min: 1,
    max: 16,
    default: 4,
    help: 'Processes in the pool, each running the worker loop.',
  },
  tasks: {
    kind: 'int',
    label: 'Tasks',
    min: 1,
    max: 100_000,
    default: 120,
    help: 'Numbers main puts on the task queue; each worker computes 1² + … + n² for the ones it takes.',
  },
  workUs: {
    kind: 'int',
    label: 'Work per task (µs)',
    min: 0,
    max: 100_000,
    default: 6_000,
    help: 'CPU time a worker spends on a task before it updates the shared resource.',
  },
  holdUs: {
    kind: 'int',
    label: 'Time inside the lock (µs)',
    min: 0,
    max: 20_000,
    default: 400,
    help: 'How long updating the shared resource takes: the critical section.',
  },
  lock: {
    kind: 'bool',
    label: 'Update under the lock',
    default: true,
    help: 'Off: workers update the shared tally without `with lock:`, and updates get lost.',
  },
} as const;

export type PipelineParams = ParamValues<typeof pipelineParams>;

/** Task i (0-based) asks for n = (i mod 1000) + 1, so every answer is exact in a double. */
export function taskNumber(i: number): number {
  return (i % 1000) + 1;
}
