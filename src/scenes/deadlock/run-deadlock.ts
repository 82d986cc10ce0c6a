/**
 * The deadlock scene's runner: builds a scenario (its primitives, processes and the parent's
 * part), starts it, and watches the wait-for graph until the program completes or a deadlock is
 * confirmed. Headless, it then terminates the stuck processes and resolves with the result; the
 * UI may ask it to leave them stuck (as a real deadlocked program stays) until Stop or Reset.
 */
import { Event, Lock, Queue, RunScope, type Process } from '../../runtime';
import { takeSnapshot, telemetryBuffer } from '../../telemetry';
import type { RunContext } from '../shared/scene-definition';
import { RunAbortedError } from '../shared/run-controller';
import { SCENARIO_INFO, type DeadlockParams } from './deadlock-params';
import type { DeadlockResult } from './deadlock-result';
import { WaitWatch, type Cast } from './wait-watch';

export interface DeadlockObserver {
  /** The run's detector, once its processes are started: the UI samples it every frame. */
  onWatch?: (watch: WaitWatch) => void;
  /** Leave deadlocked processes stuck until the run is stopped (the UI), instead of resolving. */
  holdOnDeadlock?: boolean;
  /** The result, as soon as it is known (with holdOnDeadlock, before the run ends). */
  onOutcome?: (result: DeadlockResult) => void;
}

/** Back-off fix: the second lock is given up after this long (well under CONFIRM_MS). */
export const BACKOFF = { timeoutMs: 100, minMs: 10, maxMs: 80 } as const;
/** Consumers' work per item in the missing-sentinel scenario. */
const CONSUMER_WORK_MS = 20;
/** How often the headless runner samples telemetry (the UI also samples once per frame). */
const SAMPLE_MS = 20;

interface Scenario {
  cast: Cast;
  processes: { proc: Process; role: string }[];
  /** Set after every process has started, so all begin their first round together. */
  go?: Event;
  /** The parent's part of the program; resolves when it has joined everyone. */
  parent: (watch: WaitWatch, signal: AbortSignal) => Promise<void>;
  itemsMoved: () => number | null;
  retries: () => number;
}

const pNode = (pid: number) => `p:${pid}`;

function castOf({ proc, role }: { proc: Process; role: string }) {
  return { pid: proc.pid, name: proc.name, role, exitCode: () => proc.exitCode };
}
const rNode = (id: number) => `r:${id}`;

function abortError(): Error {
  return new RunAbortedError();
}

async function joinWatched(watch: WaitWatch, proc: Process, signal: AbortSignal): Promise<void> {
  watch.parentJoining(proc.pid);
  await proc.join();
  watch.parentJoining(null);
  if (signal.aborted) throw abortError();
  watch.note(telemetryBuffer().nowUs(), 'MainProcess', `${proc.name} joined, exit code ${proc.exitCode}`);
}

/** queue.get() from the page, in slices so a stopped run does not leave a wait behind. */
async function getAbortable<T>(queue: Queue<T>, signal: AbortSignal): Promise<T> {
  for (;;) {
    if (signal.aborted) throw abortError();
    try {
      return await queue.getAsync(true, 100);
    } catch (error) {
      if (error instanceof Error && error.name === 'Empty') continue;
      throw error;
    }
  }
}

function lockPairStats(proc: Process): number {
  const r = proc.result as { retries?: number } | undefined;
  return typeof r?.retries === 'number' ? r.retries : 0;
}

function lockOrder(params: DeadlockParams, scope: RunScope): Scenario {
  const lockA = new Lock({ name: 'lock_a' });
  const lockB = new Lock({ name: 'lock_b' });
  const go = new Event({ name: 'go' });
  const plan = { rounds: params.rounds, holdMs: params.holdMs, workMs: 10, backoff: params.fix && params.lockFix === 'timeout' ? BACKOFF : null };
  const ordered = params.fix && params.lockFix === 'order';
  const w1 = scope.process({ target: 'takeTwoLocks', args: [lockA, lockB, plan, go], name: 'worker-1' });
  const w2 = scope.process({ target: 'takeTwoLocks', args: ordered ? [lockA, lockB, plan, go] : [lockB, lockA, plan, go], name: 'worker-2' });
  const processes = [
    { proc: w1, role: 'takes lock_a, then lock_b' },
    { proc: w2, role: ordered ? 'takes lock_a, then lock_b' : 'takes lock_b, then lock_a' },
  ];
  return {
    cast: {
      processes: processes.map(castOf),
      resources: [
        { id: lockA.id, name: lockA.name, kind: 'lock' },
        { id: lockB.id, name: lockB.name, kind: 'lock' },
      ],
      order: [pNode(w1.pid), rNode(lockB.id), pNode(w2.pid), rNode(lockA.id)],
    },
    processes,
    go,
    async parent(watch, signal) {
      for (const { proc } of processes) await joinWatched(watch, proc, signal);
    },
    itemsMoved: () => null,
    retries: () => processes.reduce((n, { proc }) => n + lockPairStats(proc), 0),
  };
}

function philosophers(params: DeadlockParams, scope: RunScope): Scenario {
  const n = params.philosophers;
  const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork_${i + 1}` }));
  const go = new Event({ name: 'go' });
  const plan = {
    rounds: params.rounds,
    holdMs: params.holdMs,
    workMs: 20,
    thinkMs: 10,
    backoff: params.fix && params.lockFix === 'timeout' ? BACKOFF : null,
  };
  const ordered = params.fix && params.lockFix === 'order';
  const processes = forks.map((_, i) => {
    const left = i;
    const right = (i + 1) % n;
    const [first, second] = ordered ? [Math.min(left, right), Math.max(left, right)] : [left, right];
    const proc = scope.process({
      target: 'dinePhilosopher',
      args: [forks[first], forks[second], plan, go],
      name: `philosopher-${i + 1}`,
    });
    return { proc, role: `takes fork_${first + 1}, then fork_${second + 1}` };
  });
  const order: string[] = [];
  processes.forEach(({ proc }, i) => order.push(pNode(proc.pid), rNode(forks[(i + 1) % n]!.id)));
  return {
    cast: {
      processes: processes.map(castOf),
      resources: forks.map((f) => ({ id: f.id, name: f.name, kind: 'lock' as const })),
      order,
    },
    processes,
    go,
    async parent(watch, signal) {
      for (const { proc } of processes) await joinWatched(watch, proc, signal);
    },
    itemsMoved: () => null,
    retries: () => processes.reduce((n, { proc }) => n + lockPairStats(proc), 0),
  };
}

function joinBeforeDrain(params: DeadlockParams, scope: RunScope): Scenario {
  const queue = new Queue<number>(params.queueSize, { name: 'results' });
  const child = scope.process({ target: 'fillQueue', args: [queue, params.items], name: 'producer' });
  let received = 0;
  const processes = [{ proc: child, role: `puts ${params.items} items into a queue of maxsize ${params.queueSize}` }];
  const drain = async (watch: WaitWatch, signal: AbortSignal) => {
    while (received < params.items) {
      await getAbortable(queue, signal);
      received++;
    }
    watch.note(telemetryBuffer().nowUs(), 'MainProcess', `received all ${received} items`);
  };
  return {
    cast: {
      processes: processes.map(castOf),
      resources: [{ id: queue.id, name: queue.name, kind: 'queue', producers: [child.pid], consumers: [0], capacity: params.queueSize }],
      order: [pNode(0), pNode(child.pid), rNode(queue.id)],
    },
    processes,
    async parent(watch, signal) {
      if (params.fix) {
        watch.note(telemetryBuffer().nowUs(), 'MainProcess', 'drains the queue first');
        await drain(watch, signal);
        await joinWatched(watch, child, signal);
      } else {
        await joinWatched(watch, child, signal);
        await drain(watch, signal);
      }
    },
    itemsMoved: () => received,
    retries: () => 0,
  };
}

function missingSentinel(params: DeadlockParams, scope: RunScope): Scenario {
  const queue = new Queue<number | null>(0, { name: 'tasks' });
  const consumers = Array.from({ length: params.consumers }, (_, i) =>
    scope.process({ target: 'consumeUntilSentinel', args: [queue, CONSUMER_WORK_MS], name: `consumer-${i + 1}` }),
  );
  const sentinels = params.fix ? params.consumers : params.consumers - 1;
  const processes = consumers.map((proc) => ({ proc, role: 'gets items until it gets None' }));
  let lastProgress = new Map<number, number>();
  return {
    cast: {
      processes: processes.map(castOf),
      resources: [{ id: queue.id, name: queue.name, kind: 'queue', producers: [0], consumers: consumers.map((c) => c.pid) }],
      order: [pNode(0), rNode(queue.id), ...consumers.map((c) => pNode(c.pid))],
    },
    processes,
    async parent(watch, signal) {
      for (let i = 0; i < params.items; i++) await queue.putAsync(i);
      watch.note(telemetryBuffer().nowUs(), 'MainProcess', `put ${params.items} items`);
      for (let s = 0; s < sentinels; s++) await queue.putAsync(null);
      watch.note(
        telemetryBuffer().nowUs(),
        'MainProcess',
        `put ${sentinels} sentinel${sentinels === 1 ? '' : 's'} (None) for ${params.consumers} consumers`,
      );
      for (const c of consumers) await joinWatched(watch, c, signal);
    },
    itemsMoved: () => {
      const snap = takeSnapshot({ events: false });
      lastProgress = new Map(snap.processes.map((p) => [p.pid, p.progress]));
      return consumers.reduce((n, c) => n + (typeof c.result === 'number' ? c.result : (lastProgress.get(c.pid) ?? 0)), 0);
    },
    retries: () => 0,
  };
}

const builders = {
  'lock-order': lockOrder,
  philosophers,
  'join-before-drain': joinBeforeDrain,
  'missing-sentinel': missingSentinel,
} as const;

/** Resolves once every process has run its first instruction (start takes tens of ms each). */
async function allStarted(procs: readonly Process[], signal: AbortSignal, limitMs = 10_000): Promise<void> {
  const t0 = performance.now();
  while (procs.some((p) => p.firstInstructionAt === null && p.exitCode === null)) {
    if (signal.aborted) throw abortError();
    if (performance.now() - t0 > limitMs) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function runDeadlock(params: DeadlockParams, ctx: RunContext, observer: DeadlockObserver = {}): Promise<DeadlockResult> {
  const scope = new RunScope(ctx.signal);
  const signal = scope.signal;
  let sampler: ReturnType<typeof setInterval> | undefined;
  try {
    const scenario = builders[params.scenario](params, scope);
    const procs = scenario.processes.map((p) => p.proc);
    // Times are counted from here: "formed after" includes the processes' start-up.
    const startUs = telemetryBuffer().nowUs();
    const t0 = performance.now();
    const watch = new WaitWatch(scenario.cast, startUs);
    for (const p of procs) {
      p.start();
      watch.note(telemetryBuffer().nowUs(), 'MainProcess', `started ${p.name} (pid ${p.pid})`);
    }
    await allStarted(procs, signal);
    if (scenario.go) {
      scenario.go.set();
      watch.note(telemetryBuffer().nowUs(), 'MainProcess', 'every process is running: go.set()');
    }
    observer.onWatch?.(watch);

    type Ending = 'completed' | 'deadlocked' | 'timeout';
    let finish!: (e: Ending) => void;
    const ended = new Promise<Ending>((resolve) => (finish = resolve));
    const parentDone = scenario.parent(watch, signal).then(
      () => finish('completed'),
      (error: unknown) => {
        if (!signal.aborted) throw error;
      },
    );
    sampler = setInterval(() => {
      const frame = watch.sample();
      if (frame.detection) finish('deadlocked');
      ctx.onProgress?.(Math.min(0.95, frame.atMs / 5_000));
    }, SAMPLE_MS);
    const work = params.scenario === 'philosophers' ? params.philosophers : 2;
    const limitMs = 30_000 + params.rounds * (params.holdMs + 200) * work + params.items * 50;
    const deadline = setTimeout(() => finish('timeout'), limitMs);
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(abortError()), { once: true }));
    aborted.catch(() => {});
    const ending = await Promise.race([ended, aborted, parentDone.then(() => ended)]);
    clearTimeout(deadline);
    clearInterval(sampler);
    sampler = undefined;
    // One last look: a deadlock confirmed in the same instant the program "completed" cannot be.
    const last = watch.sample();
    const detection = ending === 'deadlocked' ? last.detection : null;
    const durationMs = performance.now() - t0;

    const build = (): DeadlockResult => ({
      scenario: params.scenario,
      fix: params.fix,
      fixName: params.fix ? SCENARIO_INFO[params.scenario].fixName(params.lockFix) : null,
      deadlocked: detection !== null,
      kind: detection?.kind ?? null,
      cycle: detection?.names ?? [],
      cycleText: detection?.text ?? null,
      detectedAfterMs: detection ? round1(detection.detectedAtMs - detection.formedAtMs) : null,
      formedAfterMs: detection ? round1(detection.formedAtMs) : null,
      completed: ending === 'completed',
      durationMs: round1(detection ? detection.detectedAtMs : durationMs),
      transientCycles: last.transientCycles,
      retries: scenario.retries(),
      itemsMoved: scenario.itemsMoved(),
      processes: scenario.processes.map(({ proc, role }) => ({ name: proc.name, pid: proc.pid, role, exitCode: proc.exitCode })),
      log: [...watch.log].sort((a, b) => a.atMs - b.atMs),
    });

    if (detection && observer.holdOnDeadlock) {
      observer.onOutcome?.(build());
      // Stays deadlocked, as the real program would, until Stop or Reset.
      await aborted.catch(() => {});
      await scope.close();
      observer.onOutcome?.(build());
      throw abortError();
    }
    // Terminate whatever is stuck, then report exit codes as they ended (-15 for the stuck).
    await scope.close();
    if (ctx.signal.aborted) throw abortError();
    const result = build();
    observer.onOutcome?.(result);
    ctx.onProgress?.(1);
    return result;
  } finally {
    if (sampler) clearInterval(sampler);
    await scope.close();
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
