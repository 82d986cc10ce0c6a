/**
 * A step-through session: the schedule taken so far and every state along it, so stepping back
 * is just dropping the last entry. Immutable, so a UI store can keep it as one value.
 */
import { initialState, nextStep, step, type SimState } from './race-machine';
import type { RaceProgram, RaceStepInfo } from './race-program';

export interface TraceEntry {
  pid: number;
  /** The step that was taken. */
  info: RaceStepInfo;
  /** The state after it. */
  after: SimState;
}

export interface RaceTrace {
  program: RaceProgram;
  start: SimState;
  entries: readonly TraceEntry[];
}

export function newTrace(program: RaceProgram): RaceTrace {
  return { program, start: initialState(program), entries: [] };
}

export function currentState(trace: RaceTrace): SimState {
  return trace.entries.at(-1)?.after ?? trace.start;
}

export function traceStep(trace: RaceTrace, pid: number): RaceTrace {
  const before = currentState(trace);
  const info = nextStep(before, pid);
  const after = step(before, pid); // throws a StepError for a finished or blocked process
  return { ...trace, entries: [...trace.entries, { pid, info: info!, after }] };
}

export function traceBack(trace: RaceTrace): RaceTrace {
  return trace.entries.length === 0 ? trace : { ...trace, entries: trace.entries.slice(0, -1) };
}

export function traceSchedule(trace: RaceTrace): number[] {
  return trace.entries.map((e) => e.pid);
}

/**
 * Lost updates so far: increments that were completed (stored) but are missing from the counter,
 * because a later store wrote back a copy loaded before them.
 */
export function lostUpdateSoFar(trace: RaceTrace): number {
  const stores = trace.entries.filter((e) => e.info.op === 'store').length;
  return stores - currentState(trace).counter;
}
