/**
 * Step-through mode: the race program run by the deterministic interpreter, one atomic step at a
 * time, with the user as the scheduler. Keys: 1–3 step that process, Backspace steps back.
 */
import { useEffect, useMemo } from 'react';
import { LockQueue } from '../../charts/lock-queue';
import { processColor } from '../../charts/process-colors';
import { expectedFinal, isFinished, processStatus } from '../../sim/race-machine';
import { processLabel, type RaceProgram } from '../../sim/race-program';
import { lostUpdateSoFar, traceSchedule } from '../../sim/race-trace';
import { ChallengePanel } from './ChallengePanel';
import { ExplorePanel } from './ExplorePanel';
import { StepProcessCard } from './StepProcessCard';
import { describeStep } from './step-log';
import { isTypingTarget } from './keyboard';
import { useStepTrace } from './use-step-trace';

function Choice({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly number[];
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="flex items-center gap-1">
      <span className="mr-1 text-sm font-medium text-slate-700 dark:text-slate-200">{label}</span>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={option === value}
          aria-label={`${label}: ${option}`}
          onClick={() => onChange(option)}
          className="min-w-9 rounded-md border border-slate-300 px-2.5 py-1 text-sm font-semibold aria-checked:border-slate-900 aria-checked:bg-slate-900 aria-checked:text-white dark:border-slate-700 dark:aria-checked:border-slate-100 dark:aria-checked:bg-slate-100 dark:aria-checked:text-slate-900"
        >
          {option}
        </button>
      ))}
    </div>
  );
}

export function StepThrough({
  program,
  onProgramChange,
}: {
  program: RaceProgram;
  onProgramChange: (next: { processes: number; increments: number }) => void;
}) {
  const { trace, state, step, back, reset, play, playing, stopPlaying } = useStepTrace(program);
  const finished = isFinished(state);
  const expected = expectedFinal(program);
  const lost = lostUpdateSoFar(trace);
  const schedule = traceSchedule(trace);
  const hasLock = program.sync === 'lock' || program.sync === 'value-lock';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const pid = Number(event.key) - 1;
      if (Number.isInteger(pid) && pid >= 0 && pid < program.processes) {
        event.preventDefault();
        step(pid);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [program.processes, step, back]);

  const log = useMemo(
    () =>
      trace.entries
        .map((entry, i) => ({
          entry,
          line: describeStep(i === 0 ? trace.start : trace.entries[i - 1]!.after, entry),
        }))
        .reverse(),
    [trace],
  );

  const waiters = state.processes
    .map((_, pid) => pid)
    .filter((pid) => processStatus(state, pid) === 'waiting-for-lock');

  return (
    <section aria-label="Step-through" className="space-y-4" data-testid="step-through">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <Choice
          label="Processes"
          options={[2, 3]}
          value={program.processes}
          onChange={(n) => onProgramChange({ processes: n, increments: program.increments })}
        />
        <Choice
          label="Increments each"
          options={[1, 2, 3]}
          value={program.increments}
          onChange={(n) => onProgramChange({ processes: program.processes, increments: n })}
        />
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={back}
            disabled={trace.entries.length === 0}
            aria-keyshortcuts="Backspace"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            ← Step back
          </button>
          <button
            type="button"
            onClick={reset}
            disabled={trace.entries.length === 0 && !playing}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Reset
          </button>
          {playing && (
            <button
              type="button"
              onClick={stopPlaying}
              className="rounded-md border border-rose-400 px-3 py-1.5 text-sm font-medium text-rose-700 dark:text-rose-300"
            >
              Pause
            </button>
          )}
        </div>
      </div>

      <div className="grid items-center gap-4 rounded-xl bg-slate-100 p-4 md:grid-cols-[auto_1fr_auto] dark:bg-slate-900">
        <div>
          <p className="text-sm font-medium text-slate-600 dark:text-slate-300">shared counter.value</p>
          <output
            className="block font-mono text-6xl font-bold tabular-nums"
            data-testid="sim-counter"
            aria-label="Shared counter value"
          >
            {state.counter}
          </output>
          <p className="text-sm text-slate-600 dark:text-slate-300">expected at the end: {expected}</p>
        </div>
        <div
          className="text-base"
          role="status"
          data-testid="sim-outcome"
          data-lost={lost}
          data-finished={finished ? 'true' : 'false'}
        >
          {finished ? (
            lost > 0 ? (
              <p className="text-xl font-semibold text-rose-700 dark:text-rose-300">
                Finished at {state.counter} instead of {expected}: {lost} update{lost === 1 ? '' : 's'} lost.
              </p>
            ) : (
              <p className="text-xl font-semibold text-emerald-700 dark:text-emerald-300">
                Finished at exactly {expected}: nothing lost.
              </p>
            )
          ) : lost > 0 ? (
            <p className="text-lg font-semibold text-rose-700 dark:text-rose-300">
              Lost so far: {lost} update{lost === 1 ? '' : 's'} (done but missing from the counter)
            </p>
          ) : (
            <p className="text-slate-600 dark:text-slate-300">
              {trace.entries.length === 0
                ? 'Pick the process that runs next: you are the scheduler.'
                : 'Nothing lost yet.'}
            </p>
          )}
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
            {trace.entries.length} step{trace.entries.length === 1 ? '' : 's'} taken
          </p>
        </div>
        {hasLock && (
          <div className="min-w-64">
            <LockQueue
              name={program.sync === 'value-lock' ? 'the Value’s own lock' : 'lock'}
              holder={
                state.lockHolder === null
                  ? null
                  : { label: processLabel(state.lockHolder), color: processColor(state.lockHolder) }
              }
              waiters={waiters.map((pid) => ({ label: processLabel(pid), color: processColor(pid) }))}
              testId="sim-lock"
            />
          </div>
        )}
      </div>

      <div className={`grid gap-4 ${program.processes === 3 ? 'lg:grid-cols-3' : 'md:grid-cols-2'}`}>
        {state.processes.map((_, pid) => (
          <StepProcessCard key={pid} state={state} pid={pid} onStep={step} />
        ))}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <section
          aria-labelledby="schedule-heading"
          className="rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <h3 id="schedule-heading" className="text-lg font-semibold">
            Schedule so far
          </h3>
          <ol
            className="mt-2 flex flex-wrap gap-1"
            aria-label="Processes in the order they stepped"
            data-testid="sim-schedule"
          >
            {schedule.length === 0 && <li className="text-sm text-slate-500 dark:text-slate-400">empty</li>}
            {trace.entries.map((entry, i) => (
              <li
                key={i}
                className="rounded px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-950"
                style={{ background: processColor(entry.pid) }}
                title={entry.info.expanded}
              >
                {processLabel(entry.pid)}·{entry.info.op}
              </li>
            ))}
          </ol>
          <ol
            className="mt-3 max-h-64 space-y-1 overflow-auto text-sm"
            aria-label="What each step did, latest first"
            data-testid="sim-log"
          >
            {log.map(({ entry, line }, i) => (
              <li
                key={log.length - i}
                className={line.lost ? 'font-semibold text-rose-700 dark:text-rose-300' : ''}
              >
                <span
                  className="mr-2 inline-block h-2.5 w-2.5 rounded-full"
                  style={{ background: processColor(entry.pid) }}
                  aria-hidden="true"
                />
                {line.text}
              </li>
            ))}
          </ol>
        </section>
        <div className="space-y-4">
          <ChallengePanel program={program} state={state} schedule={schedule} onPlay={play} />
          <ExplorePanel program={program} onReplay={play} />
        </div>
      </div>
    </section>
  );
}
