/**
 * The lifecycle scene's guided run: five short programs, each the parent side of a lesson from
 * the tutorials (exit codes, zombies, supervision, daemon shutdown, the Go developer's worker
 * pool), run on real workers. Every process and every step of the parent is reported to an
 * optional observer (the UI draws lanes and a log from it); headless, the result says what
 * happened. Every worker is terminated when the run settles or is stopped.
 */
import { Event, Queue, RunScope, now, type Process, type ProcessOptions } from '../../runtime';
import { RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { SINGLE_PARTS, type LifecycleParams, type SinglePart } from './lifecycle-params';
import type {
  DaemonOutcome,
  ExitCodesOutcome,
  GoContextOutcome,
  LifecycleLogEntry,
  LifecycleResult,
  ProcessRecord,
  SupervisionOutcome,
  ZombiesOutcome,
} from './lifecycle-result';

export interface LifecycleObserver {
  /** A process the script created (before start), with a one-line description of its call. */
  onProcess?: (proc: Process, info: { part: SinglePart; call: string }) => void;
  /** The parent joined it (its lane turns "joined"). */
  onJoined?: (proc: Process) => void;
  onLog?: (entry: LifecycleLogEntry) => void;
  onPart?: (part: SinglePart) => void;
}

/** Python's repr of a timeout in seconds: 300 → "0.3". */
const secs = (ms: number) => String(ms / 1000);

/** The parent's side of the run: spawns, joins, waits and writes the log. */
class Script {
  part: SinglePart = 'exit-codes';
  readonly records = new Map<Process, ProcessRecord>();
  readonly log: LifecycleLogEntry[] = [];
  readonly t0 = now();
  private readonly zombieWatch: ReturnType<typeof setInterval>;
  /** Most zombies seen at once, per part. */
  readonly maxZombies = new Map<SinglePart, number>();

  constructor(
    private readonly scope: RunScope,
    private readonly observer: LifecycleObserver,
  ) {
    // Look for zombies (exited, not yet joined) every few ms: the parent notices them like `ps` would.
    this.zombieWatch = setInterval(() => this.lookForZombies(), 10);
  }

  get signal(): AbortSignal {
    return this.scope.signal;
  }

  at(t = now()): number {
    return Math.round((t - this.t0) * 10) / 10;
  }

  say(who: string, text: string): void {
    const entry = { atMs: this.at(), part: this.part, who, text };
    this.log.push(entry);
    this.observer.onLog?.(entry);
  }

  spawn(options: ProcessOptions & { name: string }, call: string): Process {
    const proc = this.scope.process(options);
    this.records.set(proc, {
      name: proc.name,
      pid: proc.pid,
      part: this.part,
      target: options.target,
      args: jsonArgs(options.args ?? []),
      daemon: proc.daemon,
      exitCode: null,
      error: null,
      zombieObserved: false,
      zombieMs: null,
      startedAtMs: null,
      exitedAtMs: null,
      joinedAtMs: null,
    });
    this.observer.onProcess?.(proc, { part: this.part, call });
    return proc;
  }

  start(proc: Process): void {
    this.check();
    proc.start();
    this.record(proc).startedAtMs = this.at(proc.startedAt ?? now());
    this.say('MainProcess', `${proc.name}.start() → pid ${proc.pid}${proc.daemon ? ' (daemon)' : ''}`);
  }

  /** join(timeout): returns like Python's, whether or not the process ended. */
  async join(proc: Process, timeoutMs?: number): Promise<void> {
    this.check();
    this.lookForZombies();
    await proc.join(timeoutMs);
    this.check();
    this.settle(proc);
  }

  async sleep(ms: number): Promise<void> {
    this.check();
    const signal = this.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
    this.check();
  }

  /** Waits until `test()` holds (polled), at most `limitMs`. */
  async until(test: () => boolean, limitMs: number): Promise<boolean> {
    const end = now() + limitMs;
    while (!test()) {
      if (now() > end) return false;
      await this.sleep(5);
    }
    return true;
  }

  record(proc: Process): ProcessRecord {
    return this.records.get(proc)!;
  }

  /** Copies what the parent knows about a process into its record. */
  settle(proc: Process): void {
    const r = this.record(proc);
    if (proc.exitCode !== null) {
      r.exitCode = proc.exitCode;
      r.exitedAtMs = proc.exitedAt !== null ? this.at(proc.exitedAt) : null;
      if (proc.error && !r.error) {
        r.error = { name: proc.error.name, message: proc.error.message, traceback: proc.error.stack ?? `${proc.error.name}: ${proc.error.message}` };
      }
    }
    if (proc.state === 'joined' && r.joinedAtMs === null) {
      r.joinedAtMs = this.at();
      if (r.zombieObserved && proc.exitedAt !== null) r.zombieMs = Math.round(now() - proc.exitedAt);
      this.observer.onJoined?.(proc);
    }
  }

  lookForZombies(): void {
    let zombies = 0;
    for (const [proc, r] of this.records) {
      if (!proc.zombie) continue;
      zombies++;
      if (!r.zombieObserved) {
        r.zombieObserved = true;
        this.settle(proc);
        if (r.part === 'zombies') this.say(proc.name, `exited with exit code ${proc.exitCode}; not joined yet: a zombie`);
      }
    }
    this.maxZombies.set(this.part, Math.max(this.maxZombies.get(this.part) ?? 0, zombies));
  }

  check(): void {
    if (this.signal.aborted) throw new RunAbortedError();
  }

  dispose(): void {
    clearInterval(this.zombieWatch);
  }
}

function jsonArgs(args: readonly unknown[]): unknown[] {
  return args.map((a) => {
    if (a instanceof Event || a instanceof Queue) return `<${a.constructor.name} ${a.name}>`;
    try {
      return JSON.parse(JSON.stringify(a)) as unknown;
    } catch {
      return String(a);
    }
  });
}

const stepOf = (params: LifecycleParams) => Math.max(10, Math.round(params.workMs / 4));

async function exitCodes(s: Script, params: LifecycleParams): Promise<ExitCodesOutcome> {
  const step = stepOf(params);
  s.say('MainProcess', 'starts five processes, each with its own arguments');
  const returns = s.spawn({ target: 'lifecycleWork', args: [4, step, 'return'], name: 'returns' }, `work(4, ${step}) then return`);
  const raises = s.spawn({ target: 'lifecycleWork', args: [2, step, 'raise'], name: 'raises' }, `work(2, ${step}) then raise ValueError`);
  const exits = s.spawn({ target: 'lifecycleWork', args: [3, step, 'exit', 3], name: 'sys-exit-3' }, `work(3, ${step}) then sys.exit(3)`);
  const terminated = s.spawn({ target: 'lifecycleWork', args: [0, step, 'forever'], name: 'terminated' }, `work forever (until terminate())`);
  const killed = s.spawn({ target: 'lifecycleWork', args: [0, step, 'forever'], name: 'killed' }, `work forever (until kill())`);
  const all = [returns, raises, exits, terminated, killed];
  for (const p of all) s.start(p);
  s.say('MainProcess', `is_alive(): ${all.map((p) => `${p.name} ${p.state === 'running' ? 'True' : 'False'}`).join(', ')}`);

  const t = now();
  await s.join(terminated, params.joinTimeoutMs);
  const joinTimeout = {
    timeoutMs: params.joinTimeoutMs,
    returnedAfterMs: Math.round(now() - t),
    aliveAfter: terminated.state === 'running',
    exitCodeAfter: terminated.exitCode,
  };
  s.say(
    'MainProcess',
    `terminated.join(timeout=${secs(params.joinTimeoutMs)}) returned after ${joinTimeout.returnedAfterMs} ms: is_alive() ${joinTimeout.aliveAfter ? 'True' : 'False'}, exitcode ${joinTimeout.exitCodeAfter ?? 'None'}`,
  );

  for (const p of [returns, raises, exits]) {
    await s.join(p);
    s.say('MainProcess', `${p.name}.join() → exitcode ${p.exitCode}`);
    if (p.error) s.say('MainProcess', `${p.name} raised ${p.error.name}: ${p.error.message} (traceback received from the child)`);
  }
  terminated.terminate();
  s.say('MainProcess', 'terminated.terminate(): SIGTERM');
  await s.join(terminated);
  s.say('MainProcess', `terminated.join() → exitcode ${terminated.exitCode}`);
  killed.kill();
  s.say('MainProcess', 'killed.kill(): SIGKILL');
  await s.join(killed);
  s.say('MainProcess', `killed.join() → exitcode ${killed.exitCode}`);

  return {
    exitCodes: Object.fromEntries(all.map((p) => [p.name, p.exitCode])),
    joinTimeout,
    traceback: s.record(raises).error?.traceback ?? '',
  };
}

async function zombies(s: Script, params: LifecycleParams): Promise<ZombiesOutcome> {
  const step = stepOf(params);
  const children = [1, 2, 3].map((i) =>
    s.spawn({ target: 'lifecycleWork', args: [i, step, 'return'], name: `zombie-${i}` }, `work(${i}, ${step}) then return`),
  );
  for (const p of children) s.start(p);
  s.say('MainProcess', 'is busy with other work and does not join yet');
  await s.until(() => children.every((p) => p.exitCode !== null), 30_000);
  s.lookForZombies();
  await s.sleep(Math.max(400, params.workMs));
  s.say('MainProcess', `${children.filter((p) => p.zombie).length} zombies: exited, exit codes kept, not reaped`);
  for (const p of children) {
    await s.join(p);
    s.say('MainProcess', `${p.name}.join() → exitcode ${p.exitCode}: reaped, no longer a zombie`);
    await s.sleep(200);
  }
  return {
    names: children.filter((p) => s.record(p).zombieObserved).map((p) => p.name),
    maxAtOnce: s.maxZombies.get('zombies') ?? 0,
    remaining: children.filter((p) => p.zombie).length,
  };
}

async function supervision(s: Script, params: LifecycleParams, seed: number): Promise<SupervisionOutcome> {
  const workers = Array.from({ length: params.workers }, (_, i) =>
    s.spawn(
      { target: 'supervisedJob', args: [params.workMs, params.failPercent, seed + i], name: `worker-${i + 1}` },
      `job(seed=${seed + i}): sys.exit(0 or 1)`,
    ),
  );
  for (const p of workers) s.start(p);
  for (const p of workers) await s.join(p);
  for (const p of workers) s.say('MainProcess', `${p.name}: exit code ${p.exitCode}`);
  const failed = workers.filter((p) => p.exitCode !== 0).map((p) => p.name);
  const warning = failed.length > 0 ? `WARNING: ${failed.length} of ${workers.length} workers failed: ${failed.join(', ')}` : null;
  s.say('MainProcess', warning ?? `all ${workers.length} workers succeeded`);
  return { workers: workers.map((p) => ({ name: p.name, exitCode: p.exitCode })), failed, warning };
}

async function daemon(s: Script, params: LifecycleParams): Promise<DaemonOutcome> {
  const step = stepOf(params);
  const heartbeat = s.spawn({ target: 'lifecycleWork', args: [0, step, 'forever'], name: 'heartbeat', daemon: true }, 'beat forever (daemon=True)');
  const steps = 8;
  const writer = s.spawn({ target: 'lifecycleWork', args: [steps, step, 'return'], name: 'writer' }, `work(${steps}, ${step}) then return (daemon=False)`);
  s.start(heartbeat);
  s.start(writer);
  await s.sleep(Math.min(400, params.workMs));
  s.say('MainProcess', 'main() returns: the interpreter starts to exit');
  // Python's exit handler (multiprocessing.util._exit_function): terminate the daemon children,
  // then join every other child. The non-daemon child keeps the parent waiting.
  const t = now();
  for (const p of [heartbeat, writer]) {
    if (p.daemon && p.state === 'running') {
      p.terminate();
      s.say('MainProcess', `exit handler: ${p.name} is a daemon: terminate()`);
    }
  }
  await s.join(heartbeat);
  s.say('MainProcess', `${heartbeat.name} → exitcode ${heartbeat.exitCode}`);
  s.say('MainProcess', `exit handler: ${writer.name} is not a daemon: join() and wait`);
  await s.join(writer);
  const parentWaitedMs = Math.round(now() - t);
  s.say('MainProcess', `${writer.name} → exitcode ${writer.exitCode}; the parent waited ${parentWaitedMs} ms before it could exit`);
  return {
    daemon: { name: heartbeat.name, exitCode: heartbeat.exitCode },
    nonDaemon: { name: writer.name, exitCode: writer.exitCode },
    parentWaitedMs,
  };
}

type GoJob = { id: number; n: number; kind: 'normal' | 'long' | 'stuck' };
type GoResult = { worker: string; job: number; value: number };

async function goContext(s: Script, params: LifecycleParams): Promise<GoContextOutcome> {
  const steps: { atMs: number; text: string }[] = [];
  const step = (text: string) => {
    steps.push({ atMs: s.at(), text });
    s.say('MainProcess', text);
  };
  const stop = new Event({ name: 'stop' });
  const jobs = new Queue<GoJob | null>(0, { name: 'jobs' });
  const results = new Queue<GoResult>(0, { name: 'results' });
  const jobMs = Math.max(20, Math.round(params.workMs / 8));
  const gophers = [1, 2, 3].map((i) =>
    s.spawn(
      { target: 'goStyleWorker', args: [stop, jobs, results, jobMs], name: `gopher-${i}` },
      'while not stop.is_set(): job = jobs.get(timeout=0.1)',
    ),
  );
  step('stop = Event(); jobs = Queue(); results = Queue()   # ctx, cancel := context.WithCancel(…)');
  for (const p of gophers) s.start(p);
  const list: GoJob[] = [1, 2, 3, 4, 5, 6].map((n) => ({ id: n, n, kind: 'normal' as const }));
  list.push({ id: 7, n: 7, kind: 'long' }, { id: 8, n: 8, kind: 'stuck' });
  for (const job of list) await jobs.putAsync(job);
  step(`put ${list.length} jobs: 6 quick ones, one long (checks the stop Event), one stuck in a call with no timeout`);
  for (const _ of gophers) await jobs.putAsync(null);
  step(`put ${gophers.length} poison pills (None), one per worker`);

  const got: GoResult[] = [];
  const expected = list.filter((j) => j.kind === 'normal').length;
  const deadline = now() + 10_000;
  while (got.length < expected && now() < deadline) {
    s.check();
    try {
      got.push(await results.getAsync(true, 100));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'Empty')) throw error;
    }
  }
  s.check();
  step(`collected ${got.length} results: ${got.map((r) => `${r.job}²=${r.value}`).join(', ')}`);

  for (const p of gophers) {
    await s.join(p, params.joinTimeoutMs);
    step(`${p.name}.join(timeout=${secs(params.joinTimeoutMs)}): ${p.state === 'running' ? 'still alive' : `exitcode ${p.exitCode}`}`);
  }
  stop.set();
  step('stop.set()   # cancel(): tell every worker to stop');
  for (const p of gophers.filter((g) => g.state === 'running')) {
    await s.join(p, params.joinTimeoutMs);
    step(`${p.name}.join(timeout=${secs(params.joinTimeoutMs)}): ${p.state === 'running' ? 'still alive: it never looks at the Event' : `exitcode ${p.exitCode}`}`);
  }
  for (const p of gophers.filter((g) => g.state === 'running')) {
    p.terminate();
    step(`${p.name}.terminate()   # the fallback`);
    await s.join(p);
    step(`${p.name}.join() → exitcode ${p.exitCode}`);
  }
  for (const p of gophers) await s.join(p);

  return {
    jobs: list.length,
    results: got.length,
    resultsCorrect: got.every((r) => r.value === r.job * r.job),
    workers: gophers.map((p) => {
      const ending = (p.result as { ending?: 'poison-pill' | 'stop-event' } | undefined)?.ending;
      return { name: p.name, exitCode: p.exitCode, ending: p.exitCode === 0 && ending ? ending : 'terminated' };
    }),
    steps,
  };
}

export async function runLifecycle(params: LifecycleParams, ctx: RunContext, observer: LifecycleObserver = {}): Promise<LifecycleResult> {
  const scope = new RunScope(ctx.signal);
  const script = new Script(scope, observer);
  const seed = params.seed > 0 ? params.seed : 1 + Math.floor(Math.random() * 999_999);
  const parts = params.part === 'all' ? SINGLE_PARTS : [params.part];
  const result: LifecycleResult = {
    part: params.part,
    seed,
    processes: [],
    exitCodes: null,
    zombies: null,
    supervision: null,
    daemon: null,
    goContext: null,
    log: script.log,
  };
  try {
    for (const [i, part] of parts.entries()) {
      script.part = part;
      observer.onPart?.(part);
      ctx.onProgress?.(i / parts.length);
      if (part === 'exit-codes') result.exitCodes = await exitCodes(script, params);
      else if (part === 'zombies') result.zombies = await zombies(script, params);
      else if (part === 'supervision') result.supervision = await supervision(script, params, seed);
      else if (part === 'daemon') result.daemon = await daemon(script, params);
      else result.goContext = await goContext(script, params);
    }
    await scope.close();
    for (const proc of script.records.keys()) script.settle(proc);
    result.processes = [...script.records.values()];
    ctx.onProgress?.(1);
    return result;
  } finally {
    script.dispose();
    await scope.close();
  }
}
