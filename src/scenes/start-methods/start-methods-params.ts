/**
 * The start-methods scene's parameters: one schema for the URL, the controls and
 * `window.playground.run`. No runtime imports: the scene definition is in the initial bundle.
 */
import type { ParamValues } from '../shared/params';

export const MAX_POOL_SIZE = 8;

export const startMethodsParams = {
  coldStarts: {
    kind: 'int',
    label: 'Cold starts',
    min: 3,
    max: 50,
    default: 15,
    help: 'New processes started one after another, each running the smallest task, then joined.',
  },
  poolSize: {
    kind: 'int',
    label: 'Warm pool size',
    min: 1,
    max: MAX_POOL_SIZE,
    default: 2,
    help: 'Workers started once, ahead of time, then handed tasks.',
  },
  warmDispatches: {
    kind: 'int',
    label: 'Tasks dispatched to the warm pool',
    min: 10,
    max: 5_000,
    default: 500,
    help: 'pool.apply() calls, one after another; each is timed from the call to its result.',
  },
} as const;

export type StartMethodsParams = ParamValues<typeof startMethodsParams>;
