/**
 * What the GIL is, how CPython hands it from thread to thread, and why that hand-off does not
 * starve anyone, with the numbers of the last run where there is one.
 */
import { formatMs, type GilResult } from './gil-result';

function Numbers({ result }: { result: GilResult }) {
  const t = result.threads;
  const longest = Math.max(0, ...t.workers.map((w) => w.longestGilWaitMs));
  const perSwitch = t.switches > 0 ? t.ms / t.switches : null;
  const shares = t.workers.map((w) => `${w.name} ${Math.round(w.gilShare * 100)}%`).join(', ');
  return (
    <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800/60" data-testid="gil-handoff-numbers">
      In the median threads run of the last measurement ({result.workload}, N = {result.workers}, switch interval{' '}
      {result.switchIntervalMs} ms{result.forceSwitch ? '' : ', forced switching off'}): the GIL changed hands{' '}
      <strong>{t.switches.toLocaleString('en-US')}</strong> times in {formatMs(t.ms)}
      {perSwitch !== null && ` (about every ${formatMs(perSwitch)})`}; waiting threads set the drop request{' '}
      {t.dropRequests.toLocaleString('en-US')} times, holders dropped it on request {t.forcedDrops.toLocaleString('en-US')} times
      {t.ioReleases > 0 && ` and released it around ${t.ioReleases.toLocaleString('en-US')} waits`}. Share of GIL time: {shares}. The
      longest any thread waited for it: <strong>{formatMs(longest)}</strong>
      {result.forceSwitch
        ? longest <= result.switchIntervalMs * 4
          ? ', a few switch intervals at most: nobody starved.'
          : ' (longer than a few intervals: the machine was busy, or the thread was descheduled by the OS).'
        : longest > result.switchIntervalMs * 4
          ? ': without forced switching a waiting thread can lose the race for the GIL again and again.'
          : '.'}
    </p>
  );
}

export function GilExplanation({ result }: { result: GilResult | null }) {
  return (
    <section aria-labelledby="gil-how-title" className="space-y-3 text-slate-700 dark:text-slate-200">
      <h2 id="gil-how-title" className="text-lg font-semibold">
        What the GIL is, and how it changes hands
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-2 text-sm leading-relaxed">
          <p>
            CPython’s objects (their reference counts, the allocator, the interpreter state) are not safe to touch from two
            threads at once. Rather than a lock per object, CPython has one: the <strong>global interpreter lock</strong>. A
            thread must hold it to run Python bytecode. Threads are real OS threads and could run on every core, but only the
            holder of the GIL makes progress: for CPU-bound work N threads are no faster than one, as the first row of the table
            shows.
          </p>
          <p>
            A <strong>process</strong> is a separate interpreter with its own GIL, so N processes compute on N cores at once (up
            to the number of cores). They pay for it elsewhere: start-up, and pickling every argument and result (see the
            start-methods and pool scenes).
          </p>
          <p>
            A <strong>blocking call</strong> (reading a socket, <code>time.sleep</code>, waiting for a lock) releases the GIL
            while it waits (<code>Py_BEGIN_ALLOW_THREADS</code>). Waiting needs no core and no GIL, so threads overlap their waits
            as well as processes do: I/O-bound threads get ≈ N×, even with more threads than cores.
          </p>
          <p>
            Here each “thread” is a real Web Worker on a real core, and the GIL is a real lock in shared memory
            (a runtime <code>Lock</code>): remove it (the processes column) and the same workers run in parallel. Free-threaded
            CPython (3.13t and later, PEP 703) removes the GIL too: there, threads behave like the processes column for CPU-bound
            work.
          </p>
        </div>
        <div className="space-y-2 text-sm leading-relaxed">
          <h3 className="font-semibold">The hand-off (CPython’s ceval_gil.c, modelled here)</h3>
          <ol className="list-decimal space-y-1 pl-5">
            <li>
              A thread that wants the GIL waits for it at most one <strong>switch interval</strong> (
              <code>sys.setswitchinterval</code>, 5 ms by default).
            </li>
            <li>
              If it timed out and the GIL did not change hands meanwhile, it sets a <strong>drop request</strong>{' '}
              (<code>gil_drop_request</code>).
            </li>
            <li>
              The holder checks that flag between bytecodes (through <code>eval_breaker</code>; here every ~16,000 steps of the
              kernel, about 15 µs) and releases the GIL.
            </li>
            <li>
              <strong>Forced switching</strong>: the thread that dropped it then waits until another thread has actually taken
              it before competing again. Without that wait it would usually win at once: it is already running, while the
              woken waiter still has to be scheduled. Python 2’s GIL worked that way, and a CPU-bound thread could keep others
              waiting for seconds. Untick “Forced switching” and watch one thread hog the timeline.
            </li>
          </ol>
          <p>
            So no thread starves: a waiter gets the GIL about one switch interval after it asks. A shorter interval means more
            hand-offs (more responsive threads, more overhead); a longer one fewer. For CPU-bound work neither changes the 1×.
          </p>
        </div>
      </div>
      {result && <Numbers result={result} />}
    </section>
  );
}
