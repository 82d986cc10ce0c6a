/**
 * The start-methods scene: cold-start real workers one by one, then hand tasks to a warm pool;
 * compare both with CPython's fork / forkserver / spawn; count the worker module's top-level
 * side effect as it runs again in every new worker.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { StartLatencyBars, type StartLatencyRow } from '../../charts/start-latency-bars';
import startMethodTaskSource from '../../runtime/tasks/start-method-tasks.ts?raw';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { useSceneRun } from '../shared/use-scene-run';
import { runStartMethods, type StartMethodsLive, type StartMethodsStage } from './run-start-methods';
import { goProgram, pythonProgram } from './start-methods-code';
import { startMethodsParams, type StartMethodsParams } from './start-methods-params';
import {
  CPYTHON_START_JOIN_MS,
  csvRows,
  formatLatency,
  latencyStats,
  type ColdStartSample,
  type LatencyStats,
  type StartMethodsResult,
} from './start-methods-result';
import { MainGuardLesson, StartMethodsExplanation } from './StartMethodsExplanation';

interface LiveView {
  stage: StartMethodsStage;
  sideEffectRuns: number;
  newWorkers: number;
  tasksRun: number;
  coldSamples: readonly ColdStartSample[];
  warmSamplesMs: readonly number[];
  poolStartupMs: number | null;
  current: string | null;
}

const CPYTHON_COLOR = '#a78bfa';
const COLD_COLOR = '#f472b6';
const WARM_COLOR = '#34d399';

/** At most `n` evenly spaced values, so hundreds of samples stay cheap to draw as dots. */
function spread(values: readonly number[], n = 60): number[] {
  if (values.length <= n) return [...values];
  return Array.from({ length: n }, (_, i) => values[Math.floor((i * values.length) / n)]!);
}

function chartRows(cold: readonly ColdStartSample[], warm: readonly number[]): StartLatencyRow[] {
  const rows: StartLatencyRow[] = (Object.entries(CPYTHON_START_JOIN_MS) as [string, number][]).map(([method, ms]) => ({
    key: `cpython-${method}`,
    label: `CPython ${method}`,
    note: 'start + join, reference',
    ms,
    color: CPYTHON_COLOR,
    reference: true,
  }));
  if (cold.length > 0) {
    const startJoin = cold.map((s) => s.startJoinMs);
    const first = cold.map((s) => s.coldStartMs);
    rows.push(
      { key: 'start-join', label: 'new worker', note: `start + join, median of ${cold.length}`, ms: latencyStats(startJoin).median, color: COLD_COLOR, samples: startJoin },
      { key: 'cold-start', label: 'new worker', note: 'to first instruction', ms: latencyStats(first).median, color: COLD_COLOR, samples: first },
    );
  }
  if (warm.length > 0) {
    rows.push({ key: 'warm', label: 'warm pool', note: `task dispatch, median of ${warm.length}`, ms: latencyStats(warm).median, color: WARM_COLOR, samples: spread(warm) });
  }
  return rows;
}

const STAGES: { stage: StartMethodsStage; label: string }[] = [
  { stage: 'cold', label: 'Cold starts' },
  { stage: 'pool-start', label: 'Starting the pool' },
  { stage: 'warm', label: 'Warm dispatches' },
  { stage: 'done', label: 'Done' },
];

function StageStrip({ view, params }: { view: LiveView | null; params: StartMethodsParams }) {
  const at = view ? STAGES.findIndex((s) => s.stage === view.stage) : -1;
  const detail = (stage: StartMethodsStage): string => {
    if (!view) return '';
    if (stage === 'cold') return `${view.coldSamples.length} of ${params.coldStarts}${view.current ? ` · ${view.current} starting` : ''}`;
    if (stage === 'pool-start') return view.poolStartupMs !== null ? `${params.poolSize} workers in ${formatLatency(view.poolStartupMs)}` : `${params.poolSize} workers`;
    if (stage === 'warm') return `${Math.max(0, view.tasksRun - view.coldSamples.length)} of ${params.warmDispatches}`;
    return '';
  };
  return (
    <ol className="grid gap-2 sm:grid-cols-4" aria-label="Stages of the run" data-testid="start-stages">
      {STAGES.map((s, i) => (
        <li
          key={s.stage}
          aria-current={i === at ? 'step' : undefined}
          className={`rounded-md border px-3 py-2 text-sm ${
            i === at
              ? 'border-sky-500 bg-sky-50 font-semibold dark:bg-sky-950'
              : i < at
                ? 'border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-300'
                : 'border-dashed border-slate-300 text-slate-500 dark:border-slate-700 dark:text-slate-400'
          }`}
        >
          <span className="block">
            {i + 1}. {s.label}
          </span>
          <span className="block text-xs font-normal tabular-nums">{detail(s.stage)}</span>
        </li>
      ))}
    </ol>
  );
}

function StatsTable({ result }: { result: StartMethodsResult }) {
  const rows: [string, LatencyStats, number][] = [
    ['new worker → first instruction', result.coldStartMs, result.coldSamples.length],
    ['new worker: start + join', result.startJoinMs, result.coldSamples.length],
    ['  of which: module load in the worker', result.moduleLoadMs, result.coldSamples.length],
    ['task to the warm pool (apply round trip)', result.warmDispatchMs, result.warmSamplesMs.length],
  ];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid="start-stats-table">
        <caption className="pb-1 text-left text-sm text-slate-600 dark:text-slate-300">
          Measured here ({result.cores} cores). Pool of {result.poolSize} started in {formatLatency(result.poolStartupMs)}, all
          workers in parallel.
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left dark:border-slate-700">
            <th scope="col" className="px-2 py-1 font-medium">
              measurement
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              samples
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              median
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              min
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              p90
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              max
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, s, n]) => (
            <tr key={label} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="whitespace-pre px-2 py-1 text-left font-normal">
                {label}
              </th>
              <td className="px-2 py-1">{n}</td>
              <td className="px-2 py-1 font-semibold">{formatLatency(s.median)}</td>
              <td className="px-2 py-1">{formatLatency(s.min)}</td>
              <td className="px-2 py-1">{formatLatency(s.p90)}</td>
              <td className="px-2 py-1">{formatLatency(s.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The median cold start split into its phases, as one stacked bar. */
function ColdStartPhases({ result }: { result: StartMethodsResult }) {
  const load = Math.max(0, result.moduleLoadMs.median);
  const boot = Math.max(0, result.coldStartMs.median - load);
  const rest = Math.max(0, result.startJoinMs.median - result.coldStartMs.median);
  const total = load + boot + rest || 1;
  const parts = [
    { label: 'spawn + load the modules', ms: load, color: 'bg-pink-400' },
    { label: 'boot message, arguments', ms: boot, color: 'bg-amber-400' },
    { label: 'task, exit, join', ms: rest, color: 'bg-sky-400' },
  ];
  return (
    <figure className="m-0 space-y-1" data-testid="cold-start-phases">
      <figcaption className="text-sm font-medium">Where a cold start goes (medians)</figcaption>
      <div className="flex h-7 overflow-hidden rounded-md" role="img" aria-label={parts.map((p) => `${p.label} ${formatLatency(p.ms)}`).join(', ')}>
        {parts.map((p) => (
          <div key={p.label} className={p.color} style={{ width: `${(p.ms / total) * 100}%` }} />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {parts.map((p) => (
          <li key={p.label} className="inline-flex items-center gap-1.5">
            <span className={`inline-block h-3 w-3 rounded-sm ${p.color}`} aria-hidden="true" />
            {p.label}: <strong className="tabular-nums">{formatLatency(p.ms)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export default function StartMethodsScene({ params, setParams }: SceneProps<typeof startMethodsParams>) {
  const liveRef = useRef<StartMethodsLive | null>(null);
  const [view, setView] = useState<LiveView | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const runner = useCallback(
    (p: StartMethodsParams, ctx: RunContext) =>
      runStartMethods(p, ctx, {
        onLive: (live) => {
          liveRef.current = live;
        },
      }),
    [],
  );
  const run = useSceneRun<StartMethodsParams, StartMethodsResult>('start-methods', runner);
  const running = run.status === 'running';
  const result = running ? null : run.result;

  const sample = useCallback(() => {
    const live = liveRef.current;
    if (!live) return;
    setView({
      stage: live.stage,
      sideEffectRuns: live.readSideEffectRuns(),
      newWorkers: live.newWorkers,
      tasksRun: live.tasksRun,
      coldSamples: live.coldSamples,
      warmSamplesMs: live.warmSamplesMs,
      poolStartupMs: live.poolStartupMs,
      current: live.current?.name ?? null,
    });
  }, []);
  useAnimationFrame(sample, running);

  const start = async () => {
    liveRef.current = null;
    setView(null);
    await run.start(params);
    sample();
  };
  const reset = async () => {
    await run.reset();
    liveRef.current = null;
    setView(null);
  };

  const cold = result?.coldSamples ?? view?.coldSamples ?? [];
  const warm = result?.warmSamplesMs ?? view?.warmSamplesMs ?? [];
  const listings = useMemo(
    () => [
      { label: 'Python', code: pythonProgram(params), note: 'Runnable with python3: every start method your platform has, and a warm Pool.' },
      { label: 'Go', code: goProgram(params), note: 'Runnable with go build: a new process, a goroutine, a task to a running goroutine.' },
      { label: 'JavaScript', code: startMethodTaskSource, note: 'The worker module this scene runs (src/runtime/tasks/start-method-tasks.ts), top-level side effect included.' },
    ],
    [params],
  );

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Experiment settings">
          <ParamControls schema={startMethodsParams} values={params} onChange={setParams} disabled={running} />
          <p className="text-sm text-slate-600 dark:text-slate-300">
            First, <strong>cold starts</strong>: a new worker per task, started and joined one after another. Then a{' '}
            <strong>warm pool</strong>: workers started once, handed tasks one at a time. CPython’s figures for its three start
            methods are drawn beside ours.
          </p>
          <details className="text-sm text-slate-600 dark:text-slate-300">
            <summary className="cursor-pointer font-medium">Things to try</summary>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              <li>50 cold starts: the dots spread; the first few are often slower (nothing cached yet).</li>
              <li>Pool size 8 on 2 cores: the pool takes longer to start, a dispatch costs the same.</li>
              <li>Compare the counters: new workers = top-level runs, however many tasks ran.</li>
            </ul>
          </details>
        </aside>

        <div className="min-w-0 space-y-4">
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={() => void start()}
            onStop={() => void run.stop()}
            onReset={() => void reset()}
          />
          <StageStrip view={view} params={params} />

          <section aria-labelledby="start-latency-title" className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="start-latency-title" className="text-base font-semibold">
                Cold start vs warm dispatch, beside CPython
              </h2>
              {result && (
                <ExportButtons basename="start-methods" json={result} csvRows={() => csvRows(result)} chart={() => svgRef.current} />
              )}
            </div>
            <StartLatencyBars
              rows={chartRows(cold, warm)}
              title="Time until the code runs"
              svgRef={svgRef}
              testId="start-latency-chart"
            />
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Hatched: CPython 3.11 on a 2-core Linux machine, <code>Process</code> start + join per process. Solid: measured now,
              in this browser; dots are the individual samples.
            </p>
            {result && (
              <p className="text-base" data-testid="start-summary">
                A new worker here: {formatLatency(result.startJoinMs.median)} to start and join (CPython spawn: 68 ms, fork: 3.3 ms).
                A task to the warm pool: {formatLatency(result.warmDispatchMs.median)}, about{' '}
                <strong>{Math.round(result.startJoinMs.median / result.warmDispatchMs.median).toLocaleString('en-US')}×</strong> cheaper
                than starting a worker for it.
              </p>
            )}
          </section>

          {result && (
            <section aria-label="Measurements" className="space-y-4">
              <ColdStartPhases result={result} />
              <StatsTable result={result} />
            </section>
          )}
        </div>
      </div>

      <MainGuardLesson result={result} liveRuns={view?.sideEffectRuns ?? null} liveWorkers={view?.newWorkers ?? null} />
      <StartMethodsExplanation />
      <CodePanel listings={listings} title="The same experiment in Python, Go and the worker module" />
    </div>
  );
}
