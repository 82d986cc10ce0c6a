/**
 * The race program as the step-through interpreter sees it: the Python worker function, and the
 * atomic steps one `counter.value += 1` really takes. CPython compiles `+=` on an attribute into
 * separate bytecodes (LOAD_ATTR, BINARY_OP, STORE_ATTR); another process can run between any two
 * of them, which is the whole race.
 */

export type RaceOp = 'acquire' | 'load' | 'add' | 'store' | 'release' | 'atomic-add';

/**
 * The four ways the program can synchronise, the same names as the live scene:
 * - none: a raw shared int (`RawValue`, `Value(lock=False)`);
 * - value-lock: `Value(lock=True)`: the getter and the setter each take the Value's lock, but the
 *   lock is released between them, so `+=` still races;
 * - lock: `with lock:` around the whole `+=`;
 * - atomic: one indivisible read-modify-write (`Atomics.add`, Go's `atomic.AddInt64`).
 */
export type SimSync = 'none' | 'value-lock' | 'lock' | 'atomic';
export const SIM_SYNCS: readonly SimSync[] = ['none', 'value-lock', 'lock', 'atomic'];

export interface RaceProgram {
  /** 2–3 in the UI; the interpreter itself accepts 1–4. */
  processes: number;
  /** Increments per process; the UI offers 1–3. */
  increments: number;
  sync: SimSync;
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
  /** The step written out as explicit Python, e.g. `tmp = counter.value`. */
  expanded: string;
  /** What executes it: a CPython bytecode, or the machine operation. */
  machine: string;
  /** Plain words for the step log. */
  says: string;
}

const SOURCES: Record<SimSync, readonly string[]> = {
  none: [
    'def worker(counter, n):  # counter = Value("i", 0, lock=False)',
    '    for _ in range(n):',
    '        counter.value += 1',
  ],
  'value-lock': [
    'def worker(counter, n):  # counter = Value("i", 0): lock=True',
    '    for _ in range(n):',
    '        counter.value += 1',
  ],
  lock: [
    'def worker(counter, lock, n):',
    '    for _ in range(n):',
    '        with lock:',
    '            counter.value += 1',
  ],
  atomic: [
    'def worker(counter, n):',
    '    for _ in range(n):',
    '        atomic_add(counter, 1)  # what Atomics.add / atomic.AddInt64 do',
  ],
};

/** The worker function the interpreter runs, as the tutorials write it. */
export function pythonSource(program: Pick<RaceProgram, 'sync'>): readonly string[] {
  return SOURCES[program.sync];
}

/** The line holding the increment itself. */
export function incrementLine(sync: SimSync): number {
  return sync === 'lock' ? 4 : 3;
}

type StepTemplate = Omit<RaceStepInfo, 'line'> & { onWithLine?: boolean };

const LOAD: StepTemplate = {
  op: 'load',
  expanded: 'tmp = counter.value',
  machine: 'LOAD_ATTR value',
  says: 'reads the shared counter into its own register',
};
const ADD: StepTemplate = {
  op: 'add',
  expanded: 'tmp = tmp + 1',
  machine: 'BINARY_OP +=',
  says: 'adds one to its private copy; the shared counter does not change',
};
const STORE: StepTemplate = {
  op: 'store',
  expanded: 'counter.value = tmp',
  machine: 'STORE_ATTR value',
  says: 'writes its copy back, overwriting whatever is there',
};

const TEMPLATES: Record<SimSync, readonly StepTemplate[]> = {
  none: [LOAD, ADD, STORE],
  'value-lock': [
    {
      op: 'acquire',
      expanded: 'counter.get_lock().acquire()',
      machine: 'getter: lock',
      says: 'the getter takes the Value’s own lock',
    },
    LOAD,
    {
      op: 'release',
      expanded: 'counter.get_lock().release()',
      machine: 'getter: unlock',
      says: 'the getter lets go of the lock: others may now read or write',
    },
    ADD,
    {
      op: 'acquire',
      expanded: 'counter.get_lock().acquire()',
      machine: 'setter: lock',
      says: 'the setter takes the lock again',
    },
    STORE,
    {
      op: 'release',
      expanded: 'counter.get_lock().release()',
      machine: 'setter: unlock',
      says: 'the setter lets go of the lock',
    },
  ],
  lock: [
    {
      op: 'acquire',
      expanded: 'lock.acquire()',
      machine: 'BEFORE_WITH',
      says: 'takes the lock (or waits while another process holds it)',
      onWithLine: true,
    },
    LOAD,
    ADD,
    STORE,
    {
      op: 'release',
      expanded: 'lock.release()',
      machine: 'CALL __exit__',
      says: 'releases the lock, letting one waiter in',
      onWithLine: true,
    },
  ],
  atomic: [
    {
      op: 'atomic-add',
      expanded: 'counter.value += 1  # indivisible',
      machine: 'lock xadd (Atomics.add)',
      says: 'reads, adds and writes in one indivisible instruction',
    },
  ],
};

const WITH_LINE = 3;

function buildSteps(sync: SimSync): readonly RaceStepInfo[] {
  return TEMPLATES[sync].map(({ onWithLine, ...step }) => ({
    ...step,
    line: onWithLine ? WITH_LINE : incrementLine(sync),
  }));
}
// Built once: the interpreter asks for them on every step of every explored state.
const STEPS: Record<SimSync, readonly RaceStepInfo[]> = {
  none: buildSteps('none'),
  'value-lock': buildSteps('value-lock'),
  lock: buildSteps('lock'),
  atomic: buildSteps('atomic'),
};

/** The steps of one increment, in order. */
export function incrementSteps(program: Pick<RaceProgram, 'sync'>): readonly RaceStepInfo[] {
  return STEPS[program.sync];
}

export function stepsPerProcess(program: RaceProgram): number {
  return program.increments * incrementSteps(program).length;
}

/** Display name of a process in the step-through ("P1", "P2", …). */
export function processLabel(pid: number): string {
  return `P${pid + 1}`;
}

export function assertProgram(program: RaceProgram): void {
  const { processes, increments, sync } = program;
  if (
    !Number.isInteger(processes) ||
    processes < SIM_LIMITS.processes.min ||
    processes > SIM_LIMITS.processes.max
  ) {
    throw new RangeError(
      `processes must be an integer from ${SIM_LIMITS.processes.min} to ${SIM_LIMITS.processes.max} (got ${processes})`,
    );
  }
  if (
    !Number.isInteger(increments) ||
    increments < SIM_LIMITS.increments.min ||
    increments > SIM_LIMITS.increments.max
  ) {
    throw new RangeError(
      `increments must be an integer from ${SIM_LIMITS.increments.min} to ${SIM_LIMITS.increments.max} (got ${increments})`,
    );
  }
  if (!SIM_SYNCS.includes(sync))
    throw new RangeError(`sync must be one of ${SIM_SYNCS.join(', ')} (got ${String(sync)})`);
}
