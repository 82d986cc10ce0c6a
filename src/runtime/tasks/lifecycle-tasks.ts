/**
 * Tasks of the lifecycle scene (pure worker code).
 *
 *   lifecycleWork(ctx, steps, stepMs, ending = 'return', exitCode = 0) → steps done
 *       works `steps` × `stepMs` (sleeping, progress counted), then ends as asked:
 *       'return' (exit code 0), 'raise' (a ValueError from a nested call: exit code 1, the
 *       traceback goes to the parent), 'exit' (sys.exit(exitCode)), 'forever' (keeps working
 *       until it is terminated or killed; ignores `steps`).
 *   supervisedJob(ctx, workMs, failPercent, seed) → never returns: exits 0 or 1 at random,
 *       like the tutorials' `sys.exit(random.choice([0, 1]))` (seeded, so a run can be replayed)
 *   goStyleWorker(ctx, stop, jobs, results, jobMs) → how the loop ended
 *       The Go developer's worker: `for { select { case <-ctx.Done(): return; case job := <-jobs: … } }`
 *       as a Python loop: `while not stop.is_set(): job = jobs.get(timeout=0.1)`, a None job is
 *       the poison pill. Jobs may be 'long' (a loop that checks the stop Event, like a goroutine
 *       selecting on ctx.Done()) or 'stuck' (a blocking call with no timeout: only terminate()
 *       ends it).
 */
import { InvalidArgumentError, ValueError, checkInt } from '../errors';
import { Empty } from '../messaging/errors';
import type { Queue } from '../messaging/queue';
import type { Event } from '../sync/event';
import { ProcessState } from '../../telemetry/layout';
import type { TaskContext } from './task-context';

export const LIFECYCLE_ENDINGS = ['return', 'raise', 'exit', 'forever'] as const;
export type LifecycleEnding = (typeof LIFECYCLE_ENDINGS)[number];

/**
 * The frames a raising worker's traceback shows. Methods of an object literal keep their names
 * through minification (property keys are not mangled), so the stack the parent receives reads
 * `at Object.parse_record … at Object.process_records`, like the Python listing's frames.
 */
const recordParser = {
  parse_record(text: string): number {
    const n = Number.parseInt(text, 10);
    if (Number.isNaN(n)) throw new ValueError(`invalid literal for int() with base 10: '${text}'`);
    return n;
  },
  process_records(records: readonly string[]): number {
    let total = 0;
    for (const r of records) total += recordParser.parse_record(r);
    return total;
  },
};

export function lifecycleWork(ctx: TaskContext, steps: number, stepMs: number, ending: LifecycleEnding = 'return', exitCode = 0): number {
  checkInt('steps', steps, 0, 100_000);
  checkInt('stepMs', stepMs, 0, 60_000);
  if (!LIFECYCLE_ENDINGS.includes(ending)) throw new InvalidArgumentError('ending', `one of ${LIFECYCLE_ENDINGS.join(', ')}`, ending);
  checkInt('exitCode', exitCode, 0, 255);
  let done = 0;
  // 'forever' runs until terminated, killed, or (cooperatively) asked to stop.
  while (ending === 'forever' ? !ctx.stopRequested() : done < steps) {
    ctx.sleep(stepMs);
    done++;
    ctx.telemetry.countOps(1);
    ctx.telemetry.setProgress(done);
  }
  if (ending === 'raise') recordParser.process_records(['17', '4', 'not-a-number']);
  if (ending === 'exit') ctx.exit(exitCode);
  return done;
}

/** mulberry32: a tiny seeded generator, so a supervision run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The exit code a supervised job with this seed picks (the parent can predict it in tests). */
export function supervisedExitCode(seed: number, failPercent: number): 0 | 1 {
  const random = seededRandom(seed);
  random(); // the first draw sets the work time
  return random() * 100 < failPercent ? 1 : 0;
}

export function supervisedJob(ctx: TaskContext, workMs: number, failPercent: number, seed: number): never {
  checkInt('workMs', workMs, 0, 60_000);
  checkInt('failPercent', failPercent, 0, 100);
  checkInt('seed', seed, 0, 0xffffffff);
  const random = seededRandom(seed);
  ctx.sleep(Math.round(workMs * (0.5 + random())));
  ctx.telemetry.setProgress(1);
  return ctx.exit(supervisedExitCode(seed, failPercent));
}

export interface GoJob {
  id: number;
  n: number;
  kind: 'normal' | 'long' | 'stuck';
}

export interface GoResult {
  worker: string;
  job: number;
  value: number;
}

export type GoWorkerEnding = 'poison-pill' | 'stop-event';

export interface GoWorkerOutcome {
  ending: GoWorkerEnding;
  handled: number;
}

/** How often the loop and a long job look at the stop Event (Go: how often ctx.Done() is polled). */
const POLL_MS = 100;

/** Blocks this process until it is terminated, shown as sleeping; no stop request wakes it. */
function blockForever(ctx: TaskContext): never {
  const word = new Int32Array(new SharedArrayBuffer(4));
  ctx.telemetry.beginWait(ProcessState.SLEEPING, 0);
  for (;;) Atomics.wait(word, 0, 0);
}

export function goStyleWorker(
  ctx: TaskContext,
  stop: Event,
  jobs: Queue<GoJob | null>,
  results: Queue<GoResult>,
  jobMs: number,
): GoWorkerOutcome {
  checkInt('jobMs', jobMs, 0, 60_000);
  let handled = 0;
  while (!stop.isSet()) {
    let job: GoJob | null;
    try {
      job = jobs.get(true, POLL_MS);
    } catch (e) {
      if (e instanceof Empty) continue; // nothing to do: look at the stop Event again
      throw e;
    }
    if (job === null) return { ending: 'poison-pill', handled };
    ctx.telemetry.setCurrent(job.id);
    if (job.kind === 'stuck') {
      // A blocking call with no timeout (a socket read, a hung subprocess): it looks at nothing.
      blockForever(ctx);
    }
    if (job.kind === 'long') {
      // Cooperative: a long computation that checks for cancellation between slices.
      while (!stop.isSet()) stop.wait(POLL_MS);
      break;
    }
    if (jobMs > 0) ctx.sleep(jobMs);
    results.put({ worker: ctx.name, job: job.id, value: job.n * job.n });
    handled++;
    ctx.telemetry.countOps(1);
    ctx.telemetry.setProgress(handled);
    ctx.telemetry.setCurrent(-1);
  }
  return { ending: 'stop-event', handled };
}

export const lifecycleTasks = { lifecycleWork, supervisedJob, goStyleWorker };
