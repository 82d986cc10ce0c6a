/**
 * Process — Python's `multiprocessing.Process`, as a worker running a registered task.
 *
 *   new Process({ target: 'taskName', args?, name?, daemon? })   unknown task → InvalidArgumentError
 *   start(): void             args are "pickled" here: PicklingError if one cannot be cloned;
 *                             ProcessError if started twice
 *   join(timeoutMs?): Promise<void>   resolves when it exited (or the timeout passed, like Python)
 *   terminate() → exit code -15,  kill() → -9   (a browser has no signals: both stop the worker)
 *   isAlive()                 like Python, reaps (joins) a process found exited
 *   requestStop()             cooperative: the task sees ctx.stopRequested(), its sleep ends
 *   onMessage(listener)       data the task sent with ctx.send()
 *   pid, name, daemon, exitCode (null while running), error ({ name, message, stack } when the
 *   task raised), result (the task's return value, an extension), state
 *   ('created' | 'running' | 'exited' | 'joined'), zombie (exited, not yet joined),
 *   startedAt, firstInstructionAt, exitedAt (epoch ms; start latency = first − started)
 *
 * When a process ends for any reason, every lock it still held is marked OWNER_DIED.
 */
import { ProcessError, checkTimeout, toErrorInfo, type ErrorInfo, InvalidArgumentError } from '../errors';
import { encodeArgs } from '../memory/handles';
import { resourcesOwnerDied } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { now } from '../platform/clock';
import { getPlatform } from '../platform/platform';
import type { WorkerLike } from '../platform/types';
import { futexWake } from '../sync/futex';
import '../tasks/registry';
import { C, CONTROL_WORDS, lookupTask } from '../tasks/task-context';
import { telemetryBuffer } from '../../telemetry/current';
import { nameProcess } from '../../telemetry/directory';
import { claimProcessSlot, markSlotExited, releaseProcessSlot } from '../../telemetry/process-slots';
import { trackJoined, trackStarted, trackThreadEnded, type ChildProcess } from './process-table';
import { isFromWorker, type BootMessage, type FromWorker } from './protocol';

export interface ProcessOptions {
  /** A task name from the registry (Python: the target must be importable). */
  target: string;
  args?: readonly unknown[];
  name?: string;
  daemon?: boolean;
}

export type ProcessLifecycle = 'created' | 'running' | 'exited' | 'joined';

export const SIGTERM_EXIT = -15;
export const SIGKILL_EXIT = -9;

let nextPid = 1;

/** Processes whose run was stopped before they started (RunScope.close): start() ends them at once. */
const cancelledBeforeStart = new WeakSet<Process>();

/**
 * The run this not-yet-started process belongs to was stopped: a later `start()` spawns no
 * worker and ends it at once as terminated (exit code -15), so `join()` still resolves.
 * Used by RunScope; a no-op once started.
 */
export function cancelBeforeStart(p: Process): void {
  if (p.state === 'created') cancelledBeforeStart.add(p);
}

export class Process implements ChildProcess {
  readonly pid: number;
  readonly target: string;
  readonly args: readonly unknown[];
  name: string;
  exitCode: number | null = null;
  error: ErrorInfo | null = null;
  result: unknown = undefined;
  state: ProcessLifecycle = 'created';
  startedAt: number | null = null;
  firstInstructionAt: number | null = null;
  exitedAt: number | null = null;
  /** Telemetry process slot (-1 before start). */
  slot = -1;
  readonly threadEnded: Promise<void>;

  private _daemon: boolean;
  private worker: WorkerLike | null = null;
  private control: Int32Array | null = null;
  private pendingSignal: number | null = null;
  private readonly exited: Promise<void>;
  private resolveExited!: () => void;
  private resolveThreadEnded!: () => void;
  private readonly messageListeners: ((data: unknown) => void)[] = [];

  constructor(options: ProcessOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('options', 'an object { target, args?, name?, daemon? }', options);
    }
    lookupTask(options.target); // throws naming the task and the valid names
    if (options.args !== undefined && !Array.isArray(options.args)) {
      throw new InvalidArgumentError('args', 'an array of arguments', options.args);
    }
    if (options.name !== undefined && typeof options.name !== 'string') {
      throw new InvalidArgumentError('name', 'a string', options.name);
    }
    if (options.daemon !== undefined && typeof options.daemon !== 'boolean') {
      throw new InvalidArgumentError('daemon', 'true or false', options.daemon);
    }
    this.pid = nextPid++;
    this.target = options.target;
    this.args = options.args ?? [];
    this.name = options.name ?? `Process-${this.pid}`;
    this._daemon = options.daemon ?? false;
    this.exited = new Promise((r) => (this.resolveExited = r));
    this.threadEnded = new Promise((r) => (this.resolveThreadEnded = r));
  }

  get daemon(): boolean {
    return this._daemon;
  }

  set daemon(value: boolean) {
    if (this.state !== 'created') throw new ProcessError('process has already started: daemon cannot change');
    this._daemon = value;
  }

  /** Exited but not yet joined: its exit code waits for the parent. */
  get zombie(): boolean {
    return this.state === 'exited';
  }

  start(): void {
    if (this.state !== 'created') throw new ProcessError(`cannot start a process twice (${this.name}, pid ${this.pid})`);
    const args = encodeArgs(this.args);
    if (cancelledBeforeStart.has(this)) {
      // Its run was stopped before it started: never spawn a worker nobody would end.
      this.state = 'running';
      this.startedAt = now();
      this.pendingSignal = SIGTERM_EXIT;
      this.finish(SIGTERM_EXIT, null);
      this.resolveThreadEnded();
      return;
    }
    const platform = getPlatform();
    const telemetry = telemetryBuffer();
    this.control = allocWords(CONTROL_WORDS);
    this.slot = claimProcessSlot(this.pid);
    nameProcess(this.pid, this.name);

    let worker: WorkerLike;
    try {
      worker = platform.spawn({ name: this.name });
    } catch (e) {
      markSlotExited(this.slot, this.pid, 1);
      releaseProcessSlot(this.slot);
      throw e;
    }
    this.worker = worker;
    worker.onMessage((m) => this.onWorkerMessage(m));
    worker.onError((e) => {
      // A browser worker lives on after an uncaught error: end it so the process is really over.
      this.finish(1, e);
      worker.terminate();
    });
    worker.onExit(() => this.onThreadExit());
    const boot: BootMessage = {
      type: 'boot',
      pid: this.pid,
      slot: this.slot,
      name: this.name,
      task: this.target,
      args,
      telemetry: telemetry.sab,
      control: this.control.buffer as SharedArrayBuffer,
    };
    this.state = 'running';
    this.startedAt = now();
    trackStarted(this);
    try {
      worker.postMessage(boot);
    } catch (e) {
      // The worker exists but will never run: end it, so no thread outlives a failed start.
      this.finish(1, toErrorInfo(e));
      worker.terminate();
      throw e;
    }
  }

  async join(timeoutMs?: number): Promise<void> {
    if (this.state === 'created') throw new ProcessError(`can only join a started process (${this.name})`);
    const t = checkTimeout('timeoutMs', timeoutMs);
    const done = Promise.all([this.exited, this.threadEnded]);
    if (t === Infinity) await done;
    else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([done, new Promise((r) => (timer = setTimeout(r, t)))]);
      clearTimeout(timer);
    }
    if (this.exitCode !== null) this.reap();
  }

  /** Python's SIGTERM: exit code -15. */
  terminate(): void {
    this.signal(SIGTERM_EXIT);
  }

  /** Python's SIGKILL: exit code -9. A worker cannot catch either, so they act the same. */
  kill(): void {
    this.signal(SIGKILL_EXIT);
  }

  isAlive(): boolean {
    if (this.state === 'running') return true;
    if (this.state === 'exited') this.reap();
    return false;
  }

  requestStop(): void {
    if (!this.control) return;
    Atomics.store(this.control, C.STOP, 1);
    futexWake(this.control, C.STOP);
  }

  onMessage(listener: (data: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  reap(): void {
    if (this.state !== 'exited') return;
    this.state = 'joined';
    trackJoined(this);
  }

  toString(): string {
    const status = this.state === 'running' ? 'started' : this.exitCode === null ? 'initial' : `stopped exitcode=${this.exitCode}`;
    return `<Process name='${this.name}' pid=${this.pid} ${status}${this._daemon ? ' daemon' : ''}>`;
  }

  private signal(exitCode: number): void {
    if (this.state === 'created') throw new ProcessError(`cannot terminate a process that was not started (${this.name})`);
    if (!this.worker || this.exitCode !== null) return;
    this.pendingSignal ??= exitCode;
    this.worker.terminate();
  }

  private onWorkerMessage(m: unknown): void {
    if (!isFromWorker(m)) return;
    const msg = m as FromWorker;
    if (msg.type === 'started') this.firstInstructionAt = msg.at;
    else if (msg.type === 'user') for (const l of this.messageListeners) l(msg.data);
    else if (msg.type === 'exit') {
      this.result = msg.result;
      this.finish(msg.code, msg.error ?? null);
      // The task is over; end the thread now rather than when it idles out.
      this.worker?.terminate();
    }
  }

  private onThreadExit(): void {
    // Killed, or the thread died without an exit message: the signal's code, else an error.
    this.finish(this.pendingSignal ?? 1, this.pendingSignal === null ? { name: 'Error', message: 'worker thread ended unexpectedly' } : null);
    trackThreadEnded(this);
    this.resolveThreadEnded();
  }

  private finish(code: number, error: ErrorInfo | null): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    this.error = error;
    this.exitedAt = now();
    this.state = 'exited';
    markSlotExited(this.slot, this.pid, code);
    releaseProcessSlot(this.slot);
    resourcesOwnerDied(this.pid, code);
    if (this.pendingSignal !== null && getPlatform().kind === 'browser') {
      // A browser worker runs on briefly after terminate(): catch a lock taken in that window.
      setTimeout(() => resourcesOwnerDied(this.pid, code), 50);
    }
    this.resolveExited();
  }
}
