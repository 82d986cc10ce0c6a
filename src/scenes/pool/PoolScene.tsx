/**
 * The pool scene: run the speedup experiment, watch chunks being dealt to workers, read the
 * chart, the overhead split and the table; compare with earlier runs, CPython and Go; then try
 * Pool's semantics in the demos below.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { SpeedupChart, type SpeedupChartPoint } from '../../charts/speedup-chart';
import { svgToPngBlob } from '../../charts/svg-to-png';
import { TimeBreakdownChart } from '../../charts/time-breakdown';
import { WorkerChunkLanes } from '../../charts/worker-chunk-lanes';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { downloadBlob } from '../shared/export';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { sampleChunkLanes } from './chunk-lane-sampler';
import { cpuCount } from './pool-driver';
import { CpythonFigures } from './CpythonFigures';
import { experimentListings } from './experiment-listings';
import { clampSize, poolParams, WORKLOAD_INFO, type PoolParams } from './pool-params';
import type { PoolResult } from './pool-result';
import { resultRows } from './result-rows';
import { ResultsTable } from './ResultsTable';
import { RunHistory } from './RunHistory';
import { useRunHistory } from './run-history';
import { runPoolExperiment, type ExperimentCall } from './run-experiment';
import { SemanticsDemos } from './SemanticsDemos';

function chartPoints(r: PoolResult): SpeedupChartPoint[] {
  return r.points.map((p) => ({
    poolSize: p.poolSize,
    speedup: p.speedup,
    // The slowest repeat gives the lowest speedup.
    low: r.serialMs / p.maxMs,
    high: r.serialMs / p.minMs,
    efficiency: p.efficiency,
  }));
}

export default function PoolScene({ params, setParams }: SceneProps<typeof poolParams>) {
  const { params: effective, message: sizeMessage } = clampSize(params);
  const [partial, setPartial] = useState<PoolResult | null>(null);
  // Bumped by Reset: remounting the lanes clears their picture.
  const [lanesKey, setLanesKey] = useState(0);
  const callRef = useRef<ExperimentCall | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const history = useRunHistory((s) => s.entries);
  const addToHistory = useRunHistory((s) => s.add);

  const runner = useCallback(
    (p: PoolParams, ctx: RunContext) =>
      runPoolExperiment(p, ctx, {
        onCall: (call) => {
          callRef.current = call;
        },
        onPartial: setPartial,
      }),
    [],
  );
  const run = useSceneRun<PoolParams, PoolResult>('pool', runner);
  const running = run.status === 'running';
  const shown = running ? partial : (run.result ?? partial);

  const start = async () => {
    setPartial(null);
    callRef.current = null;
    // The last call stays in callRef: the frozen lanes show how its chunks were dealt.
    const result = await run.start(effective);
    if (result) addToHistory(result);
  };
  const reset = async () => {
    await run.reset();
    setPartial(null);
    callRef.current = null;
    setLanesKey((k) => k + 1);
  };

  const sample = useCallback(() => sampleChunkLanes(callRef.current), []);
  const listings = useMemo(() => experimentListings(effective), [effective]);
  const info = WORKLOAD_INFO[effective.workload];
  const earlierRuns = history
    .filter((e) => e.overlay && e.result !== shown)
    .map((e) => ({ key: String(e.id), label: `#${e.id} ${e.label}`, points: e.result.points }));

  const exportPng = async () => {
    if (svgRef.current) downloadBlob(await svgToPngBlob(svgRef.current), 'pool-speedup.png');
  };

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Experiment settings">
          <ParamControls schema={poolParams} values={params} onChange={setParams} disabled={running} />
          {sizeMessage && (
            <p role="status" className="text-sm text-amber-700 dark:text-amber-300" data-testid="pool-size-message">
              {sizeMessage}
            </p>
          )}
          <p className="text-sm text-slate-600 dark:text-slate-300">{info.explanation}</p>
          <details className="text-sm text-slate-600 dark:text-slate-300">
            <summary className="cursor-pointer font-medium">Things to try</summary>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              <li>Size 5,000,000, cold pool: start-up dwarfs the work, as in CPython. Tick “warm pool” and run again.</li>
              <li>Tasks 256, chunksize 1 then 0: watch the lanes deal one range at a time, then in batches.</li>
              <li>Prime counting with tasks 0: the last range holds the biggest numbers, so one worker finishes last.</li>
              <li>I/O-like wait with pool sizes 1,4,8,16: speedup passes the core count, because waiting needs no core.</li>
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
          <section aria-labelledby="pool-lanes-title">
            <h2 id="pool-lanes-title" className="text-sm font-semibold">
              Chunks held by each worker (live)
            </h2>
            <WorkerChunkLanes key={lanesKey} sample={sample} active={running} />
          </section>
          <section aria-labelledby="pool-chart-title" className="max-w-4xl space-y-2">
            <h2 id="pool-chart-title" className="sr-only">
              Speedup
            </h2>
            <SpeedupChart
              points={shown ? chartPoints(shown) : []}
              cores={shown?.cores ?? cpuCount()}
              serialFraction={shown?.amdahlSerialFraction ?? null}
              cpuBound={WORKLOAD_INFO[shown?.workload ?? effective.workload].cpuBound}
              earlierRuns={earlierRuns}
              svgRef={svgRef}
            />
            {shown && (
              <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="pool-summary">
                Serial {shown.serialMs.toFixed(1)} ms. Amdahl fit:{' '}
                {shown.amdahlSerialFraction === null
                  ? 'needs a pool of more than one worker.'
                  : `serial fraction ${(shown.amdahlSerialFraction * 100).toFixed(1)}%, so no pool on any number of cores could beat ${
                      shown.amdahlSerialFraction > 0 ? `${(1 / shown.amdahlSerialFraction).toFixed(1)}×` : 'the ideal line'
                    } here.`}
              </p>
            )}
          </section>
          {shown && (
            <>
              <section aria-labelledby="pool-breakdown-title" className="max-w-4xl">
                <h2 id="pool-breakdown-title" className="text-sm font-semibold">
                  Where the time went (median per pool size)
                </h2>
                <TimeBreakdownChart
                  rows={[
                    { label: 'serial', startupMs: 0, dispatchMs: 0, computeMs: shown.serialMs, collectMs: 0 },
                    ...shown.points.map((p) => ({ label: `pool of ${p.poolSize}`, ...p.breakdown })),
                  ]}
                />
              </section>
              <ResultsSection result={shown} onExportPng={() => void exportPng()} running={running} />
            </>
          )}
          <RunHistory />
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <CodePanel listings={listings} title="The same experiment in Python and Go" />
        <CpythonFigures result={shown} />
      </div>

      <SemanticsDemos />
    </div>
  );
}

function ResultsSection({ result, running, onExportPng }: { result: PoolResult; running: boolean; onExportPng: () => void }) {
  return (
    <section aria-labelledby="pool-results-title" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="pool-results-title" className="text-sm font-semibold">
          Results
        </h2>
        {!running && (
          <div className="flex flex-wrap gap-2">
            <ExportButtons basename="pool-speedup" json={result} csvRows={() => resultRows(result)} />
            <button
              type="button"
              onClick={onExportPng}
              className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Export PNG
            </button>
          </div>
        )}
      </div>
      <ResultsTable result={result} />
    </section>
  );
}
