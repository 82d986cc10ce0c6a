/**
 * The race scene: the lock switch on top, then either the live experiment on real workers or the
 * step-through in the interpreter. Both follow the same `sync` setting, so flipping the lock (L)
 * changes the program in whichever view is showing.
 */
import { useEffect } from 'react';
import type { SceneProps } from '../shared/scene-definition';
import { isTypingTarget } from './keyboard';
import { LiveView } from './LiveView';
import { LockSwitch } from './LockSwitch';
import { flipLock, raceParams, type RaceParams, type SyncMode } from './race-params';
import { StepThrough } from './StepThrough';

const VIEWS = [
  { id: 'live', label: 'Live: real workers' },
  { id: 'step', label: 'Step through: you schedule' },
] as const;

export default function RaceScene({ params, setParams, isolated }: SceneProps<typeof raceParams>) {
  // Without shared memory only the step-through can run: the live view needs real workers
  // sharing a counter.
  const view = isolated ? params.view : 'step';
  const update = (patch: Partial<RaceParams>) => setParams({ ...params, ...patch });
  const setSync = (sync: SyncMode) => update({ sync });

  // "L" flips the lock from anywhere on the page (except while typing in a field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key === 'l' || event.key === 'L') {
        event.preventDefault();
        setParams({ ...params, sync: flipLock(params.sync) });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [params, setParams]);

  const program = { processes: params.stepProcesses, increments: params.stepIncrements, sync: params.sync };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <LockSwitch sync={params.sync} onChange={setSync} />
        <div
          role="tablist"
          aria-label="View"
          className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-900"
        >
          {VIEWS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={view === id}
              aria-controls="race-view"
              data-testid={`view-${id}`}
              disabled={id === 'live' && !isolated}
              title={
                id === 'live' && !isolated ? 'Needs shared memory, which this page does not have' : undefined
              }
              onClick={() => update({ view: id })}
              className="rounded-md px-4 py-2 text-sm font-semibold text-slate-600 disabled:cursor-not-allowed disabled:opacity-50 aria-selected:bg-white aria-selected:text-slate-900 aria-selected:shadow dark:text-slate-300 dark:aria-selected:bg-slate-700 dark:aria-selected:text-white"
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div id="race-view" role="tabpanel">
        {view === 'live' ? (
          <LiveView params={params} setParams={setParams} />
        ) : (
          <StepThrough
            // A new program is a new session: remounting resets the trace, explorer and challenge.
            key={`${program.processes}×${program.increments}:${program.sync}`}
            program={program}
            onProgramChange={({ processes, increments }) =>
              update({ stepProcesses: processes, stepIncrements: increments })
            }
          />
        )}
      </div>
    </div>
  );
}
