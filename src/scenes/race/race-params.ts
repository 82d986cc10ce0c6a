/**
 * The race scene's parameters: one schema for the URL, the controls and `window.playground.run`.
 * Free of runtime imports so the scene definition stays light in the initial bundle.
 */
import type { ParamValues } from '../shared/params';

/** The same four names as the runtime's increment task modes. */
export const SYNC_MODES = ['none', 'value-lock', 'lock', 'atomic'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const SYNC_LABELS: Record<SyncMode, string> = {
  none: 'No lock (raw value)',
  'value-lock': 'Value(lock=True) with +=',
  lock: 'Lock around the increment',
  atomic: 'Atomic add',
};

export const raceParams = {
  processes: {
    kind: 'int',
    label: 'Processes',
    min: 1,
    max: 16,
    default: 2,
    help: 'Workers incrementing the same counter. With 1 nothing can race.',
  },
  increments: {
    kind: 'int',
    label: 'Increments per process',
    min: 1_000,
    max: 10_000_000,
    // Races need the workers to overlap; at a million each they overlap on 2 cores nearly always.
    default: 1_000_000,
    help: 'How many times each process runs counter.value += 1.',
  },
  sync: {
    kind: 'enum',
    label: 'Synchronisation',
    values: SYNC_MODES,
    default: 'none',
    help: 'none and value-lock race; lock and atomic are exact.',
  },
  batch: {
    kind: 'int',
    label: 'Increments per lock hold',
    min: 1,
    // The increment task works in slices of 4,096 and never holds the lock across two slices.
    max: 4_096,
    default: 1,
    help: 'Lock granularity: 1 locks each increment; k holds the lock for a batch of k.',
  },
  repeats: {
    kind: 'int',
    label: 'Repeats',
    min: 1,
    max: 100,
    default: 5,
    help: 'Runs of the same experiment; the lost-update histogram is over these.',
  },
  view: {
    kind: 'enum',
    label: 'View',
    values: ['live', 'step'],
    default: 'live',
    help: 'live: real workers on real cores; step: one atomic step at a time.',
  },
  stepProcesses: {
    kind: 'int',
    label: 'Step-through processes',
    min: 2,
    max: 3,
    default: 2,
  },
  stepIncrements: {
    kind: 'int',
    label: 'Step-through increments',
    min: 1,
    max: 3,
    default: 2,
  },
} as const;

export type RaceParams = ParamValues<typeof raceParams>;

/** The settings that shape a live run (the view and step-through settings do not). */
export interface RaceSettings {
  processes: number;
  increments: number;
  sync: SyncMode;
  batch: number;
  repeats: number;
}

export function raceSettings(params: RaceParams): RaceSettings {
  const { processes, increments, sync, batch, repeats } = params;
  return { processes, increments, sync, batch, repeats };
}

/** Lock granularity only means something when there is a lock to hold. */
export function usesBatch(sync: SyncMode): boolean {
  return sync === 'lock';
}

/** The big lock switch shows on exactly for `lock`: the mode that makes `+=` safe with a Lock. */
export function lockSwitchOn(sync: SyncMode): boolean {
  return sync === 'lock';
}

/** Flipping the switch: on → `none`; anything else → `lock`. */
export function flipLock(sync: SyncMode): SyncMode {
  return sync === 'lock' ? 'none' : 'lock';
}
