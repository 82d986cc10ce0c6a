/**
 * Live mode: real workers racing on real cores. Settings and Run on the left; the live picture
 * (sampled from telemetry once per frame), the results per repeat, the explanation and the code.
 */
import { useCallback, useState } from 'react';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import { ExportButtons } from '../shared/ExportButtons';
import type { RunContext } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { ExplanationPanel } from './ExplanationPanel';
import { LivePicturePanel } from './LivePicturePanel';
import { LivePictureStore } from './live-picture-store';
import { RaceCode } from './RaceCode';
import { explainRace, type ThroughputByMode } from './race-explanation';
import { raceParams, raceSettings, usesBatch, type RaceParams } from './race-params';
import { raceCsvRows, type RaceResult, type RaceRun } from './race-result';
import { ResultsPanel } from './ResultsPanel';
import { runRace } from './run-race';

const cores =
  typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;

export function LiveView({
  params,
  setParams,
}: {
  params: RaceParams;
  setParams: (next: RaceParams) => void;
}) {
  const settings = raceSettings(params);
  const [runsSoFar, setRunsSoFar] = useState<RaceRun[]>([]);
  const [measured, setMeasured] = useState<Record<string, ThroughputByMode>>({});
  const [ranWith, setRanWith] = useState(settings);
  // The picture changes every frame; it lives in its own store so only the picture re-renders.
  const [store] = useState(() => new LivePictureStore());

  const runner = useCallback(
    (p: RaceParams, ctx: RunContext) =>
      runRace(p, ctx, {
        repeatStarted: store.observer.repeatStarted,
        repeatEnded: (run) => {
          store.observer.repeatEnded?.(run);
          setRunsSoFar((runs) => [...runs, run]);
        },
      }),
    [store],
  );
  const run = useSceneRun<RaceParams, RaceResult>('race', runner);
  const running = run.status === 'running';

  const start = async () => {
    const startedWith = settings;
    setRanWith(startedWith);
    setRunsSoFar([]);
    store.begin(startedWith.processes);
    const result = await run.start(params);
    if (result) {
      const key = `${result.processes}×${result.increments}`;
      setMeasured((m) => ({ ...m, [key]: { ...m[key], [result.sync]: result.incrementsPerSec } }));
    }
  };

  const reset = async () => {
    await run.reset();
    store.clear();
    setRunsSoFar([]);
  };

  const result = run.result;
  const runs = running || !result ? runsSoFar : result.runs;
  const blocks = explainRace(settings, {
    result,
    measured: measured[`${settings.processes}×${settings.increments}`],
    cores,
  });
  const controls = [
    'processes',
    'increments',
    ...(usesBatch(params.sync) ? (['batch'] as const) : []),
    'repeats',
  ] as const;

  return (
    <div className="space-y-5">
      <div className="grid gap-5 xl:grid-cols-[22rem_1fr]">
        <section
          aria-labelledby="race-settings"
          className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="race-settings" className="text-lg font-semibold">
            Experiment
          </h2>
          <ParamControls
            schema={raceParams}
            values={params}
            onChange={setParams}
            disabled={running}
            only={controls}
          />
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={() => void start()}
            onStop={() => void run.stop()}
            onReset={() => void reset()}
            runLabel={settings.repeats === 1 ? 'Run' : `Run ${settings.repeats} repeats`}
          />
          <ExportButtons
            basename={`race-${result?.sync ?? settings.sync}-${result?.processes ?? settings.processes}x${result?.increments ?? settings.increments}`}
            json={result}
            csvRows={() => (result ? raceCsvRows(result) : [])}
          />
        </section>
        <div className="min-w-0 space-y-5">
          <ResultsPanel settings={ranWith} runs={runs} result={running ? null : result} />
          <LivePicturePanel settings={ranWith} store={store} running={running} />
        </div>
      </div>
      <div className="grid gap-5 xl:grid-cols-2 [&>*]:min-w-0">
        <ExplanationPanel blocks={blocks} />
        <RaceCode settings={settings} />
      </div>
    </div>
  );
}
