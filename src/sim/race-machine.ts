/**
 * A deterministic interpreter of the race program. A state is immutable; `step(state, pid)` returns
 * the state after process `pid` takes exactly one atomic step. Nothing here is random: the only
 * source of different outcomes is the order in which processes are chosen (the schedule).
 */
import {
  assertProgram,
  incrementSteps,
  stepsPerProcess,
  type RaceProgram,
  type RaceStepInfo,
  type SimSync,
} from './race-program';

export interface SimProcess {
  /** Index of the next step in this process's straight-line trace (0 … stepsPerProcess). */
  pc: number;
  /** The private `tmp` of `counter.value += 1`; null until the first load. */
  register: number | null;
}

export interface SimState {
  program: RaceProgram;
  processes: readonly SimProcess[];
  /** The shared `counter.value`. */
  counter: number;
  /** Which process holds the lock, or null. Always null when the program has no lock. */
  lockHolder: number | null;
}

export type ProcessStatus = 'ready' | 'waiting-for-lock' | 'done';

/**
 * For each step index within one increment: is the register live there, i.e. has this increment
 * loaded and not yet stored? Only then does the register matter for what happens next.
 */
function liveRegisterMap(sync: SimSync): readonly boolean[] {
  const ops = incrementSteps({ sync }).map((s) => s.op);
  return ops.map((_, i) => ops.slice(0, i).includes('load') && !ops.slice(0, i).includes('store'));
}
const LIVE_REGISTER: Record<SimSync, readonly boolean[]> = {
  none: liveRegisterMap('none'),
  'value-lock': liveRegisterMap('value-lock'),
  lock: liveRegisterMap('lock'),
  atomic: liveRegisterMap('atomic'),
};

export function initialState(program: RaceProgram): SimState {
  assertProgram(program);
  return {
    program,
    processes: Array.from({ length: program.processes }, () => ({ pc: 0, register: null })),
    counter: 0,
    lockHolder: null,
  };
}

/** The step process `pid` would take next, or null when it has finished. */
export function nextStep(state: SimState, pid: number): RaceStepInfo | null {
  const proc = state.processes[pid];
  if (!proc || proc.pc >= stepsPerProcess(state.program)) return null;
  const steps = incrementSteps(state.program);
  return steps[proc.pc % steps.length]!;
}

/** Which increment (0-based) process `pid` is working on; equals `increments` when done. */
export function currentIncrement(state: SimState, pid: number): number {
  return Math.floor(state.processes[pid]!.pc / incrementSteps(state.program).length);
}

export function processStatus(state: SimState, pid: number): ProcessStatus {
  const next = nextStep(state, pid);
  if (!next) return 'done';
  // `acquire` blocks while someone else holds the lock: a waiting process cannot take a step.
  if (next.op === 'acquire' && state.lockHolder !== null) return 'waiting-for-lock';
  return 'ready';
}

export function isEnabled(state: SimState, pid: number): boolean {
  return processStatus(state, pid) === 'ready';
}

/** Processes that may take the next step, in pid order. */
export function enabledProcesses(state: SimState): number[] {
  const out: number[] = [];
  for (let pid = 0; pid < state.processes.length; pid++) if (isEnabled(state, pid)) out.push(pid);
  return out;
}

export function isFinished(state: SimState): boolean {
  return state.processes.every((_, pid) => nextStep(state, pid) === null);
}

/** P × K: what the counter should end at. */
export function expectedFinal(program: RaceProgram): number {
  return program.processes * program.increments;
}

export class StepError extends Error {
  override name = 'StepError';
}

/** Process `pid` takes its next atomic step. Throws if it is finished or waiting for the lock. */
export function step(state: SimState, pid: number): SimState {
  const next = nextStep(state, pid);
  if (!next) throw new StepError(`P${pid + 1} has finished and cannot step`);
  if (!isEnabled(state, pid))
    throw new StepError(`P${pid + 1} is waiting for the lock held by P${state.lockHolder! + 1}`);
  const proc = state.processes[pid]!;
  let { counter, lockHolder } = state;
  let register = proc.register;
  switch (next.op) {
    case 'acquire':
      lockHolder = pid;
      break;
    case 'load':
      register = counter;
      break;
    case 'add':
      register = register! + 1;
      break;
    case 'store':
      counter = register!;
      break;
    case 'release':
      lockHolder = null;
      break;
    case 'atomic-add':
      counter += 1;
      register = counter;
      break;
  }
  const processes = state.processes.map((p, i) => (i === pid ? { pc: p.pc + 1, register } : p));
  return { program: state.program, processes, counter, lockHolder };
}

/** Runs a whole schedule (a list of pids) from the initial state. */
export function runSchedule(program: RaceProgram, schedule: readonly number[]): SimState {
  return schedule.reduce(step, initialState(program));
}

/**
 * A key that is equal for two states with the same future. The register is only part of the
 * future while it is live (after a load, before the store), so a dead register is left out:
 * that merges many states and keeps 3 × 3 exploration small.
 */
export function stateKey(state: SimState): string {
  const live = LIVE_REGISTER[state.program.sync];
  const total = stepsPerProcess(state.program);
  let key = `${state.counter}|${state.lockHolder ?? '-'}`;
  for (const proc of state.processes) {
    const isLive = proc.pc < total && live[proc.pc % live.length]!;
    key += `|${proc.pc}:${isLive ? proc.register : ''}`;
  }
  return key;
}
