/**
 * TaskContext: what a task running in a process gets as its first argument.
 *
 *   ctx.pid, ctx.name, ctx.telemetry (this process's TelemetryWriter)
 *   ctx.now()             ms since the Unix epoch, comparable across processes
 *   ctx.sleep(ms)         blocks this process (Atomics.wait on its private control word), shown
 *                         as "sleeping"; returns early if the parent requested a stop
 *   ctx.stopRequested()   the parent called `process.requestStop()` (cooperative cancellation)
 *   ctx.checkStop()       ends the task cleanly (exit code 0) if a stop was requested
 *   ctx.exit(code)        like sys.exit(code): ends the process now with that exit code
 *   ctx.send(data)        a message to the parent (`process.onMessage`); not for hot paths
 *
 * Also the task table lookup (`lookupTask`), filled in by `registry.ts` when it loads, so code
 * that must run a task by name (the pool worker, Barrier actions) need not import the registry
 * (which imports every task module, them included).
 */
import { InvalidArgumentError } from '../errors';
import { now } from '../platform/clock';
import { currentWriter } from '../../telemetry/current';
import { ProcessState } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';

/** Int32 words of a process's private control block (64 bytes, allocated by the parent). */
export const CONTROL_WORDS = 16;
export const C = { STOP: 0 } as const;

/** Thrown by `ctx.exit(code)` and caught by the worker loop, like Python's SystemExit. */
export class SystemExit extends Error {
  override name = 'SystemExit';
  constructor(readonly code: number) {
    super(`SystemExit(${code})`);
  }
}

export interface TaskContext {
  readonly pid: number;
  readonly name: string;
  readonly telemetry: TelemetryWriter;
  now(): number;
  sleep(ms: number): void;
  stopRequested(): boolean;
  checkStop(): void;
  exit(code?: number): never;
  send(data: unknown): void;
}

/** A task: a named function a process can run (Python: an importable target). */
export type Task = (ctx: TaskContext, ...args: never[]) => unknown;

export function createTaskContext(init: {
  pid: number;
  name: string;
  telemetry: TelemetryWriter;
  control: Int32Array;
  send: (data: unknown) => void;
}): TaskContext {
  const { control, telemetry } = init;
  return {
    pid: init.pid,
    name: init.name,
    telemetry,
    now,
    sleep(ms: number) {
      if (typeof ms !== 'number' || !(ms >= 0)) throw new InvalidArgumentError('ms', 'a number of milliseconds ≥ 0', ms);
      const t0 = telemetry.beginWait(ProcessState.SLEEPING, 0);
      // Waiting on the STOP word (expected 0) makes a stop request cut the sleep short.
      Atomics.wait(control, C.STOP, 0, ms);
      telemetry.endWait(t0, 0);
    },
    stopRequested: () => Atomics.load(control, C.STOP) !== 0,
    checkStop() {
      if (Atomics.load(control, C.STOP) !== 0) throw new SystemExit(0);
    },
    exit(code = 0): never {
      if (!Number.isInteger(code)) throw new InvalidArgumentError('code', 'an integer exit code', code);
      throw new SystemExit(code);
    },
    send: init.send,
  };
}

// ---- the task table, registered by registry.ts ----

let table: Readonly<Record<string, Task>> = {};

export function setTaskTable(tasks: Readonly<Record<string, Task>>): void {
  table = tasks;
}

export function taskNames(): string[] {
  return Object.keys(table).sort();
}

export function hasTask(name: string): boolean {
  return Object.hasOwn(table, name);
}

/** The task called `name`; throws naming the task and listing the valid names. */
export function lookupTask(name: unknown): Task {
  if (typeof name === 'string' && Object.hasOwn(table, name)) return table[name];
  throw new InvalidArgumentError('target', `the name of a registered task (one of: ${taskNames().join(', ')})`, name);
}

// ---- the context of the code running on this thread ----

let current: TaskContext | null = null;

export function setCurrentContext(ctx: TaskContext): void {
  current = ctx;
}

/**
 * The context of this thread: the running task's in a process; on the parent, a context for
 * pid 0 (MainProcess) whose sleep() throws, since the page must not block.
 */
export function currentContext(): TaskContext {
  if (current) return current;
  const telemetry = currentWriter();
  current = {
    pid: 0,
    name: 'MainProcess',
    telemetry,
    now,
    sleep() {
      throw new Error('MainProcess cannot sleep: the page must never block (use a timer)');
    },
    stopRequested: () => false,
    checkStop() {},
    exit() {
      throw new Error('MainProcess cannot exit()');
    },
    send() {
      throw new Error('MainProcess has no parent to send to');
    },
  };
  return current;
}
