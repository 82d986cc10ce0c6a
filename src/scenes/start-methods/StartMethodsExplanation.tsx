/**
 * The three ideas of the scene in prose: what a browser worker is, why a browser has no fork,
 * and what a pre-started pool buys; and the `if __name__ == "__main__"` lesson with its code.
 */
import type { StartMethodsResult } from './start-methods-result';

const TOP_LEVEL_JS = `// src/runtime/tasks/start-method-tasks.ts (imported by every worker)
let topLevelRuns = 0;
topLevelRuns += 1;          // top level: runs in every new worker
const evaluatedAt = now();

export function startMethodProbe(ctx, counter) {
  // a task: runs only when called
}`;

const TOP_LEVEL_PY = `# worker.py
import multiprocessing as mp
print("top level ran")      # spawn/forkserver: in every child too

def task(): ...

if __name__ == "__main__":  # only in the process you started
    mp.set_start_method("spawn")
    with mp.Pool(2) as pool:
        pool.map(task, range(10))`;

export function StartMethodsExplanation() {
  return (
    <section aria-labelledby="start-methods-how" className="space-y-3 text-slate-700 dark:text-slate-200">
      <h2 id="start-methods-how" className="text-lg font-semibold">
        Spawn, fork, forkserver, and what a browser worker is
      </h2>
      <div className="grid gap-4 text-sm leading-relaxed lg:grid-cols-3">
        <div className="space-y-2">
          <h3 className="font-semibold">A browser worker is spawn</h3>
          <p>
            <code>new Worker(url)</code> starts a new JavaScript realm from nothing: it fetches the worker’s module, compiles
            it, evaluates it and every module it imports, and only then receives its first message. That is Python’s{' '}
            <strong>spawn</strong>: a fresh interpreter that imports the main module again and is sent its target and
            arguments, pickled. Nothing of the parent’s memory comes along except what is sent, or shared explicitly
            (a SharedArrayBuffer here; shared memory or a manager in Python).
          </p>
        </div>
        <div className="space-y-2">
          <h3 className="font-semibold">Why there is no fork</h3>
          <p>
            <strong>fork</strong> copies a running process: its whole memory (copy-on-write), its open files, the state of every
            module, in about 3 ms. A browser has no way to copy a running JavaScript realm (its heap, its compiled code, its
            pending promises), so there is nothing fork-like to offer. Fork has a dark side too: only the calling thread
            survives in the child, so a lock held by another thread at that moment stays locked forever. That is why Python 3.12
            warns when a multithreaded process forks, and 3.14 made <strong>forkserver</strong> the default on Linux (macOS and
            Windows already default to spawn).
          </p>
        </div>
        <div className="space-y-2">
          <h3 className="font-semibold">What a pre-started pool buys</h3>
          <p>
            <strong>forkserver</strong> pays the start-up once: a clean server process is started early, and each new process is
            forked from it. A <strong>pre-started pool</strong> goes further: its workers are already loaded and waiting, so a task
            costs a message, not a process. That is the measured gap above between a cold start (tens of ms) and a warm dispatch
            (a fraction of a millisecond). It is why Pool workers are reused, and why the pool scene’s “warm” runs scale better
            on small inputs.
          </p>
        </div>
      </div>
    </section>
  );
}

export function MainGuardLesson({ result, liveRuns, liveWorkers }: { result: StartMethodsResult | null; liveRuns: number | null; liveWorkers: number | null }) {
  const runs = result?.sideEffectRuns ?? liveRuns;
  const workers = result?.newWorkers ?? liveWorkers;
  return (
    <section aria-labelledby="main-guard-title" className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h2 id="main-guard-title" className="text-base font-semibold">
        The <code>if __name__ == "__main__":</code> lesson, for real
      </h2>
      <p className="text-sm leading-relaxed">
        Under spawn (and forkserver) every child imports the main module again, so code at its top level runs again in every
        child: a print, opening a file, or, without the guard, starting processes from inside a child (Python stops that with
        “An attempt has been made to start a new process before the current process has finished its bootstrapping phase”).
        Our worker module has such a side effect at its top level. Each new worker counts its run into a shared counter
        (shared memory); the tasks themselves do not.
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        <div className="rounded-md bg-slate-100 p-3 text-center dark:bg-slate-800/60">
          <p className="text-3xl font-bold tabular-nums" data-testid="side-effect-runs">
            {runs ?? '—'}
          </p>
          <p className="text-sm">top-level runs in workers (shared counter)</p>
        </div>
        <div className="rounded-md bg-slate-100 p-3 text-center dark:bg-slate-800/60">
          <p className="text-3xl font-bold tabular-nums" data-testid="new-workers">
            {workers ?? '—'}
          </p>
          <p className="text-sm">new workers started</p>
        </div>
        <div className="rounded-md bg-slate-100 p-3 text-center dark:bg-slate-800/60">
          <p className="text-3xl font-bold tabular-nums" data-testid="tasks-run">
            {result?.tasksRun ?? '—'}
          </p>
          <p className="text-sm">tasks run (cold + warm)</p>
        </div>
      </div>
      {result && (
        <p className="text-sm" data-testid="side-effect-verdict">
          {result.sideEffectRuns === result.newWorkers
            ? `Once per new worker: ${result.coldStarts} cold starts + ${result.poolSize} pool workers = ${result.newWorkers}. The ${result.warmDispatches} tasks dispatched to the warm pool did not run it again (its workers ran ${result.tasksPerPoolWorker.join(' and ')} tasks each). The page ran it too, once, when it imported the module: Python’s parent running its own top level.`
            : `Counted ${result.sideEffectRuns} top-level runs for ${result.newWorkers} new workers.`}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-[0.8rem] text-slate-100" aria-label="The worker module's top level (JavaScript)">
          {TOP_LEVEL_JS}
        </pre>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-[0.8rem] text-slate-100" aria-label="The same in Python, with the main guard">
          {TOP_LEVEL_PY}
        </pre>
      </div>
    </section>
  );
}
