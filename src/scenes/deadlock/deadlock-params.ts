/**
 * The deadlock scene's parameters: one schema for the URL, the controls and
 * `window.playground.run('deadlock', …)`. No runtime imports: the definition is in the initial bundle.
 */
import type { ParamValues } from '../shared/params';

export const SCENARIOS = ['lock-order', 'philosophers', 'join-before-drain', 'missing-sentinel'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const LOCK_FIXES = ['order', 'timeout'] as const;
export type LockFix = (typeof LOCK_FIXES)[number];

export const deadlockParams = {
  scenario: {
    kind: 'enum',
    label: 'Scenario',
    values: SCENARIOS,
    default: 'lock-order',
    help: 'Two locks in opposite order, a ring of philosophers, a join before the queue is drained, or a missing sentinel.',
  },
  fix: {
    kind: 'bool',
    label: 'Apply the fix',
    default: false,
    help: 'Off: the program as people first write it, which deadlocks. On: the same program with its fix, which completes.',
  },
  lockFix: {
    kind: 'enum',
    label: 'Fix for the lock scenarios',
    values: LOCK_FIXES,
    default: 'order',
    help: '"order": every process takes the locks in one global order. "timeout": acquire(timeout) on the second lock, and on failure let go of the first and back off.',
  },
  philosophers: {
    kind: 'int',
    label: 'Philosophers',
    min: 2,
    max: 8,
    default: 3,
    help: 'Processes in the ring, with as many forks (locks) between them.',
  },
  holdMs: {
    kind: 'int',
    label: 'Hold before the second lock (ms)',
    min: 10,
    max: 1_000,
    default: 100,
    help: 'How long each process holds its first lock before reaching for the second.',
  },
  rounds: {
    kind: 'int',
    label: 'Rounds per process',
    min: 1,
    max: 50,
    default: 5,
    help: 'How many times each process takes both locks (or each philosopher eats).',
  },
  items: {
    kind: 'int',
    label: 'Items',
    min: 1,
    max: 1_000,
    default: 20,
    help: 'Items put through the queue.',
  },
  queueSize: {
    kind: 'int',
    label: 'Queue maxsize',
    min: 1,
    max: 1_000,
    default: 4,
    help: 'Join before drain only deadlocks when the items do not fit: try items ≤ maxsize.',
  },
  consumers: {
    kind: 'int',
    label: 'Consumers',
    min: 2,
    max: 6,
    default: 2,
    help: 'Consumer processes; without the fix the parent sends one sentinel fewer than there are consumers.',
  },
} as const;

export type DeadlockParams = ParamValues<typeof deadlockParams>;

/** Which controls matter for a scenario (the others are kept, just not shown). */
export function relevantParams(scenario: Scenario): (keyof typeof deadlockParams)[] {
  switch (scenario) {
    case 'lock-order':
      return ['scenario', 'fix', 'lockFix', 'holdMs', 'rounds'];
    case 'philosophers':
      return ['scenario', 'fix', 'lockFix', 'philosophers', 'holdMs', 'rounds'];
    case 'join-before-drain':
      return ['scenario', 'fix', 'items', 'queueSize'];
    case 'missing-sentinel':
      return ['scenario', 'fix', 'items', 'consumers'];
  }
}

export interface ScenarioInfo {
  title: string;
  /** What goes wrong, in one or two sentences. */
  problem: string;
  /** What the fix switch does. */
  fixName: (lockFix: LockFix) => string;
  fixExplanation: (lockFix: LockFix) => string;
}

export const SCENARIO_INFO: Record<Scenario, ScenarioInfo> = {
  'lock-order': {
    title: 'Two locks, opposite order',
    problem:
      'worker-1 takes lock_a then lock_b; worker-2 takes lock_b then lock_a. Each holds one lock and waits for the other: a cycle of two, and neither will ever let go.',
    fixName: (f) => (f === 'order' ? 'consistent lock order' : 'acquire(timeout) with back-off'),
    fixExplanation: (f) =>
      f === 'order'
        ? 'Both workers take lock_a before lock_b. A wait-for cycle needs someone holding a later lock while waiting for an earlier one, which a global order rules out.'
        : 'The second acquire gives up after 100 ms; the worker releases its first lock, sleeps a random back-off, and retries. A cycle can still form, but it breaks itself (watch it flash and dissolve). The random back-off avoids a livelock.',
  },
  philosophers: {
    title: 'Dining philosophers (a ring)',
    problem:
      'Each philosopher picks up the fork on the left, then reaches for the one on the right, which the neighbour already holds. Everyone holds one fork and waits for the next: a cycle through the whole table.',
    fixName: (f) => (f === 'order' ? 'consistent lock order (lower-numbered fork first)' : 'acquire(timeout) with back-off'),
    fixExplanation: (f) =>
      f === 'order'
        ? 'Every philosopher takes the lower-numbered fork first, so the last one reaches across for fork_1 before its right fork. The ring can no longer close (Dijkstra’s resource hierarchy).'
        : 'A philosopher who cannot get the second fork within 100 ms puts the first one down and waits a random moment before trying again.',
  },
  'join-before-drain': {
    title: 'Join before drain',
    problem:
      'The child puts more items than the queue holds and blocks on the full queue. The parent calls join() before reading the queue: the parent waits for the child to exit, the child waits for the parent to make room.',
    fixName: () => 'drain before join',
    fixExplanation: () =>
      'The parent reads every item first, then joins. Python’s documentation warns about exactly this ("Joining processes that use queues"): a process that has put items waits until they are consumed before it can exit.',
  },
  'missing-sentinel': {
    title: 'Missing sentinel',
    problem:
      'Consumers loop until they get a None (a sentinel, or poison pill). The parent sends one sentinel fewer than there are consumers: one consumer waits forever on an empty queue, and the parent waits forever in join().',
    fixName: () => 'one sentinel per consumer',
    fixExplanation: () =>
      'The parent puts one None per consumer after the work items. Each consumer takes exactly one sentinel and exits, so every join() returns.',
  },
};
