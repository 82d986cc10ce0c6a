/**
 * The GIL scene's worker: a Python "thread" or "process" running a workload under a model of
 * CPython's global interpreter lock (CPython's `Python/ceval_gil.c`, the "new GIL" of 3.2+).
 *
 *   gilWorker(ctx, gil, state, gate, plan) → GilWorkerStats
 *
 * An *interpreter* is a GIL (a runtime Lock) plus a state block. The threads of one interpreter
 * share both, so only the holder of the GIL runs Python code; each process has an interpreter
 * of its own, so its GIL is never contended and processes run in parallel. Every worker is a
 * real Web Worker on a real core either way: the GIL alone makes "threads" take turns.
 *
 * The hand-off, as CPython does it:
 * - a thread that wants the GIL waits at most one switch interval (`sys.setswitchinterval`,
 *   5 ms by default). If it timed out and no switch happened meanwhile, it sets DROP_REQUEST
 *   (CPython's `gil_drop_request`, seen by the holder through `eval_breaker`);
 * - the holder checks DROP_REQUEST between "bytecodes" (every CHECK_EVERY kernel iterations,
 *   ~15 µs), releases the GIL and, with `forceSwitch` (CPython's FORCE_SWITCHING), waits until
 *   another thread has actually taken it before competing again. Without that wait the holder
 *   re-acquires the lock it just released before the woken waiter gets to run (a futex lock
 *   lets the running thread barge in), and a CPU-bound waiter can starve for the whole run:
 *   the behaviour of Python 2's GIL that the forced switch was added to fix;
 * - a blocking wait (I/O, `time.sleep`) releases the GIL first (`Py_BEGIN_ALLOW_THREADS`), so
 *   other threads run while one waits: that is why threads do overlap on I/O.
 *
 * Interpreter state (RawArray 'i', STATE_WORDS = 16 words = 64 bytes, one cache line):
 *   [0] DROP_REQUEST   1 = a waiter asks the holder to drop the GIL
 *   [1] SWITCHES       times the GIL changed hands (`gil->switch_number`); the futex word a
 *                      dropping holder sleeps on until the switch happened
 *   [2] LAST_HOLDER    pid of the last thread that took the GIL (`gil->last_holder`)
 *   [3] FORCED_DROPS   releases because a waiter asked
 *   [4] IO_RELEASES    releases around a blocking wait
 *   [5] DROP_REQUESTS  times a waiter set DROP_REQUEST
 * Start gate (RawArray 'i', GATE_WORDS = 16), shared by every worker of one measurement:
 *   [0] READY          workers loaded and waiting at the gate (the parent waits for all)
 *   [1] GO             the parent stores 1 and wakes them: start-up is not measured
 *   [2] NEXT_TASK      the work queue: each worker takes the next task index (under the GIL,
 *                      as Python code would pop it from a queue)
 *   [3] TASKS_DONE
 *
 * Telemetry: waiting for the GIL shows as "waiting-lock" on the GIL's resource slot (the Lock
 * does it; the forced-switch wait is recorded the same way), a blocking wait as "sleeping",
 * waiting at the gate as "waiting-event". PROGRESS = tasks done; OPS = kernel slices done
 * (one slice = CHECK_EVERY iterations). Nothing is written per iteration.
 */
import { InvalidArgumentError, checkInt } from '../errors';
import type { RawArray } from '../shared/shared-array';
import type { Lock } from '../sync/lock';
import { ProcessState } from '../../telemetry/layout';
import type { TaskContext } from './task-context';

export const STATE_WORDS = 16;
export const S = { DROP_REQUEST: 0, SWITCHES: 1, LAST_HOLDER: 2, FORCED_DROPS: 3, IO_RELEASES: 4, DROP_REQUESTS: 5 } as const;
export const GATE_WORDS = 16;
export const G = { READY: 0, GO: 1, NEXT_TASK: 2, TASKS_DONE: 3 } as const;

/** Kernel iterations between two checks of DROP_REQUEST: CPython's "between bytecodes". */
export const CHECK_EVERY = 1 << 14;

export const GIL_WORKER_KINDS = ['thread', 'process'] as const;
export type GilWorkerKind = (typeof GIL_WORKER_KINDS)[number];

export interface GilPlan {
  kind: GilWorkerKind;
  /** Tasks in the shared work queue (all workers of the measurement together). */
  tasks: number;
  /** Kernel iterations per task, run holding the GIL (0 = none). */
  cpuOps: number;
  /** Blocking wait per task, run with the GIL released (0 = none). */
  ioMs: number;
  /** sys.setswitchinterval, in ms. */
  switchIntervalMs: number;
  /** Wait for the switch after a requested drop (CPython's FORCE_SWITCHING). */
  forceSwitch: boolean;
}

export interface GilWorkerStats {
  pid: number;
  name: string;
  kind: GilWorkerKind;
  tasksDone: number;
  /** Epoch ms when this worker passed the gate and when it finished. */
  startedAt: number;
  endedAt: number;
  /** Time holding the GIL (running Python code). */
  heldMs: number;
  /** Time waiting for the GIL. */
  gilWaitMs: number;
  /** Time in blocking waits, GIL released. */
  ioMs: number;
  /** The longest single wait for the GIL: starvation shows here. */
  longestGilWaitMs: number;
  acquisitions: number;
  /** Released the GIL because another thread asked. */
  forcedDrops: number;
  /** Asked the holder to drop it. */
  dropRequests: number;
  /** The kernel's result, returned so the JIT cannot drop the loop. */
  checksum: number;
}

/** One slice of the CPU-bound kernel: integer hashing, no memory traffic. */
export function spinKernel(h: number, from: number, to: number): number {
  for (let i = from; i < to; i++) h = (Math.imul(h ^ i, 0x5bd1e995) + 0x6b43a9b5) | 0;
  return h;
}

/**
 * The CPU part of one task: kernel slices with the between-bytecodes hook after each. A small
 * function of its own on purpose: when this loop lived inside gilWorker, Chromium's V8 kept
 * re-entering it through on-stack replacement and deoptimising it, and a single worker ran the
 * kernel 3× slower after its first ~0.3 s (a plain worker with the same loop did not).
 */
function runCpuTask(h: number, cpuOps: number, afterSlice: () => void): number {
  for (let done = 0; done < cpuOps; ) {
    const k = Math.min(CHECK_EVERY, cpuOps - done);
    h = spinKernel(h, done, done + k);
    done += k;
    afterSlice();
  }
  return h;
}

export function checkGilPlan(plan: GilPlan): GilPlan {
  if (typeof plan !== 'object' || plan === null) throw new InvalidArgumentError('plan', 'an object { kind, tasks, cpuOps, ioMs, switchIntervalMs, forceSwitch }', plan);
  if (!GIL_WORKER_KINDS.includes(plan.kind)) throw new InvalidArgumentError('plan.kind', `one of ${GIL_WORKER_KINDS.join(', ')}`, plan.kind);
  checkInt('plan.tasks', plan.tasks, 1, 100_000);
  checkInt('plan.cpuOps', plan.cpuOps, 0, 2_000_000_000);
  checkInt('plan.ioMs', plan.ioMs, 0, 60_000);
  checkInt('plan.switchIntervalMs', plan.switchIntervalMs, 1, 1_000);
  if (typeof plan.forceSwitch !== 'boolean') throw new InvalidArgumentError('plan.forceSwitch', 'true or false', plan.forceSwitch);
  return plan;
}

export function gilWorker(ctx: TaskContext, gil: Lock, state: RawArray<'i'>, gate: RawArray<'i'>, plan: GilPlan): GilWorkerStats {
  checkGilPlan(plan);
  const st = state.typed as Int32Array;
  const g = gate.typed as Int32Array;
  const interval = plan.switchIntervalMs;
  const me = ctx.pid;
  const tel = ctx.telemetry;
  const stats: GilWorkerStats = {
    pid: me,
    name: ctx.name,
    kind: plan.kind,
    tasksDone: 0,
    startedAt: 0,
    endedAt: 0,
    heldMs: 0,
    gilWaitMs: 0,
    ioMs: 0,
    longestGilWaitMs: 0,
    acquisitions: 0,
    forcedDrops: 0,
    dropRequests: 0,
    checksum: 0,
  };
  let heldSince = 0;
  let holding = false;

  /** take_gil(): wait in slices of one switch interval, asking the holder to drop it. */
  const take = (): void => {
    const t0 = ctx.now();
    let requested = false;
    for (;;) {
      const saved = Atomics.load(st, S.SWITCHES);
      if (gil.acquire(true, interval)) break;
      ctx.checkStop();
      // Timed out: if the GIL did not change hands meanwhile, the holder has had its interval.
      if (Atomics.load(st, S.SWITCHES) === saved && gil.locked()) {
        Atomics.store(st, S.DROP_REQUEST, 1);
        Atomics.add(st, S.DROP_REQUESTS, 1);
        stats.dropRequests++;
        requested = true;
      }
    }
    holding = true;
    if (requested) Atomics.store(st, S.DROP_REQUEST, 0);
    if (Atomics.load(st, S.LAST_HOLDER) !== me) {
      Atomics.store(st, S.LAST_HOLDER, me);
      Atomics.add(st, S.SWITCHES, 1);
      Atomics.notify(st, S.SWITCHES);
    }
    heldSince = ctx.now();
    const waited = heldSince - t0;
    stats.gilWaitMs += waited;
    if (waited > stats.longestGilWaitMs) stats.longestGilWaitMs = waited;
    stats.acquisitions++;
  };

  /** drop_gil() */
  const drop = (): void => {
    stats.heldMs += ctx.now() - heldSince;
    holding = false;
    gil.release();
  };

  /** The holder's eval_breaker check between bytecodes. */
  const evalBreaker = (): void => {
    if (Atomics.load(st, S.DROP_REQUEST) === 0) return;
    stats.forcedDrops++;
    Atomics.add(st, S.FORCED_DROPS, 1);
    drop();
    if (plan.forceSwitch) {
      // FORCE_SWITCHING: stay out until another thread has taken the GIL, so the one that asked
      // really gets its turn. If nobody takes it (the asker was stopped), stop waiting.
      const w0 = ctx.now();
      const t0 = tel.beginWait(ProcessState.WAITING_LOCK, gil.id);
      while (Atomics.load(st, S.LAST_HOLDER) === me && !ctx.stopRequested()) {
        const saved = Atomics.load(st, S.SWITCHES);
        if (Atomics.load(st, S.LAST_HOLDER) !== me) break;
        if (Atomics.wait(st, S.SWITCHES, saved, interval) === 'timed-out' && !gil.locked()) break;
      }
      tel.endWait(t0, gil.id);
      const waited = ctx.now() - w0;
      stats.gilWaitMs += waited;
      if (waited > stats.longestGilWaitMs) stats.longestGilWaitMs = waited;
    } else {
      // Python 2's way: release and compete again at once. The request counts as served.
      Atomics.store(st, S.DROP_REQUEST, 0);
    }
    take();
  };

  /** What the interpreter does between "bytecodes": count, honour Stop, check eval_breaker. */
  const betweenBytecodes = (): void => {
    tel.countOps(1);
    ctx.checkStop();
    evalBreaker();
  };

  // The start gate: every worker is loaded before the clock starts.
  Atomics.add(g, G.READY, 1);
  Atomics.notify(g, G.READY);
  const gate0 = tel.beginWait(ProcessState.WAITING_EVENT, 0);
  while (Atomics.load(g, G.GO) === 0) {
    if (ctx.stopRequested()) break;
    Atomics.wait(g, G.GO, 0, 50);
  }
  tel.endWait(gate0, 0);
  ctx.checkStop();

  stats.startedAt = ctx.now();
  let h = me | 0;
  try {
    take();
    for (;;) {
      const task = Atomics.add(g, G.NEXT_TASK, 1);
      if (task >= plan.tasks) break;
      tel.setCurrent(task);
      h = runCpuTask(h, plan.cpuOps, betweenBytecodes);
      if (plan.ioMs > 0) {
        // Py_BEGIN_ALLOW_THREADS … blocking call … Py_END_ALLOW_THREADS
        Atomics.add(st, S.IO_RELEASES, 1);
        drop();
        const w0 = ctx.now();
        ctx.sleep(plan.ioMs);
        stats.ioMs += ctx.now() - w0;
        ctx.checkStop();
        take();
      }
      stats.tasksDone++;
      Atomics.add(g, G.TASKS_DONE, 1);
      tel.setProgress(stats.tasksDone);
    }
  } finally {
    if (holding) drop();
    tel.setCurrent(-1);
  }
  stats.endedAt = ctx.now();
  stats.checksum = h;
  return stats;
}

export const gilTasks = { gilWorker };
