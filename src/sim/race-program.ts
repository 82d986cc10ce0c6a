/**
 * The race program as the step-through interpreter sees it: the Python worker function, and the
 * atomic steps one `counter.value += 1` really takes. CPython compiles `+=` on an attribute into
 * separate bytecodes (LOAD_ATTR, BINARY_OP, STORE_ATTR); another process can run between any two
 * of them, which is the whole race.
 */

export type RaceOp = 'acquire' | 'load' | 'add' | 'store' | 'release';

export interface RaceProgram {
  /** 2–3 in the UI; the interpreter itself accepts 1–4. */
  processes: number;
  /** Increments per process; the UI offers 1–4. */
  increments: number;
  /** `with lock:` around the increment. */
  lock: boolean;
}

export const SIM_LIMITS = {
  processes: { min: 1, max: 4 },
  increments: { min: 1, max: 6 },
} as const;

/** One atomic step, with what it looks like in Python source and in CPython bytecode. */
export interface RaceStepInfo {
  op: RaceOp;
  /** 1-based line of `pythonSource(program)` this step belongs to. */
  line: number;
  /** The step written as explicit Python, e.g. `tmp = counter.value`. */
  expanded: string;
  /** The CPython 3.11+ bytecode doing this step. */
  bytecode: string;
  /** Plain words for the explanation panel. */
  says: string;
}

/** The worker function the interpreter runs, exactly as the tutorials write it. */
export function pythonSource(program: Pick<RaceProgram, 'lock'>): readonly string[] {
  return program.lock
    ? ['def worker(counter, lock, n):', '    for _ in range(n):', '        with lock:', '            counter.value += 1']
    : ['def worker(counter, n):', '    for _ in range(n):', '        counter.value += 1'];
}

const INCREMENT_LINE = { lock: 4, noLock: 3 } as const;
const WITH_LINE = 3;

/** The steps of one increment, in order. */
export function incrementSteps(program: Pick<RaceProgram, 'lock'>): readonly RaceStepInfo[] {
  return program.lock ? LOCKED_STEPS : UNLOCKED_STEPS;
}

function buildIncrementSteps(lock: boolean): readonly RaceStepInfo[] {
  const line = lock ? INCREMENT_LINE.lock : INCREMENT_LINE.noLock;
  const body: RaceStepInfo[] = [
    {
      op: 'load',
      line,
      expanded: 'tmp = counter.value',
      bytecode: 'LOAD_ATTR value',
      says: 'reads the shared counter into its own register',
    },
    {
      op: 'add',
      line,
      expanded: 'tmp = tmp + 1',
      bytecode: 'BINARY_OP +=',
      says: 'adds one to its private copy (the shared counter does not change)',
    },
    {
      op: 'store',
      line,
      expanded: 'counter.value = tmp',
      bytecode: 'STORE_ATTR value',
      says: 'writes its copy back, overwriting whatever is there',
    },
  ];
  if (!lock) return body;
  return [
    {
      op: 'acquire',
      line: WITH_LINE,
      expanded: 'lock.acquire()',
      bytecode: 'BEFORE_WITH',
      says: 'takes the lock (or waits if another process holds it)',
    },
    ...body,
    {
      op: 'release',
      line: WITH_LINE,
      expanded: 'lock.release()',
      bytecode: 'CALL __exit__',
      says: 'releases the lock, letting one waiter in',
    },
  ];
}

// Built once: the interpreter asks for them on every step of every explored state.
const UNLOCKED_STEPS = buildIncrementSteps(false);
const LOCKED_STEPS = buildIncrementSteps(true);

export function stepsPerProcess(program: RaceProgram): number {
  return program.increments * incrementSteps(program).length;
}

/** Display name of a process in the step-through ("P1", "P2", …). */
export function processLabel(pid: number): string {
  return `P${pid + 1}`;
}

export function assertProgram(program: RaceProgram): void {
  const { processes, increments } = program;
  if (!Number.isInteger(processes) || processes < SIM_LIMITS.processes.min || processes > SIM_LIMITS.processes.max) {
    throw new RangeError(
      `processes must be an integer from ${SIM_LIMITS.processes.min} to ${SIM_LIMITS.processes.max} (got ${processes})`,
    );
  }
  if (!Number.isInteger(increments) || increments < SIM_LIMITS.increments.min || increments > SIM_LIMITS.increments.max) {
    throw new RangeError(
      `increments must be an integer from ${SIM_LIMITS.increments.min} to ${SIM_LIMITS.increments.max} (got ${increments})`,
    );
  }
}
