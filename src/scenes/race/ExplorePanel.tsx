/**
 * "Explore all interleavings": every schedule of the current step-through program, counted, and
 * how many end at each final value; any final can be replayed from an example schedule.
 */
import { useState } from 'react';
import { CategoryBars } from '../../charts/category-bars';
import type { ExploreResult } from '../../sim/race-explorer';
import type { RaceProgram } from '../../sim/race-program';
import { formatSchedule } from './schedule-text';
import { useExplorer } from './use-explorer';

const fmt = (n: bigint | number) => n.toLocaleString('en-US');

/** Share of a bigint count, as a percentage with enough digits to show tiny shares. */
function share(part: bigint, total: bigint): string {
  if (total === 0n) return '0%';
  const perMillion = Number((part * 1_000_000n) / total) / 10_000;
  if (perMillion === 0 && part > 0n) return '<0.0001%';
  return `${perMillion < 1 ? perMillion.toPrecision(2) : perMillion.toFixed(1)}%`;
}

export function ExplorePanel({
  program,
  onReplay,
}: {
  program: RaceProgram;
  onReplay: (schedule: number[]) => void;
}) {
  const { explore } = useExplorer();
  const [result, setResult] = useState<ExploreResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await explore(program));
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError'))
        setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby="explore-heading"
      className="rounded-xl border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3 id="explore-heading" className="text-lg font-semibold">
        Every interleaving
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Count every possible schedule of {program.processes} processes × {program.increments} increments and
        see where each one ends.
      </p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        className="mt-3 rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
      >
        {busy ? 'Counting…' : 'Explore all interleavings'}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {result && !result.complete && (
        <p
          role="status"
          className="mt-3 text-sm text-amber-800 dark:text-amber-200"
          data-testid="explore-summary"
        >
          Stopped after {fmt(result.distinctStates)} distinct states (the cap is {fmt(result.stateCap)}): too
          many to count here. Fewer processes or increments will do.
        </p>
      )}
      {result && result.complete && (
        <div className="mt-3 space-y-3">
          <p
            role="status"
            className="text-base"
            data-testid="explore-summary"
            data-total={String(result.totalSchedules)}
            data-losing={String(result.losingSchedules)}
          >
            <strong>{fmt(result.totalSchedules)}</strong> possible schedules.{' '}
            {result.losingSchedules === 0n ? (
              <>All of them end at exactly {result.expected}.</>
            ) : (
              <>
                <strong className="text-rose-700 dark:text-rose-300">{fmt(result.losingSchedules)}</strong> (
                {share(result.losingSchedules, result.totalSchedules)}) lose at least one update.
              </>
            )}
            <span className="block text-sm text-slate-500 dark:text-slate-400">
              Counted exactly, not one by one: schedules that reach the same state share their futures, so
              only {fmt(result.distinctStates)} distinct states were visited.
            </span>
          </p>
          <CategoryBars
            title={`Schedules by final counter value, ${program.processes} processes × ${program.increments} increments`}
            xLabel="final counter value"
            testId="explore-chart"
            bars={result.finals.map((b) => ({
              key: String(b.final),
              label: b.final === result.expected ? `${b.final} ✓` : String(b.final),
              value: Number(b.schedules),
              valueLabel: share(b.schedules, result.totalSchedules),
              color: b.final === result.expected ? '#10b981' : '#f43f5e',
              emphasis: b.final === result.expected,
            }))}
          />
          <ul className="space-y-1 text-sm" aria-label="Replay an example schedule for each final value">
            {result.finals.map((b) => (
              <li key={b.final} className="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  onClick={() => onReplay(b.example)}
                  className="rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                  aria-label={`Replay a schedule that ends at ${b.final}`}
                >
                  Replay → {b.final}
                </button>
                <span className="text-slate-600 dark:text-slate-300">
                  {fmt(b.schedules)} schedules, e.g.{' '}
                  <span className="font-mono">{formatSchedule(b.example)}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
