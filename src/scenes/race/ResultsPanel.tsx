/**
 * The numbers: expected against final for the latest repeat in big type, every repeat in a table,
 * and the histogram of lost updates over the repeats.
 */
import { Histogram } from '../../charts/histogram';
import { formatRate } from './race-explanation';
import { SYNC_LABELS, type RaceSettings } from './race-params';
import { median, type RaceResult, type RaceRun } from './race-result';

const fmt = (n: number) => n.toLocaleString('en-US');

function BigNumber({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone?: 'bad' | 'good';
  testId: string;
}) {
  const color =
    tone === 'bad'
      ? 'text-rose-600 dark:text-rose-400'
      : tone === 'good'
        ? 'text-emerald-600 dark:text-emerald-400'
        : 'text-slate-900 dark:text-slate-50';
  return (
    <div className="min-w-0">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-300">{label}</dt>
      <dd
        className={`truncate font-mono text-3xl font-bold tabular-nums sm:text-4xl ${color}`}
        data-testid={testId}
      >
        {value}
      </dd>
    </div>
  );
}

export function ResultsPanel({
  settings,
  runs,
  result,
}: {
  settings: RaceSettings;
  runs: readonly RaceRun[];
  result: RaceResult | null;
}) {
  const expected = settings.processes * settings.increments;
  const latest = runs.at(-1);
  const lostMedian = result ? result.lostUpdates : median(runs.map((r) => r.lostUpdates));
  return (
    <section
      aria-labelledby="race-results"
      className="rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="race-results"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="race-results" className="text-lg font-semibold">
          Results
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {settings.processes} processes × {fmt(settings.increments)} increments ·{' '}
          {SYNC_LABELS[settings.sync]}
          {settings.sync === 'lock' && settings.batch > 1 ? ` · ${fmt(settings.batch)} per hold` : ''}
        </p>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <BigNumber label="expected" value={fmt(expected)} testId="race-expected" />
        <BigNumber
          label={runs.length > 1 ? `final (repeat ${latest?.repeat})` : 'final'}
          value={latest ? fmt(latest.final) : '—'}
          testId="race-final"
        />
        <BigNumber
          label={runs.length > 1 ? 'lost (median)' : 'lost updates'}
          value={latest ? fmt(lostMedian) : '—'}
          tone={latest ? (lostMedian > 0 || runs.some((r) => r.lostUpdates > 0) ? 'bad' : 'good') : undefined}
          testId="race-lost"
        />
        <BigNumber
          label="increments / s"
          value={
            latest
              ? formatRate(result ? result.incrementsPerSec : median(runs.map((r) => r.incrementsPerSec)))
              : '—'
          }
          testId="race-rate"
        />
      </dl>
      {runs.length > 0 && (
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <div className="max-h-72 overflow-auto">
            <table className="w-full text-right text-sm tabular-nums" data-testid="race-runs">
              <caption className="sr-only">Every repeat</caption>
              <thead className="sticky top-0 bg-white text-slate-600 dark:bg-slate-950 dark:text-slate-300">
                <tr>
                  <th scope="col" className="py-1 text-left font-medium">
                    #
                  </th>
                  <th scope="col" className="font-medium">
                    final
                  </th>
                  <th scope="col" className="font-medium">
                    lost
                  </th>
                  <th scope="col" className="font-medium">
                    lost %
                  </th>
                  <th scope="col" className="font-medium">
                    ms
                  </th>
                  <th scope="col" className="font-medium">
                    incr/s
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.repeat} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1 text-left">{run.repeat}</td>
                    <td>{fmt(run.final)}</td>
                    <td
                      className={
                        run.lostUpdates > 0
                          ? 'font-semibold text-rose-600 dark:text-rose-400'
                          : 'text-emerald-600 dark:text-emerald-400'
                      }
                    >
                      {fmt(run.lostUpdates)}
                    </td>
                    <td>{run.lostPercent.toFixed(2)}</td>
                    <td>{run.ms.toFixed(1)}</td>
                    <td>{formatRate(run.incrementsPerSec)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3 className="text-sm font-semibold">
              Lost updates over {runs.length} repeat{runs.length === 1 ? '' : 's'}
            </h3>
            <Histogram
              values={runs.map((r) => r.lostUpdates)}
              title={`Histogram of lost updates over ${runs.length} repeats`}
              xLabel="updates lost in one run"
              formatX={(v) => (Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)}k` : v.toFixed(0))}
              color={runs.every((r) => r.lostUpdates === 0) ? '#10b981' : '#f43f5e'}
              height={200}
              testId="lost-histogram"
            />
          </div>
        </div>
      )}
    </section>
  );
}
