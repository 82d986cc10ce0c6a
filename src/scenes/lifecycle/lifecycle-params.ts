/**
 * The lifecycle scene's parameters (URL, controls, `window.playground.run('lifecycle', …)`).
 * No runtime imports: the definition is in the initial bundle.
 */
import type { ParamValues } from '../shared/params';

export const PARTS = ['all', 'exit-codes', 'zombies', 'supervision', 'daemon', 'go-context'] as const;
export type Part = (typeof PARTS)[number];
export type SinglePart = Exclude<Part, 'all'>;
export const SINGLE_PARTS: readonly SinglePart[] = ['exit-codes', 'zombies', 'supervision', 'daemon', 'go-context'];

export const lifecycleParams = {
  part: {
    kind: 'enum',
    label: 'What to run',
    values: PARTS,
    default: 'all',
    help: 'One lesson, or all five in a row.',
  },
  workers: {
    kind: 'int',
    label: 'Supervised workers',
    min: 1,
    max: 12,
    default: 5,
    help: 'Workers started by the supervision pattern; each exits 0 or 1 at random.',
  },
  failPercent: {
    kind: 'int',
    label: 'Chance a worker fails (%)',
    min: 0,
    max: 100,
    default: 40,
    help: 'Each supervised worker exits 1 with this probability.',
  },
  seed: {
    kind: 'int',
    label: 'Random seed',
    min: 0,
    max: 999_999,
    default: 0,
    help: '0 = a new seed each run (the result tells you which, to replay it).',
  },
  workMs: {
    kind: 'int',
    label: 'Work per process (ms)',
    min: 50,
    max: 3_000,
    default: 400,
    help: 'Roughly how long each worker works before it ends.',
  },
  joinTimeoutMs: {
    kind: 'int',
    label: 'join(timeout) (ms)',
    min: 50,
    max: 3_000,
    default: 300,
    help: 'How long the parent waits in join(timeout) before it checks is_alive() and falls back to terminate().',
  },
} as const;

export type LifecycleParams = ParamValues<typeof lifecycleParams>;

export const PART_INFO: Record<SinglePart, { title: string; lesson: string }> = {
  'exit-codes': {
    title: 'Exit codes',
    lesson:
      'Five processes started with arguments. One returns (exit code 0), one raises (1, and the parent sees the traceback), one calls sys.exit(3), one is terminated (-15, SIGTERM) and one killed (-9, SIGKILL). join(timeout) returns without an exit code while the process still runs.',
  },
  zombies: {
    title: 'Zombies',
    lesson:
      'Three children finish while the parent is busy. Until the parent joins them they are zombies: exited, their exit code kept for the parent, still in the process table. Each join() reaps one.',
  },
  supervision: {
    title: 'Supervision',
    lesson:
      'The tutorials’ pattern: start the workers, join them all, list each exit code by name, and warn when any failed. A supervisor reads exit codes; it does not assume success.',
  },
  daemon: {
    title: 'Daemon vs non-daemon',
    lesson:
      'When the parent’s main code ends, Python terminates its daemon children (exit code -15) and then waits for every non-daemon child. A non-daemon child keeps the parent alive; a daemon one dies with it.',
  },
  'go-context': {
    title: 'The Go developer’s worker pool',
    lesson:
      'Workers loop over a job queue until a poison pill (None), checking a stop Event like a Go context. The parent collects results, joins with a timeout, cancels with the Event, and terminates what still hangs.',
  },
};
