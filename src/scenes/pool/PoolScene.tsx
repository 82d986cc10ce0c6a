/**
 * The pool scene: run the speedup experiment, watch chunks being dealt to workers, read the
 * chart, the overhead split and the table; compare with earlier runs, CPython and Go; then try
 * Pool's semantics in the demos below.
 */
import { memo, startTransition, useCallback, useMemo, useRef, useState } from 'react';
import { WorkerChunkLanes } from '../../charts/worker-chunk-lanes';
import { CodePanel } from '../shared/CodePanel';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { sampleChunkLanes } from './chunk-lane-sampler';
import { CpythonFigures } from './CpythonFigures';
import { experimentListings } from './experiment-listings';
import { cpuCount } from './pool-driver';
import { clampSize, poolParams, WORKLOAD_INFO, type PoolParams } from './pool-params';
import type { PoolResult } from './pool-result';
import { ResultsPanel } from './ResultsPanel';
import { RunHistory } from './RunHistory';
import { useRunHistory } from './run-history';
import { runPoolExperiment, type ExperimentCall } from './run-experiment';
import { SceneNotes } from './SceneNotes';
import { SemanticsDemos } from './SemanticsDemos';

/*
 * Progress re-renders the scene many times a second while every core is busy with workers; the
 * long code listings and the demos do not change then, so they skip those renders.
 */
const ExperimentCode = memo(function ExperimentCode({ params }: { params: PoolParams }) {
  const listings = useMemo(() => experimentListings(params), [params]);
  return <CodePanel listings={listings} title="The same experiment in Python and Go" />;
});
const MemoCpythonFigures = memo(CpythonFigures);
const MemoSemanticsDemos = memo(SemanticsDemos);

export default function PoolScene({ params, setParams }: SceneProps<typeof poolParams>) {
  const { params: effective, message: sizeMessage } = useMemo(() => clampSize(params), [params]);
  const [partial, setPartial] = useState<PoolResult | null>(null);
  // Bumped by Reset: remounting the lanes clears their picture.
  const [lanesKey, setLanesKey] = useState(0);
  const callRef = useRef<ExperimentCall | null>(null);
  const addToHistory = useRunHistory((s) => s.add);

  const runner = useCallback(
    (p: PoolParams, ctx: RunContext) =>
      runPoolExperiment(p, ctx, {
        onCall: (call) => {
          callRef.current = call;
        },
        // A transition: React renders the new chart in slices, so the page keeps its frames
        // while every core is busy with workers.
        onPartial: (next) => startTransition(() => setPartial(next)),
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
  const sample = useCallback((finishedFrom: number) => sampleChunkLanes(callRef.current, finishedFrom), []);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Experiment settings">
          <ParamControls schema={poolParams} values={params} onChange={setParams} disabled={running} />
          {sizeMessage && (
            <p
              role="status"
              className="text-sm text-amber-700 dark:text-amber-300"
              data-testid="pool-size-message"
            >
              {sizeMessage}
            </p>
          )}
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {WORKLOAD_INFO[effective.workload].explanation}
          </p>
          <SceneNotes />
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
            <WorkerChunkLanes
              key={lanesKey}
              sample={sample}
              active={running}
              rows={Math.max(...effective.poolSizes)}
            />
          </section>
          <ResultsPanel result={shown} running={running} workload={effective.workload} cores={cpuCount()} />
          <RunHistory />
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <ExperimentCode params={effective} />
        <MemoCpythonFigures result={shown} />
      </div>

      <MemoSemanticsDemos />
    </div>
  );
}
