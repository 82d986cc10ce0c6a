/**
 * The live picture: who holds the GIL now and who waits for it, and the timelines of the latest
 * serial / threads / processes measurement on one time scale (so their lengths compare).
 */
import { GilTimeline, GilTimelineLegend, GIL_STATE_LABELS, type GilTimelineLane } from '../../charts/gil-timeline';
import { LockQueue } from '../../charts/lock-queue';
import { processColor } from '../../charts/process-colors';
import type { GilPhaseView } from './gil-live';
import { GIL_WORKLOAD_INFO } from './gil-params';
import type { GilMode } from './gil-result';
import type { GilLivePicture } from './use-gil-live';

const MODE_PHRASES: Record<GilMode, (n: number) => string> = {
  serial: () => 'one thread (the baseline)',
  threads: (n) => `${n} threads sharing one GIL`,
  processes: (n) => `${n} processes, a GIL each`,
};

const MODE_TITLES: Record<GilMode, (n: number) => string> = {
  serial: () => 'One thread (the baseline)',
  threads: (n) => `${n} threads, one GIL`,
  processes: (n) => `${n} processes, a GIL each`,
};

function lanesOf(view: GilPhaseView): GilTimelineLane[] {
  return view.lanes.map((lane, i) => ({ label: lane.name, color: processColor(i), segments: lane.segments }));
}

function describe(view: GilPhaseView): string {
  return view.lanes.map((l) => `${l.name}: ${GIL_STATE_LABELS[l.state]}, ${l.tasksDone} tasks done`).join('; ');
}

export function GilLivePanel({ picture, workers }: { picture: GilLivePicture; workers: number }) {
  const modes: GilMode[] = ['serial', 'threads', 'processes'];
  const views = modes.flatMap((m) => (picture.views[m] ? [[m, picture.views[m]] as const] : []));
  const domainMs = Math.max(1, ...views.map(([, v]) => v.nowMs));
  const focus = picture.current ? picture.views[picture.current] : picture.views.threads;
  const focusMode = picture.current ?? 'threads';
  const colorOf = (name: string) => processColor(Math.max(0, focus?.lanes.findIndex((l) => l.name === name) ?? 0));

  return (
    <section aria-labelledby="gil-live-title" className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="gil-live-title" className="text-base font-semibold">
          Who holds the GIL (live, from telemetry)
        </h2>
        {picture.workload && (
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="gil-live-caption">
            {GIL_WORKLOAD_INFO[picture.workload].label}
            {picture.current ? ` · measuring ${MODE_PHRASES[picture.current](workers)}` : ' · last measurements'}
          </p>
        )}
      </div>

      {focus ? (
        <div className="grid gap-3 md:grid-cols-2" data-testid="gil-holders">
          {focus.gils.slice(0, 4).map((gil, i) => (
            <LockQueue
              key={gil.id}
              name={focusMode === 'processes' ? `GIL of ${focus.lanes[i]?.name ?? 'a process'}` : 'the GIL'}
              holder={gil.holder ? { label: gil.holder, color: colorOf(gil.holder) } : null}
              waiters={gil.waiters.map((w) => ({ label: w, color: colorOf(w) }))}
              testId={i === 0 ? 'gil-lock' : undefined}
            />
          ))}
          {focus.gils.length > 4 && (
            <p className="self-center text-sm text-slate-600 dark:text-slate-300">
              … and {focus.gils.length - 4} more, one per process, none ever contended.
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">Run the experiment to watch the GIL change hands.</p>
      )}

      {views.length > 0 && (
        <div className="space-y-2" data-testid="gil-timelines">
          {views.map(([mode, view]) => (
            <div key={mode}>
              <h3 className="text-sm font-medium">
                {MODE_TITLES[mode](view.lanes.length)}{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  · repeat {view.repeat + 1}
                  {view.finished ? ` · ${Math.round(view.nowMs)} ms` : ''}
                </span>
              </h3>
              <GilTimeline
                lanes={lanesOf(view)}
                domainMs={domainMs}
                title={`${MODE_TITLES[mode](view.lanes.length)}: timeline`}
                description={describe(view)}
                testId={`gil-timeline-${mode}`}
              />
            </div>
          ))}
          <GilTimelineLegend />
        </div>
      )}
    </section>
  );
}
