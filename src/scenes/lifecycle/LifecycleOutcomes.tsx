/** What each lesson of the guided run showed, in words and numbers the reader can check. */
import type { LifecycleResult } from './lifecycle-result';

const card = 'space-y-1 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800';

function code(c: number | null) {
  return (
    <span className={`font-mono font-semibold ${c === null ? '' : c === 0 ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}>
      {c === null ? 'None' : c}
    </span>
  );
}

export function LifecycleOutcomes({ result }: { result: LifecycleResult }) {
  const { exitCodes, zombies, supervision, daemon, goContext } = result;
  return (
    <section aria-labelledby="outcomes-title" className="space-y-3" data-testid="lifecycle-outcomes">
      <h2 id="outcomes-title" className="text-sm font-semibold">
        What the run showed
      </h2>
      <div className="grid gap-3 xl:grid-cols-2">
        {exitCodes && (
          <div className={card} data-testid="outcome-exit-codes">
            <h3 className="font-semibold">Exit codes</h3>
            <ul>
              {Object.entries(exitCodes.exitCodes).map(([name, c]) => (
                <li key={name}>
                  {name}: {code(c)}
                </li>
              ))}
            </ul>
            <p>
              join(timeout={exitCodes.joinTimeout.timeoutMs / 1000}) returned after {exitCodes.joinTimeout.returnedAfterMs} ms with the process{' '}
              {exitCodes.joinTimeout.aliveAfter ? 'still alive' : 'ended'} and exitcode {exitCodes.joinTimeout.exitCodeAfter ?? 'None'}: a timeout
              does not stop anything, check is_alive() after it.
            </p>
          </div>
        )}
        {zombies && (
          <div className={card} data-testid="outcome-zombies">
            <h3 className="font-semibold">Zombies</h3>
            <p>
              {zombies.names.join(', ') || 'none'} {zombies.names.length === 1 ? 'was a zombie' : 'were zombies'} (up to {zombies.maxAtOnce} at once) until
              joined; {zombies.remaining} remain.
            </p>
            <ul>
              {result.processes
                .filter((p) => p.part === 'zombies')
                .map((p) => (
                  <li key={p.pid}>
                    {p.name}: exited {p.exitedAtMs?.toFixed(0)} ms, joined {p.joinedAtMs?.toFixed(0)} ms, a zombie for {p.zombieMs ?? 0} ms
                  </li>
                ))}
            </ul>
          </div>
        )}
        {supervision && (
          <div className={card} data-testid="outcome-supervision">
            <h3 className="font-semibold">Supervision (seed {result.seed})</h3>
            <ul>
              {supervision.workers.map((w) => (
                <li key={w.name}>
                  {w.name}: exit code {code(w.exitCode)}
                </li>
              ))}
            </ul>
            <p
              role={supervision.warning ? 'alert' : undefined}
              className={supervision.warning ? 'font-semibold text-amber-700 dark:text-amber-300' : 'text-emerald-700 dark:text-emerald-300'}
              data-testid="supervision-warning"
            >
              {supervision.warning ?? `All ${supervision.workers.length} workers succeeded.`}
            </p>
          </div>
        )}
        {daemon && (
          <div className={card} data-testid="outcome-daemon">
            <h3 className="font-semibold">Daemon vs non-daemon at shutdown</h3>
            <p>
              {daemon.daemon.name} (daemon): {code(daemon.daemon.exitCode)}, terminated when the parent’s main code ended. {daemon.nonDaemon.name}{' '}
              (non-daemon): {code(daemon.nonDaemon.exitCode)}, and the parent waited {daemon.parentWaitedMs} ms for it before it could exit.
            </p>
          </div>
        )}
        {goContext && (
          <div className={`${card} xl:col-span-2`} data-testid="outcome-go-context">
            <h3 className="font-semibold">The Go developer’s worker pool</h3>
            <p>
              {goContext.results} of {goContext.jobs} jobs returned a result ({goContext.resultsCorrect ? 'all correct' : 'some wrong!'}); the other two were the long
              job and the stuck one.
            </p>
            <ul>
              {goContext.workers.map((w) => (
                <li key={w.name}>
                  {w.name}: exit code {code(w.exitCode)}, ended by{' '}
                  {w.ending === 'poison-pill' ? 'the poison pill' : w.ending === 'stop-event' ? 'the stop Event (cancellation)' : 'terminate() after join(timeout)'}
                </li>
              ))}
            </ul>
            <ol className="mt-1 list-decimal pl-5 font-mono text-xs">
              {goContext.steps.map((s, i) => (
                <li key={i}>
                  {s.atMs.toFixed(0)} ms: {s.text}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </section>
  );
}
