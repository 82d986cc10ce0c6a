/**
 * Live mode: real workers racing on real cores. Settings and Run on the left; the live picture
 * (sampled from telemetry once per frame), the results per repeat, the explanation and the code.
 */
import { useCallback, useRef, useState } from 'react';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import { ExportButtons } from '../shared/ExportButtons';
import type { RunContext } from '../shared/scene-definition';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { useSceneRun } from '../shared/use-scene-run';
import { takeSnapshot, type EventCursor } from '../../telemetry';
import { ExplanationPanel } from './ExplanationPanel';
import { LivePicturePanel } from './LivePicturePanel';
import { advance, completeRepeat, emptyPicture, type LivePicture } from './live-picture';
import { RaceCode } from './RaceCode';
import { explainRace, type ThroughputByMode } from './race-explanation';
import { raceParams, raceSettings, usesBatch, type RaceParams } from './race-params';
import { raceCsvRows, type RaceResult, type RaceRun } from './race-result';
import { ResultsPanel } from './ResultsPanel';
import { runRace, type RaceObserver, type RepeatLive } from './run-race';
import { sampleRepeat } from './sample-race';

interface LiveRepeatState {
  live: RepeatLive;
  cursor: EventCursor | undefined;
}

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
  const [picture, setPicture] = useState<LivePicture | null>(null);
  const [runsSoFar, setRunsSoFar] = useState<RaceRun[]>([]);
  const [measured, setMeasured] = useState<Record<string, ThroughputByMode>>({});
  const [ranWith, setRanWith] = useState(settings);
  const current = useRef<LiveRepeatState | null>(null);
  const t0 = useRef(0);

  // The observer lives as long as the component; runRace calls it from the run's async flow.
  const observer = useRef<RaceObserver>({
    repeatStarted(live) {
      current.current = { live, cursor: undefined };
    },
    repeatEnded(run) {
      current.current = null;
      const t = performance.now() - t0.current;
      setRunsSoFar((runs) => [...runs, run]);
      setPicture((p) => p && completeRepeat(p, run.repeat, run.final + run.lostUpdates, run.final, t));
    },
  });
  const runner = useCallback((p: RaceParams, ctx: RunContext) => runRace(p, ctx, observer.current), []);
  const run = useSceneRun<RaceParams, RaceResult>('race', runner);
  const running = run.status === 'running';

  useAnimationFrame(() => {
    const repeat = current.current;
    if (!repeat) return;
    const { live } = repeat;
    const snapshot = takeSnapshot({ since: repeat.cursor });
    repeat.cursor = snapshot.cursor;
    const sample = sampleRepeat(
      { repeat: live.repeat, pids: live.processes.map((p) => p.pid), lockId: live.lock?.id ?? null },
      snapshot,
      live.readCounter(),
      performance.now() - t0.current,
    );
    setPicture((p) => (p ? advance(p, sample) : p));
  }, running);

  const start = async () => {
    const startedWith = settings;
    setRanWith(startedWith);
    setRunsSoFar([]);
    setPicture(emptyPicture(startedWith.processes));
    current.current = null;
    t0.current = performance.now();
    const result = await run.start(params);
    if (result) {
      const key = `${result.processes}×${result.increments}`;
      setMeasured((m) => ({ ...m, [key]: { ...m[key], [result.sync]: result.incrementsPerSec } }));
    }
  };

  const reset = async () => {
    await run.reset();
    current.current = null;
    setPicture(null);
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
          <LivePicturePanel settings={ranWith} picture={picture} running={running} />
        </div>
      </div>
      <div className="grid gap-5 xl:grid-cols-2 [&>*]:min-w-0">
        <ExplanationPanel blocks={blocks} />
        <RaceCode settings={settings} />
      </div>
    </div>
  );
}
