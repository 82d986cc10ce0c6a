/**
 * The same task three ways: P processes each add 1 to a shared counter `ops` times through
 * (1) a Manager().dict() proxy, (2) a shared Value with its lock, (3) messages to one
 * aggregator. Each way starts its processes at a Barrier, so what is timed is the increments,
 * not the process start-up. Then the copy cost of payloads (measured in a process, so a large
 * payload never stalls the page) and what cannot be pickled at all.
 * Headless for `window.playground.run('manager', …)`; the UI passes an observer.
 */
import { Barrier, Lock, Manager, now, Process, Queue, RawArray, RunScope, Value } from '../../runtime';
import { STAT_WORDS, type CopyCost, type OpsStats } from '../../runtime/tasks/message-scenes-tasks';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { METHOD_INFO, METHODS, type ManagerParams, type Method } from './manager-params';
import {
  methodResult,
  round,
  type CopyCostRow,
  type ManagerResult,
  type MethodResult,
  type PicklingFailure,
} from './manager-result';

export type ManagerPhase = Method | 'starting-manager' | 'serialization' | 'pickling-errors' | 'done';

/** What the UI samples every frame: the way being measured and its processes' progress. */
export interface ManagerLiveView {
  phase: ManagerPhase;
  method: Method | null;
  /** Stats lines of the current way's processes (COUNT = increments done). */
  stats: Int32Array | null;
  processes: number;
  opsPerProcess: number;
  phaseStartedAt: number;
  finished: MethodResult[];
}

export interface ManagerObserver {
  onUpdate?(view: ManagerLiveView): void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const COPY_BUDGET_MS = 12;
let managerRuns = 0;

export async function runManager(
  params: ManagerParams,
  ctx: RunContext,
  observer: ManagerObserver = {},
): Promise<ManagerResult> {
  const P = params.processes;
  const ops = params.opsPerProcess;
  const total = P * ops;
  const scope = new RunScope(ctx.signal);
  const guard = abortable(scope.signal);
  const checkStop = () => {
    if (scope.closed) throw new RunAbortedError();
  };

  const view: ManagerLiveView = {
    phase: 'starting-manager',
    method: null,
    stats: null,
    processes: P,
    opsPerProcess: ops,
    phaseStartedAt: now(),
    finished: [],
  };
  const enter = (phase: ManagerPhase, stats: Int32Array | null = null) => {
    view.phase = phase;
    view.method = (METHODS as readonly string[]).includes(phase) ? (phase as Method) : null;
    view.stats = stats;
    view.phaseStartedAt = now();
    observer.onUpdate?.({ ...view, finished: [...view.finished] });
  };
  const steps = METHODS.length + 2;
  let step = 0;
  const progress = () => ctx.onProgress?.(Math.min(1, ++step / steps));

  /** Waits for every process; a crash fails the run with the process's own error. */
  const joinAll = async (processes: readonly Process[]) => {
    for (const p of processes) {
      while (p.exitCode === null) {
        checkStop();
        await guard(Promise.race([p.join(), delay(50)]));
      }
      if (p.exitCode !== 0) {
        const why = p.error ? `${p.error.name}: ${p.error.message}` : `exit code ${p.exitCode}`;
        throw new Error(`${p.name} (pid ${p.pid}) failed with exit code ${p.exitCode}: ${why}`);
      }
    }
  };
  const stats = (lines: number) => new RawArray('i', lines * STAT_WORDS, { name: 'stats' });

  try {
    const methods: MethodResult[] = [];
    const finish = (m: MethodResult) => {
      methods.push(m);
      view.finished.push(m);
      progress();
    };

    // 1. Manager().dict(): every access a round trip to the manager process.
    enter('starting-manager');
    // A Stop while the manager starts ends its server (the signal); once started, the scope does.
    const starting = Manager.start({
      maxClients: P + 2,
      name: `Manager-${++managerRuns}`,
      signal: scope.signal,
    });
    starting.then(
      (m) => scope.track(m),
      () => undefined,
    );
    const manager = await guard(starting);
    checkStop();
    const managerStartupMs = manager.startupMs ?? 0;
    {
      const d = await guard(manager.dict<string, number>({ count: 0 }));
      const lock = new Lock({ name: 'dict-lock' });
      const barrier = new Barrier(P, { name: 'start' });
      const lines = stats(P);
      const procs = Array.from({ length: P }, (_, i) =>
        scope.process({
          target: 'managerDictIncrements',
          args: [d, lock, barrier, lines, i, ops],
          name: `Dict-${i + 1}`,
        }),
      );
      enter('manager-dict', lines.typed as Int32Array);
      for (const p of procs) p.start();
      await joinAll(procs);
      const finalCount = (await guard(d.get('count', 0))) as number;
      finish(
        methodResult({
          method: 'manager-dict',
          label: METHOD_INFO['manager-dict'].label,
          python: METHOD_INFO['manager-dict'].python,
          processes: P,
          ops: total,
          spans: procs.map((p) => p.result as OpsStats),
          finalCount,
        }),
      );
      await guard(manager.shutdown());
    }

    // 2. A shared Value and its lock: no messages at all.
    {
      const counter = new Value('i', 0, { name: 'counter' });
      const barrier = new Barrier(P, { name: 'start' });
      const lines = stats(P);
      const procs = Array.from({ length: P }, (_, i) =>
        scope.process({
          target: 'sharedValueIncrements',
          args: [counter, barrier, lines, i, ops],
          name: `Value-${i + 1}`,
        }),
      );
      enter('shared-value', lines.typed as Int32Array);
      for (const p of procs) p.start();
      await joinAll(procs);
      finish(
        methodResult({
          method: 'shared-value',
          label: METHOD_INFO['shared-value'].label,
          python: METHOD_INFO['shared-value'].python,
          processes: P,
          ops: total,
          spans: procs.map((p) => p.result as OpsStats),
          finalCount: counter.getObj().value,
        }),
      );
    }

    // 3. Message passing: every increment a message to one aggregator, which owns the total.
    {
      const q = new Queue<number>(0, { capacityBytes: 1 << 20, name: 'increments' });
      const barrier = new Barrier(P, { name: 'start' });
      const lines = stats(P + 1);
      const aggregator = scope.process({
        target: 'messageAggregator',
        args: [q, lines, P, total],
        name: 'Aggregator',
      });
      const procs = Array.from({ length: P }, (_, i) =>
        scope.process({
          target: 'messageIncrements',
          args: [q, barrier, lines, i, ops],
          name: `Sender-${i + 1}`,
        }),
      );
      enter('message-passing', lines.typed as Int32Array);
      aggregator.start();
      for (const p of procs) p.start();
      await joinAll([...procs, aggregator]);
      const summed = aggregator.result as OpsStats & { total: number };
      finish(
        methodResult({
          method: 'message-passing',
          label: METHOD_INFO['message-passing'].label,
          python: METHOD_INFO['message-passing'].python,
          processes: P,
          ops: total,
          spans: procs.map((p) => p.result as OpsStats),
          landedAt: summed.endedAt,
          finalCount: summed.total,
        }),
      );
    }

    // 4. Serialization: what copying a payload costs, by size (in a process).
    enter('serialization');
    const copier = scope.process({
      target: 'measureCopyCost',
      args: [params.payloadSizes, ['bytes', 'list'], COPY_BUDGET_MS],
      name: 'Pickler',
    });
    copier.start();
    await joinAll([copier]);
    const serialization: CopyCostRow[] = (copier.result as CopyCost[]).map((c) => ({
      kind: c.kind,
      payloadBytes: c.payloadBytes,
      encodedBytes: c.encodedBytes,
      pickleUs: round(c.pickleUs),
      unpickleUs: round(c.unpickleUs),
      structuredCloneUs: round(c.structuredCloneUs),
      mbPerSec: round(c.payloadBytes / Math.max(1e-6, c.pickleUs + c.unpickleUs), 1),
    }));
    progress();

    // 5. What cannot be pickled at all.
    enter('pickling-errors');
    const picklingErrors = await picklingFailures(scope);
    progress();

    enter('done');
    const manager_ = methods.find((m) => m.method === 'manager-dict')!;
    const shared = methods.find((m) => m.method === 'shared-value')!;
    return {
      scene: 'manager',
      processes: P,
      opsPerProcess: ops,
      methods,
      managerSlowerBy: round(manager_.usPerOp / Math.max(1e-6, shared.usPerOp), 1),
      managerStartupMs: round(managerStartupMs, 1),
      serialization,
      picklingErrors,
    };
  } finally {
    await scope.close();
  }
}

/**
 * Sends what Python could not pickle either, and records the error each one raises. Nothing
 * here reaches a worker: the refusal happens in the sender, before any byte is copied.
 */
async function picklingFailures(scope: RunScope): Promise<PicklingFailure[]> {
  const q = new Queue(0, { capacityBytes: 1 << 16, name: 'q' });
  const attempts: {
    what: string;
    python: string;
    pythonError: string;
    send: () => Promise<unknown> | unknown;
  }[] = [
    {
      what: 'a function: q.put(x => x * 2)',
      python: 'q.put(lambda x: x * 2)',
      pythonError:
        "_pickle.PicklingError: Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed (CPython raises it in the queue's feeder thread: it is printed, and the item is silently dropped)",
      send: () => q.putAsync((x: number) => x * 2),
    },
    {
      what: 'a function as a process argument',
      python: 'Process(target=work, args=(lambda x: x,)).start()  # start method "spawn"',
      pythonError:
        "_pickle.PicklingError: Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed",
      send: () => scope.process({ target: 'sleepThenReturn', args: [0, (x: number) => x] }).start(),
    },
    {
      what: 'a Lock inside a message: q.put({ lock })',
      python: 'q.put({"lock": mp.Lock()})',
      pythonError: 'RuntimeError: Lock objects should only be shared between processes through inheritance',
      send: () => q.putAsync({ lock: new Lock({ name: 'not-sendable' }) }),
    },
  ];
  if (typeof document !== 'undefined') {
    attempts.push({
      what: 'a DOM node: q.put(document.body)',
      python: 'q.put(open("data.txt"))  # an OS resource, like a DOM node',
      pythonError: "TypeError: cannot pickle '_io.TextIOWrapper' object",
      send: () => q.putAsync(document.createElement('div')),
    });
  }
  const out: PicklingFailure[] = [];
  for (const attempt of attempts) {
    try {
      await attempt.send();
      out.push({
        what: attempt.what,
        python: attempt.python,
        pythonError: attempt.pythonError,
        error: 'none',
        message: 'it was sent (unexpected)',
      });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      out.push({
        what: attempt.what,
        python: attempt.python,
        pythonError: attempt.pythonError,
        error: e.name,
        message: e.message,
      });
    }
  }
  return out;
}
