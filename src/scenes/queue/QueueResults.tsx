/** The queue run's numbers: the headline counts, the hang (if any), and one row per process. */
import { describeWork } from './queue-params';
import type { QueueResult } from './queue-result';

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

function Metric({
  label,
  value,
  tone = 'plain',
  testId,
}: {
  label: string;
  value: string;
  tone?: 'plain' | 'good' | 'bad';
  testId?: string;
}) {
  const color =
    tone === 'good'
      ? 'text-emerald-700 dark:text-emerald-300'
      : tone === 'bad'
        ? 'text-rose-700 dark:text-rose-300'
        : 'text-slate-900 dark:text-slate-100';
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${color}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function QueueResults({ result }: { result: QueueResult }) {
  const r = result;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
        <Metric label="produced" value={fmt(r.produced)} testId="result-produced" />
        <Metric label="consumed" value={fmt(r.consumed)} testId="result-consumed" />
        <Metric label="lost" value={fmt(r.lost)} tone={r.lost === 0 ? 'good' : 'bad'} testId="result-lost" />
        <Metric
          label="duplicated"
          value={fmt(r.duplicated)}
          tone={r.duplicated === 0 ? 'good' : 'bad'}
          testId="result-duplicated"
        />
        <Metric label="messages / s" value={fmt(r.msgsPerSec)} testId="result-rate" />
        <Metric label="max depth" value={fmt(r.maxDepth)} testId="result-max-depth" />
        <Metric label="producers blocked" value={`${fmt(r.blockedMs.producers, 1)} ms`} />
        <Metric label="consumers blocked" value={`${fmt(r.blockedMs.consumers, 1)} ms`} />
      </dl>

      {r.hang && (
        <div
          role="alert"
          className="rounded-lg border-2 border-rose-500 bg-rose-50 p-4 dark:bg-rose-950/40"
          data-testid="hang-report"
        >
          <p className="font-semibold text-rose-800 dark:text-rose-200">
            Hang detected: {r.hang.consumer} (pid {r.hang.pid}) would wait forever · found{' '}
            {fmt(r.hang.detectedAfterMs)} ms after the last sentinel
          </p>
          <p className="mt-1 text-sm text-rose-900 dark:text-rose-100">{r.hang.reason}</p>
          <p className="mt-1 text-sm text-rose-900/80 dark:text-rose-100/80">{r.hang.resolution}</p>
        </div>
      )}

      {r.emptyPoll && (
        <div
          className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm dark:bg-amber-950/40"
          data-testid="empty-poll-report"
        >
          <p className="font-semibold text-amber-900 dark:text-amber-100">
            empty() said “not empty” and get_nowait() then found nothing {fmt(r.emptyPoll.races)} time
            {r.emptyPoll.races === 1 ? '' : 's'}.
          </p>
          <p className="mt-1 text-amber-900 dark:text-amber-100">
            {r.emptyPoll.quitEarly.length > 0
              ? `${r.emptyPoll.quitEarly.join(', ')} quit while producers were still producing (the queue only looked empty for a moment).`
              : 'No consumer quit before the producers had finished this time: run it again, or make production slower.'}{' '}
            {r.emptyPoll.stranded > 0
              ? `${fmt(r.emptyPoll.stranded)} items were left in the queue with nobody to take them: lost.`
              : 'Nothing was stranded this time.'}{' '}
            With a blocking get() instead of get_nowait(), each of those races would have been a consumer
            blocked forever.
          </p>
        </div>
      )}

      {r.joinWaitMs !== null && (
        <p className="text-sm text-slate-700 dark:text-slate-200">
          Main waited <strong>{fmt(r.joinWaitMs, 1)} ms</strong> in <code>q.join()</code> after the last put,
          until every item had been marked <code>task_done()</code> (Go: <code>wg.Wait()</code> until every{' '}
          <code>wg.Done()</code>).
        </p>
      )}

      <p className="text-sm text-slate-600 dark:text-slate-300">
        {fmt(r.elapsedMs, 1)} ms in all ·{' '}
        <span data-testid="result-work">
          work per item: {describeWork(r.produceUs, r.workAuto.produceUs)} to produce,{' '}
          {describeWork(r.consumeUs, r.workAuto.consumeUs)} to consume
        </span>{' '}
        · sentinels sent {r.sentinels.sent} of {r.sentinels.needed} needed · queue ring{' '}
        {fmt(r.ringBytes / 1024)} KiB
        {r.maxsize === 0
          ? ' (an "unbounded" queue is bounded by its shared ring here: a put waits when the ring is full)'
          : ''}
      </p>

      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="queue-process-table">
          <caption className="sr-only">Each process: items moved, time blocked, exit code</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                process
              </th>
              <th scope="col" className="py-1 pr-3">
                pid
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                items
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                blocked
              </th>
              <th scope="col" className="py-1 pr-3">
                exit code
              </th>
              <th scope="col" className="py-1 pr-3">
                note
              </th>
            </tr>
          </thead>
          <tbody>
            {r.processes.map((p) => (
              <tr key={p.name} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {p.name}
                </th>
                <td className="py-1 pr-3 tabular-nums">{p.pid}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{fmt(p.items)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{fmt(p.blockedMs, 1)} ms</td>
                <td
                  className={`py-1 pr-3 tabular-nums ${p.exitCode !== 0 ? 'text-rose-700 dark:text-rose-300' : ''}`}
                >
                  {p.exitCode ?? '—'}
                </td>
                <td className="py-1 pr-3 text-slate-600 dark:text-slate-300">
                  {p.role === 'consumer' && r.hang?.consumer === p.name
                    ? 'never got a sentinel: terminated'
                    : p.role === 'consumer' && p.gotSentinel
                      ? 'took its sentinel'
                      : p.races !== undefined
                        ? `${fmt(p.races)} races on empty()`
                        : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
