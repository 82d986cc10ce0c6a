/**
 * Every interleaving of the race program, counted exactly. Schedules are counted by dynamic
 * programming over states rather than one by one: two schedules that reach the same state (same
 * pcs, counter, lock holder and live registers, see `stateKey`) have the same futures, so each
 * distinct state is explored once. That turns 3 processes × 3 increments (2.3·10¹¹ schedules)
 * into a few thousand states. Counts are bigint because larger programs exceed 2^53.
 */
import {
  enabledProcesses,
  expectedFinal,
  initialState,
  isFinished,
  stateKey,
  step,
  type SimState,
} from './race-machine';
import type { RaceProgram } from './race-program';

/** How many complete schedules end at each final value (index = final counter value). */
type FinalCounts = bigint[];

export interface FinalBucket {
  final: number;
  schedules: bigint;
  /** One schedule (pids in order) that ends at this value. */
  example: number[];
}

export interface ExploreResult {
  program: RaceProgram;
  expected: number;
  /** False when the state cap was reached; then no counts are given. */
  complete: boolean;
  totalSchedules: bigint;
  /** Sorted by final value, only values some schedule reaches. */
  finals: FinalBucket[];
  /** Schedules that end below `expected` (at least one update lost). */
  losingSchedules: bigint;
  /** Distinct states visited: how much work the merging saved. */
  distinctStates: number;
  stateCap: number;
}

export const DEFAULT_STATE_CAP = 1_000_000;

class StateCapReached extends Error {}

export function exploreInterleavings(
  program: RaceProgram,
  options: { stateCap?: number } = {},
): ExploreResult {
  const stateCap = options.stateCap ?? DEFAULT_STATE_CAP;
  const expected = expectedFinal(program);
  const memo = new Map<string, FinalCounts>();

  const countFrom = (state: SimState): FinalCounts => {
    const key = stateKey(state);
    const known = memo.get(key);
    if (known) return known;
    if (memo.size >= stateCap) throw new StateCapReached();
    const counts: FinalCounts = new Array<bigint>(expected + 1).fill(0n);
    if (isFinished(state)) {
      counts[state.counter] = 1n;
    } else {
      for (const pid of enabledProcesses(state)) {
        const sub = countFrom(step(state, pid));
        for (let v = 0; v <= expected; v++) counts[v]! += sub[v]!;
      }
    }
    memo.set(key, counts);
    return counts;
  };

  const start = initialState(program);
  let rootCounts: FinalCounts;
  try {
    rootCounts = countFrom(start);
  } catch (error) {
    if (!(error instanceof StateCapReached)) throw error;
    return {
      program,
      expected,
      complete: false,
      totalSchedules: 0n,
      finals: [],
      losingSchedules: 0n,
      distinctStates: memo.size,
      stateCap,
    };
  }

  // Follow the memo to find one schedule per final value: at each state, take the first process
  // whose subtree still contains a schedule ending at that value.
  const exampleFor = (final: number): number[] => {
    const schedule: number[] = [];
    let state = start;
    while (!isFinished(state)) {
      const pid = enabledProcesses(state).find((p) => memo.get(stateKey(step(state, p)))![final]! > 0n)!;
      schedule.push(pid);
      state = step(state, pid);
    }
    return schedule;
  };

  const finals: FinalBucket[] = [];
  let totalSchedules = 0n;
  let losingSchedules = 0n;
  rootCounts.forEach((schedules, final) => {
    if (schedules === 0n) return;
    totalSchedules += schedules;
    if (final < expected) losingSchedules += schedules;
    finals.push({ final, schedules, example: exampleFor(final) });
  });
  return {
    program,
    expected,
    complete: true,
    totalSchedules,
    finals,
    losingSchedules,
    distinctStates: memo.size,
    stateCap,
  };
}

/**
 * Lists schedules one by one, depth first, stopping after `limit`. Slow on purpose: it is the
 * plain definition the counting explorer is checked against, and shows concrete schedules.
 */
export function* enumerateSchedules(
  program: RaceProgram,
  limit = 100_000,
): Generator<{ schedule: number[]; final: number }, { truncated: boolean }> {
  let produced = 0;
  const schedule: number[] = [];
  // An explicit stack of (state, remaining choices) avoids deep generator recursion.
  const stack: { state: SimState; choices: number[] }[] = [];
  const root = initialState(program);
  stack.push({ state: root, choices: enabledProcesses(root) });
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (isFinished(top.state)) {
      if (produced === limit) return { truncated: true };
      produced++;
      yield { schedule: [...schedule], final: top.state.counter };
      stack.pop();
      schedule.pop();
      continue;
    }
    const pid = top.choices.shift();
    if (pid === undefined) {
      stack.pop();
      schedule.pop();
      continue;
    }
    const next = step(top.state, pid);
    schedule.push(pid);
    stack.push({ state: next, choices: enabledProcesses(next) });
  }
  return { truncated: false };
}

/**
 * The smallest final value any schedule can produce, from the known closed form: with a lock or
 * an atomic add every schedule is exact; one process cannot race; with one increment each, all can load 0 and
 * store 1; with two or more, one process can stall on a stale 0 until just before the end, and
 * the minimum is 2 whatever the number of processes (the explorer confirms it for small cases).
 */
export function minimumFinal(program: RaceProgram): number {
  // Value(lock=True) makes each read and each write atomic, which they already are in the
  // load/store model: it removes no interleaving that matters, so its minimum is the same.
  if (program.sync === 'lock' || program.sync === 'atomic' || program.processes === 1)
    return expectedFinal(program);
  return program.increments === 1 ? 1 : 2;
}

export interface FoundSchedule {
  schedule: number[];
  /** How many times the running process changes along the schedule. */
  switches: number;
}

/** Number of context switches in a schedule. */
export function countSwitches(schedule: readonly number[]): number {
  let switches = 0;
  for (let i = 1; i < schedule.length; i++) if (schedule[i] !== schedule[i - 1]) switches++;
  return switches;
}

/**
 * A schedule ending at `target` with the fewest context switches (every complete schedule has
 * the same number of steps, so "shortest" means fewest switches: the simplest story to tell).
 * Breadth first by switch count; ties go to the lowest pid. Null if no schedule reaches it.
 */
export function findSchedule(program: RaceProgram, target: number): FoundSchedule | null {
  interface Node {
    state: SimState;
    last: number;
    parent: Node | null;
  }
  const seen = new Set<string>();
  const nodeKey = (n: Node) => `${stateKey(n.state)}#${n.last}`;
  let frontier: Node[] = [{ state: initialState(program), last: -1, parent: null }];
  for (let switches = 0; frontier.length > 0; switches++) {
    const nextFrontier: Node[] = [];
    // Within one switch count, continuing the same process is free: a depth-first stack.
    const stack = [...frontier].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      const key = nodeKey(node);
      if (seen.has(key)) continue;
      seen.add(key);
      if (isFinished(node.state)) {
        if (node.state.counter === target) return { schedule: pathOf(node), switches };
        continue;
      }
      const pids = enabledProcesses(node.state);
      for (const pid of [...pids].reverse()) {
        const child: Node = { state: step(node.state, pid), last: pid, parent: node };
        if (pid === node.last || node.last === -1) stack.push(child);
        else nextFrontier.push(child);
      }
    }
    frontier = nextFrontier;
  }
  return null;

  function pathOf(node: Node): number[] {
    const out: number[] = [];
    for (let n: Node | null = node; n && n.parent; n = n.parent) out.push(n.last);
    return out.reverse();
  }
}
