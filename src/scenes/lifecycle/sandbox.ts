/**
 * The "your own processes" session: the user starts processes with arguments and drives them
 * with buttons (join, join(timeout), is_alive(), terminate, kill), then ends the session the way
 * a Python program ends: "Parent exits" terminates the daemon children and joins the others.
 * The session is a run of the global run controller, so Stop, Reset, leaving the scene and
 * `window.playground.stop()` terminate every process it started.
 */
import { now, RunScope, type Process } from '../../runtime';
import { RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import type { ProcessBook } from './process-book';

export const SANDBOX_ENDINGS = ['return', 'raise', 'exit', 'forever'] as const;
export type SandboxEnding = (typeof SANDBOX_ENDINGS)[number];

export const ENDING_LABELS: Record<SandboxEnding, string> = {
  return: 'work, then return',
  raise: 'work, then raise ValueError',
  exit: 'work, then sys.exit(code)',
  forever: 'work forever',
};

export interface SandboxProcessSpec {
  name: string;
  steps: number;
  stepMs: number;
  ending: SandboxEnding;
  exitCode: number;
  daemon: boolean;
}

export interface SandboxLogEntry {
  atMs: number;
  text: string;
}

export interface SandboxSummary {
  processes: {
    name: string;
    pid: number;
    args: unknown[];
    daemon: boolean;
    exitCode: number | null;
    wasZombie: boolean;
    error: string | null;
  }[];
  log: SandboxLogEntry[];
}

/** The Python call a spec stands for, e.g. `work(3, 0.2, "raise")`. */
export function describeSpec(spec: SandboxProcessSpec): string {
  const tail = spec.ending === 'exit' ? `, "exit", ${spec.exitCode}` : `, "${spec.ending}"`;
  return `work(${spec.ending === 'forever' ? 0 : spec.steps}, ${spec.stepMs / 1000}${tail})`;
}

export class SandboxSession {
  readonly log: SandboxLogEntry[] = [];
  private readonly processes: Process[] = [];
  private resolveFinished!: (s: SandboxSummary) => void;
  private rejectFinished!: (e: Error) => void;
  readonly finished: Promise<SandboxSummary>;
  private exiting = false;

  constructor(
    private readonly scope: RunScope,
    private readonly book: ProcessBook,
    private readonly onChange: () => void,
  ) {
    this.finished = new Promise((resolve, reject) => {
      this.resolveFinished = resolve;
      this.rejectFinished = reject;
    });
    this.finished.catch(() => {});
    scope.signal.addEventListener('abort', () => this.rejectFinished(new RunAbortedError()), { once: true });
  }

  get closed(): boolean {
    return this.scope.closed || this.exiting;
  }

  private say(text: string): void {
    this.log.push({ atMs: Math.round(this.book.at() * 10) / 10, text });
    this.onChange();
  }

  start(spec: SandboxProcessSpec): Process {
    if (this.closed) throw new Error('this session has ended: start a new one');
    const args = [spec.ending === 'forever' ? 0 : spec.steps, spec.stepMs, spec.ending, spec.ending === 'exit' ? spec.exitCode : 0];
    const proc = this.scope.process({ target: 'lifecycleWork', args, name: spec.name || undefined, daemon: spec.daemon });
    this.processes.push(proc);
    this.book.add(proc, 'sandbox', 'yours', describeSpec(spec));
    proc.start();
    this.say(`p = Process(target=work, args=${describeSpec(spec).slice(4)}, name="${proc.name}"${spec.daemon ? ', daemon=True' : ''}); p.start() → pid ${proc.pid}`);
    return proc;
  }

  async join(proc: Process, timeoutMs?: number): Promise<void> {
    const how = timeoutMs === undefined ? 'join()' : `join(timeout=${timeoutMs / 1000})`;
    this.book.markJoining(proc, how);
    this.say(`${proc.name}.${how}${proc.state === 'running' ? ': the parent waits…' : ''}`);
    const t = now();
    await proc.join(timeoutMs);
    this.book.markJoining(proc, null);
    if (this.scope.closed) return;
    const waited = Math.round(now() - t);
    if (proc.state === 'joined') this.say(`${proc.name}.${how} returned after ${waited} ms: exitcode ${proc.exitCode}${proc.error ? ` (${proc.error.name}: ${proc.error.message})` : ''}`);
    else this.say(`${proc.name}.${how} returned after ${waited} ms: still running, exitcode None`);
  }

  /** Python's is_alive(): like CPython it polls the child, which reaps it if it has exited. */
  isAlive(proc: Process): void {
    const wasZombie = proc.zombie;
    const alive = proc.isAlive();
    this.say(`${proc.name}.is_alive() → ${alive ? 'True' : 'False'}${wasZombie ? ' (and that poll reaped the zombie)' : ''}`);
  }

  terminate(proc: Process): void {
    if (proc.exitCode !== null) return this.say(`${proc.name}.terminate(): it has already exited (exitcode ${proc.exitCode})`);
    proc.terminate();
    this.say(`${proc.name}.terminate(): SIGTERM (exit code will be -15)`);
  }

  kill(proc: Process): void {
    if (proc.exitCode !== null) return this.say(`${proc.name}.kill(): it has already exited (exitcode ${proc.exitCode})`);
    proc.kill();
    this.say(`${proc.name}.kill(): SIGKILL (exit code will be -9)`);
  }

  owns(proc: Process): boolean {
    return this.processes.includes(proc);
  }

  /** The end of the parent's main code: Python's exit handler terminates daemons, joins the rest. */
  async parentExits(): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    this.say('main() returns: the exit handler runs');
    const t = now();
    for (const p of this.processes) {
      if (p.daemon && p.state === 'running') {
        p.terminate();
        this.say(`${p.name} is a daemon: terminate()`);
      }
    }
    for (const p of this.processes) {
      if (p.state === 'joined') continue;
      if (!p.daemon && p.state === 'running') this.say(`${p.name} is not a daemon: join() waits for it`);
      await p.join();
      if (this.scope.closed) return;
    }
    this.say(`the parent exits after waiting ${Math.round(now() - t)} ms: ${this.processes.map((p) => `${p.name} ${p.exitCode}`).join(', ') || 'no children'}`);
    this.resolveFinished(this.summary());
  }

  summary(): SandboxSummary {
    return {
      processes: this.processes.map((p) => ({
        name: p.name,
        pid: p.pid,
        args: [...p.args] as unknown[],
        daemon: p.daemon,
        exitCode: p.exitCode,
        wasZombie: this.book.find(p)?.wasZombie ?? false,
        error: p.error ? `${p.error.name}: ${p.error.message}` : null,
      })),
      log: [...this.log],
    };
  }
}

/** The session as a run: resolves when the parent exits, rejects when stopped. */
export async function runSandbox(
  ctx: RunContext,
  book: ProcessBook,
  onSession: (session: SandboxSession | null) => void,
  onChange: () => void,
): Promise<SandboxSummary> {
  const scope = new RunScope(ctx.signal);
  const session = new SandboxSession(scope, book, onChange);
  onSession(session);
  try {
    return await session.finished;
  } finally {
    await scope.close();
    onSession(null);
  }
}
