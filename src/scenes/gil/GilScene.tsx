/**
 * The GIL scene: run the same tasks on one thread, N threads sharing one GIL and N processes
 * with a GIL each; watch the GIL change hands live; read the speedups, the comparison table and
 * how the hand-off works; see the same program in Python and Go.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { GilSpeedupBars, type GilSpeedupGroup } from '../../charts/gil-speedup-bars';
import gilTaskSource from '../../runtime/tasks/gil-tasks.ts?raw';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { goProgram, pythonProgram } from './gil-code';
import { GilExplanation } from './GilExplanation';
import { GilLivePanel } from './GilLivePanel';
import { GIL_WORKLOAD_INFO, gilParams, type GilParams } from './gil-params';
import { csvRows, formatMs, formatSpeedup, type GilResult, type GilWorkloadResult } from './gil-result';
import { useGilSession } from './gil-session';
import { GilComparisonTable, GilWorkersTable } from './GilTables';
import { runGil } from './run-gil';
import { useGilLive } from './use-gil-live';

const THREADS_COLOR = '#f59e0b';
const PROCESSES_COLOR = '#38bdf8';

function speedupGroups(measurements: readonly GilWorkloadResult[]): GilSpeedupGroup[] {
  return measurements.map((m) => ({
    key: m.workload,
    label: GIL_WORKLOAD_INFO[m.workload].label,
    bars: (['threads', 'processes'] as const).map((mode) => ({
      key: mode,
      label: mode,
      speedup: m[mode].speedup,
      low: m.serialMs / m[mode].maxMs,
      high: m.serialMs / m[mode].minMs,
      color: mode === 'threads' ? THREADS_COLOR : PROCESSES_COLOR,
    })),
  }));
}

function Summary({ result }: { result: GilResult }) {
  const n = result.workers;
  const cpu = result.workload === 'cpu-bound';
  return (
    <p className="text-base text-slate-800 dark:text-slate-100" data-testid="gil-summary">
      {GIL_WORKLOAD_INFO[result.workload].label}: one thread {formatMs(result.serialMs)}; {n} threads{' '}
      {formatMs(result.threads.ms)} (<strong>{formatSpeedup(result.threads.speedup)}</strong>); {n} processes{' '}
      {formatMs(result.processes.ms)} (<strong>{formatSpeedup(result.processes.speedup)}</strong>).{' '}
      {cpu
        ? result.threads.speedup < 1.3 && n > 1
          ? 'The GIL let one thread compute at a time; the processes, with a GIL each, computed in parallel.'
          : ''
        : result.workload === 'io-bound'
          ? 'Waiting releases the GIL, so the threads overlapped their waits.'
          : 'Threads overlapped the waits but took turns computing.'}
      {n > result.cores && cpu ? ` Processes cannot beat ${result.cores}× on ${result.cores} cores.` : ''}
    </p>
  );
}

export default function GilScene({ params, setParams }: SceneProps<typeof gilParams>) {
  const [sampling, setSampling] = useState(false);
  const live = useGilLive(sampling);
  const [partial, setPartial] = useState<GilWorkloadResult[]>([]);
  const [sampleNote, setSampleNote] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = useGilSession((s) => s.rows);
  const addRows = useGilSession((s) => s.addRows);
  const clearRows = useGilSession((s) => s.clear);
  const { onPhase } = live;

  const runner = useCallback(
    (p: GilParams, ctx: RunContext) =>
      runGil(p, ctx, {
        onPhase,
        onSample: (workload, mode, repeat, sample) =>
          setSampleNote(`${GIL_WORKLOAD_INFO[workload].label}, repeat ${repeat + 1} of ${p.repeats}: ${mode} ${formatMs(sample.ms)}`),
        onWorkload: (m) => setPartial((list) => [...list.filter((x) => x.workload !== m.workload), m]),
      }),
    [onPhase],
  );
  const run = useSceneRun<GilParams, GilResult>('gil', runner);
  const running = run.status === 'running';
  const result = running ? null : run.result;
  const measurements = result ? result.measurements : partial;

  const start = async () => {
    setPartial([]);
    setSampleNote(null);
    live.reset();
    setSampling(true);
    const r = await run.start(params);
    setSampling(false);
    live.settle();
    if (r) addRows(r.table);
  };
  const reset = async () => {
    await run.reset();
    live.reset();
    setPartial([]);
    setSampleNote(null);
  };

  const listings = useMemo(
    () => [
      { label: 'Python', code: pythonProgram(params), note: 'Runnable with python3: threading vs multiprocessing, same tasks.' },
      { label: 'Go', code: goProgram(params), note: 'Runnable with go run: GOMAXPROCS(1) vs GOMAXPROCS(NumCPU).' },
      { label: 'JavaScript', code: gilTaskSource, note: 'The worker this scene runs (src/runtime/tasks/gil-tasks.ts): the GIL model itself.' },
    ],
    [params],
  );
  const info = GIL_WORKLOAD_INFO[params.workload];
  const visibleParams = (Object.keys(gilParams) as (keyof typeof gilParams)[]).filter(
    (name) => (name !== 'cpuWork' || info.usesCpuWork || params.compareAll) && (name !== 'ioMs' || info.usesIoMs || params.compareAll),
  );

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Experiment settings">
          <ParamControls schema={gilParams} values={params} onChange={setParams} disabled={running} only={visibleParams} />
          <p className="text-sm text-slate-600 dark:text-slate-300">
            <strong>{info.label}:</strong> each task is {info.task}. {info.explanation}
          </p>
          <details className="text-sm text-slate-600 dark:text-slate-300">
            <summary className="cursor-pointer font-medium">Things to try</summary>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              <li>CPU-bound, then switch interval 1 ms and 50 ms: the GIL changes hands more or less often, threads stay at 1×.</li>
              <li>Untick forced switching: one thread keeps the GIL and the other waits for most of the run.</li>
              <li>I/O-bound with 8 threads: 8× on any number of cores, because waiting needs no core.</li>
              <li>Mixed: threads land in between. Make the wait longer and they catch up with the processes.</li>
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
          {running && sampleNote && (
            <p className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
              {sampleNote}
            </p>
          )}
          <GilLivePanel picture={live.picture} workers={params.workers} />

          <section aria-labelledby="gil-speedup-title" className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="gil-speedup-title" className="text-base font-semibold">
                Speedup over one thread (median of {params.repeats}, whiskers: min–max)
              </h2>
              {result && (
                <ExportButtons basename={`gil-${result.workload}`} json={result} csvRows={() => csvRows(result)} chart={() => svgRef.current} />
              )}
            </div>
            <GilSpeedupBars
              groups={speedupGroups(measurements)}
              workers={result?.workers ?? params.workers}
              title={`Speedup over one thread with ${result?.workers ?? params.workers} threads or processes`}
              svgRef={svgRef}
              testId="gil-speedup-chart"
            />
            {result && <Summary result={result} />}
          </section>

          {result && result.workers > 1 && (
            <section aria-label="Per-worker results" className="grid gap-4 xl:grid-cols-2">
              <GilWorkersTable mode="threads" result={result.threads} />
              <GilWorkersTable mode="processes" result={result.processes} />
            </section>
          )}

          <section aria-labelledby="gil-table-title" className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="gil-table-title" className="text-base font-semibold">
                Threads or processes? The comparison table
              </h2>
              {rows.length > 0 && (
                <button
                  type="button"
                  onClick={clearRows}
                  disabled={running}
                  className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  Clear table
                </button>
              )}
            </div>
            <GilComparisonTable rows={rows} cores={result?.cores ?? navigator.hardwareConcurrency} />
          </section>
        </div>
      </div>

      <GilExplanation result={result} />

      <CodePanel listings={listings} title="The same experiment in Python, Go and the worker code" />
    </div>
  );
}
