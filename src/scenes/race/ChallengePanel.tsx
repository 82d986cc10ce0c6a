/**
 * The challenge: pick a schedule that makes the counter end as low as it possibly can. Solved
 * when the user's own schedule gets there; the explorer can show the one with fewest switches.
 */
import { useState } from 'react';
import { countSwitches, minimumFinal, type FoundSchedule } from '../../sim/race-explorer';
import { expectedFinal, isFinished, type SimState } from '../../sim/race-machine';
import type { RaceProgram } from '../../sim/race-program';
import { formatSchedule } from './schedule-text';
import { useExplorer } from './use-explorer';

export function ChallengePanel({
  program,
  state,
  schedule,
  onPlay,
}: {
  program: RaceProgram;
  state: SimState;
  /** The user's schedule so far. */
  schedule: readonly number[];
  onPlay: (schedule: number[]) => void;
}) {
  const target = minimumFinal(program);
  const expected = expectedFinal(program);
  const { find } = useExplorer();
  const [solution, setSolution] = useState<FoundSchedule | null>(null);
  const [busy, setBusy] = useState(false);
  const finished = isFinished(state);
  const solved = finished && state.counter === target;
  const exactOnly = target === expected;

  const showSolution = async () => {
    setBusy(true);
    try {
      setSolution(await find(program, target));
    } catch {
      setSolution(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby="challenge-heading"
      className="rounded-xl border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3 id="challenge-heading" className="text-lg font-semibold">
        Challenge: make the counter end at {target}
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {exactOnly
          ? `With this synchronisation every schedule ends at ${expected}: there is nothing to win, and that is the point.`
          : `${target} is the smallest final value any schedule of ${program.processes} processes × ${program.increments} increments can produce` +
            (program.increments >= 2 ? ' (it stays 2 however many processes or increments you add).' : '.') +
            ' Choose who steps next to get there.'}
      </p>
      <div
        role="status"
        data-testid="challenge-status"
        data-solved={solved ? 'true' : 'false'}
        className="mt-2 text-base"
      >
        {solved ? (
          <p className="font-semibold text-emerald-700 dark:text-emerald-300">
            Solved ✓ {state.counter} instead of {expected}, with {countSwitches(schedule)} switches:{' '}
            <span className="font-mono font-normal">{formatSchedule(schedule)}</span>
          </p>
        ) : finished ? (
          <p>
            Ended at {state.counter}. {exactOnly ? '' : `Step back or reset and try for ${target}.`}
          </p>
        ) : (
          <p className="text-slate-600 dark:text-slate-300">Not finished yet.</p>
        )}
      </div>
      {!exactOnly && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <button
            type="button"
            onClick={() => void showSolution()}
            disabled={busy}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {busy ? 'Searching…' : 'Show a solution'}
          </button>
          {solution && (
            <button
              type="button"
              onClick={() => onPlay(solution.schedule)}
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
            >
              Play it step by step
            </button>
          )}
        </div>
      )}
      {solution && (
        <p className="mt-2 text-sm" data-testid="challenge-solution">
          Fewest switches ({solution.switches}):{' '}
          <span className="font-mono">{formatSchedule(solution.schedule)}</span>.{' '}
          {program.increments === 1
            ? 'Every process reads 0 before anyone writes, so they all write 1.'
            : 'One process reads 0 and holds on to it while the others work, then writes 1 over all their increments. After that only one more increment survives: the counter ends at 2.'}
        </p>
      )}
    </section>
  );
}
