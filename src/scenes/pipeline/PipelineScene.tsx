/**
 * The pipeline scene: the tutorials' flowchart (task queue → pool of workers → lock-protected
 * shared resource → result queue → main) running for real, arrows lighting up as it happens,
 * and at the end a ledger that shows every count adds up (or, without the lock, which does not).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { PipelineFlowchart } from './PipelineFlowchart';
import { pipelineListings } from './pipeline-code';
import { pipelineParams, type PipelineParams } from './pipeline-params';
import { pipelineCsvRows, type PipelineResult } from './pipeline-result';
import type { PipelineFrame } from './pipeline-sampler';
import { runPipeline, type PipelineLiveView } from './run-pipeline';

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

const LEDGER: { key: keyof PipelineFrame['totals']; label: string; arrow: string; per: 'task' | 'worker' }[] =
  [
    { key: 'tasksPut', label: 'tasks put by main', arrow: 'main → task queue', per: 'task' },
    { key: 'tasksTaken', label: 'tasks taken by workers', arrow: 'task queue → workers', per: 'task' },
    { key: 'lockAcquisitions', label: 'lock acquisitions', arrow: 'workers → lock', per: 'task' },
    { key: 'sharedUpdates', label: 'shared-resource updates', arrow: 'lock → shared tally', per: 'task' },
    { key: 'resultsPut', label: 'results put', arrow: 'workers → result queue', per: 'task' },
    {
      key: 'resultsCollected',
      label: 'results collected by main',
      arrow: 'result queue → main',
      per: 'task',
    },
    { key: 'sentinelsSent', label: 'sentinels sent (None)', arrow: 'main → task queue', per: 'worker' },
    {
      key: 'sentinelsTaken',
      label: 'sentinels taken (workers exited)',
      arrow: 'task queue → workers',
      per: 'worker',
    },
  ];

export default function PipelineScene({ params, setParams }: SceneProps<typeof pipelineParams>) {
  const viewRef = useRef<PipelineLiveView | null>(null);
  const [frame, setFrame] = useState<PipelineFrame | null>(null);
  const [ranWith, setRanWith] = useState<PipelineParams>(params);
  const runner = useCallback(
    (p: PipelineParams, ctx: RunContext) =>
      runPipeline(p, ctx, {
        onStart: (view) => {
          viewRef.current = view;
        },
      }),
    [],
  );
  const run = useSceneRun<PipelineParams, PipelineResult>('pipeline', runner);
  const running = run.status === 'running';
  const listings = useMemo(() => pipelineListings(params), [params]);
  const result = running ? null : run.result;

  const start = () => {
    viewRef.current = null;
    setFrame(null);
    setRanWith(params);
    void run.start(params);
  };
  // After a run, the picture and the ledger keep showing it until the settings change.
  const showingRun = running || (run.result !== null && sameRun(ranWith, params));
  const chartParams = showingRun ? ranWith : params;
  const getView = useCallback(() => (showingRun ? viewRef.current : null), [showingRun]);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(18rem,22rem)_1fr]">
        <section
          aria-label="Settings"
          className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <ParamControls schema={pipelineParams} values={params} onChange={setParams} disabled={running} />
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={start}
            onStop={run.stop}
            onReset={() => void run.reset()}
          />
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Every arrow lights up when something crosses it; the numbers on the arrows are live counts read
            from shared memory.
          </p>
        </section>
        <section
          aria-label="Flowchart"
          className="self-start rounded-xl border border-slate-200 p-4 lg:sticky lg:top-24 dark:border-slate-800"
        >
          <PipelineFlowchart
            key={`${chartParams.workers}-${chartParams.lock}-${run.startedAt ?? 0}`}
            workers={chartParams.workers}
            lockOn={chartParams.lock}
            view={getView}
            animating={running}
            onSample={setFrame}
          />
        </section>
      </div>

      <section aria-label="The counts" className="grid gap-6 xl:grid-cols-2">
        <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-2 text-lg font-semibold">Do the counts add up?</h2>
          <Ledger
            frame={showingRun ? frame : null}
            params={chartParams}
            result={showingRun ? result : null}
          />
        </div>
        <div className="space-y-3 rounded-xl border border-slate-200 p-4 text-[0.95rem] leading-relaxed dark:border-slate-800">
          <h2 className="text-lg font-semibold">What this shows</h2>
          <p>
            The shape of most multiprocessing programs: main creates a <strong>task queue</strong>, a{' '}
            <strong>pool of workers</strong>, a <strong>lock</strong> and a <strong>result queue</strong>.
            Workers loop: take a task, compute, update the shared resource <em>under the lock</em>, put the
            result. Main puts one <code>None</code> per worker to shut the pool down, collects every result{' '}
            <em>before</em> joining (a worker cannot exit while its results sit unread in a full pipe:
            join-before-drain deadlocks), then joins.
          </p>
          <p>
            Each update of the tally is a read, some work, and a write. With the lock, one worker at a time
            does it, and the tally counts every task. Without it, two workers read the same old value and one
            update overwrites the other: the result queue still delivers every answer, but the shared tally
            comes up short.
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Go: the task queue is a channel, the pool is goroutines in a <code>WaitGroup</code>,{' '}
            <code>close(tasks)</code> replaces the sentinels, the lock is a <code>sync.Mutex</code>.
          </p>
        </div>
      </section>

      {result && (
        <section aria-label="Results" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Per worker</h2>
            <ExportButtons basename="pipeline" json={result} csvRows={() => pipelineCsvRows(result)} />
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {fmt(result.tasks)} tasks in {fmt(result.elapsedMs)} ms ({fmt(result.tasksPerSec)} tasks/s) on{' '}
            {result.workers} workers.
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="pipeline-worker-table">
              <caption className="sr-only">Tasks, lock wait and blocked time per worker</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    worker
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    pid
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    tasks
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    waiting for the lock
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    blocked in total
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    exit code
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.perWorker.map((w) => (
                  <tr key={w.name} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      {w.name}
                    </th>
                    <td className="py-1 pr-3 tabular-nums">{w.pid}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(w.tasks)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(w.lockWaitMs)} ms</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(w.blockedMs)} ms</td>
                    <td className="py-1 pr-3 tabular-nums">{w.exitCode ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <CodePanel listings={listings} title="The program" />
    </div>
  );
}

function sameRun(a: PipelineParams, b: PipelineParams): boolean {
  return (
    a.workers === b.workers &&
    a.tasks === b.tasks &&
    a.lock === b.lock &&
    a.workUs === b.workUs &&
    a.holdUs === b.holdUs
  );
}

function Ledger({
  frame,
  params,
  result,
}: {
  frame: PipelineFrame | null;
  params: PipelineParams;
  result: PipelineResult | null;
}) {
  const want = (per: 'task' | 'worker') => (per === 'task' ? params.tasks : params.workers);
  const totals = result ? result.counts : frame?.totals;
  const tallyTasks = result ? result.shared.tasksCounted : (frame?.tallyTasks ?? 0);
  const tallySum = result ? result.shared.sum : (frame?.tallySum ?? 0);
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" data-testid="pipeline-ledger">
        <caption className="sr-only">Each arrow's count against what it should be</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-3">
              count
            </th>
            <th scope="col" className="py-1 pr-3">
              arrow
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              now
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              should be
            </th>
          </tr>
        </thead>
        <tbody>
          {LEDGER.filter((row) => params.lock || row.key !== 'lockAcquisitions').map((row) => {
            const value = totals?.[row.key] ?? 0;
            const ok = value === want(row.per);
            return (
              <tr
                key={row.key}
                className="border-t border-slate-200 dark:border-slate-800"
                data-testid={`ledger-${row.key}`}
              >
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {row.label}
                </th>
                <td className="py-1 pr-3 text-slate-500 dark:text-slate-400">{row.arrow}</td>
                <td
                  className={`py-1 pr-3 text-right tabular-nums ${result && !ok ? 'font-semibold text-rose-700 dark:text-rose-300' : ''}`}
                >
                  {fmt(value)}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{fmt(want(row.per))}</td>
              </tr>
            );
          })}
          <tr className="border-t border-slate-200 dark:border-slate-800" data-testid="ledger-tally">
            <th scope="row" className="py-1 pr-3 text-left font-medium">
              tasks counted by the shared tally
            </th>
            <td className="py-1 pr-3 text-slate-500 dark:text-slate-400">shared resource</td>
            <td
              className={`py-1 pr-3 text-right tabular-nums ${result && result.shared.lostUpdates > 0 ? 'font-semibold text-rose-700 dark:text-rose-300' : ''}`}
            >
              {fmt(tallyTasks)}
            </td>
            <td className="py-1 pr-3 text-right tabular-nums">{fmt(params.tasks)}</td>
          </tr>
        </tbody>
      </table>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Sum of answers in the tally: {fmt(tallySum)}
      </p>
      {result && (
        <div
          role="status"
          data-testid="counts-verdict"
          data-adds-up={result.countsAddUp}
          className={`rounded-lg border-2 p-3 ${result.countsAddUp ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40' : 'border-rose-500 bg-rose-50 dark:bg-rose-950/40'}`}
        >
          {result.countsAddUp ? (
            <p className="font-semibold text-emerald-800 dark:text-emerald-200">
              Every count adds up: {fmt(result.tasks)} tasks in, {fmt(result.counts.resultsCollected)} results
              out, and the tally holds all {fmt(result.shared.tasksCounted)} updates (sum{' '}
              {fmt(result.shared.sum)}).
            </p>
          ) : (
            <>
              <p className="font-semibold text-rose-800 dark:text-rose-200">
                The counts do not add up
                {result.shared.lostUpdates > 0
                  ? `: ${fmt(result.shared.lostUpdates)} of ${fmt(result.tasks)} updates to the shared tally were lost.`
                  : '.'}
              </p>
              <ul className="mt-1 list-disc pl-5 text-sm text-rose-900 dark:text-rose-100">
                {result.discrepancies.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
              {!result.lock && (
                <p className="mt-1 text-sm text-rose-900 dark:text-rose-100">
                  Every result still reached main (the queues lose nothing); only the unprotected
                  read-modify-write lost updates. Turn the lock on.
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
