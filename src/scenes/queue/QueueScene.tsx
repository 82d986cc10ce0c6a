/**
 * The queue scene: producers and consumers on real workers around one Queue. Controls on the
 * left; the live picture (tokens on a canvas), main's log, results, charts, the lesson of the
 * chosen pattern and the programs (Python / Go / JavaScript) below.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { processColor } from '../../charts/process-colors';
import { SeriesTimeline, type TimelineSnapshot } from '../../charts/series-timeline';
import { StateLanes, type LaneStateStyle, type StateSegment } from '../../charts/state-lanes';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { defaults } from '../shared/params';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { queueListings } from './queue-code';
import { QueueLesson } from './QueueLesson';
import {
  PATTERN_INFO,
  queueParams,
  reconcileQueueParams,
  resolveQueueWork,
  type QueueParams,
} from './queue-params';
import { queueCsvRows, type QueueResult } from './queue-result';
import { QueueResults } from './QueueResults';
import { runQueue, type QueueLiveView, type QueueNote } from './run-queue';
import { useQueueLive, type QueueLive } from './use-queue-live';

const PRESETS: { label: string; patch: Partial<QueueParams> }[] = [
  { label: 'Watch it flow', patch: {} },
  {
    label: 'Stress: 4 × 4, 200,000 items',
    patch: {
      producers: 4,
      consumers: 4,
      items: 200_000,
      maxsize: 256,
      produceUs: 0,
      consumeUs: 0,
      payloadBytes: 0,
    },
  },
  {
    label: 'Forget a sentinel',
    patch: { pattern: 'sentinel', forgetSentinel: true, consumers: 3, rendezvous: false },
  },
  {
    label: 'empty() races',
    patch: { pattern: 'empty-poll', forgetSentinel: false, consumers: 4, produceUs: 1_500, consumeUs: 400 },
  },
  {
    label: 'JoinableQueue = WaitGroup',
    patch: { pattern: 'joinable', forgetSentinel: false, rendezvous: false },
  },
  {
    label: 'Rendezvous (Go unbuffered)',
    patch: { rendezvous: true, pattern: 'sentinel', forgetSentinel: false },
  },
  {
    label: 'Slow consumers: queue fills',
    patch: { producers: 3, consumers: 1, maxsize: 16, produceUs: 500, consumeUs: 3_000 },
  },
];

const LANE_STATES: LaneStateStyle[] = [
  { key: 'starting', label: 'starting', color: '#94a3b8', draw: 'thin' },
  { key: 'working', label: 'working', color: 'process', draw: 'solid' },
  { key: 'polling', label: 'polling empty()', color: '#a78bfa', draw: 'solid' },
  { key: 'blocked-put', label: 'blocked in put(): queue full', color: '#ef4444', draw: 'hatch' },
  { key: 'waiting-get', label: 'waiting in get(): queue empty', color: '#f59e0b', draw: 'hatch' },
  { key: 'hung', label: 'waits forever', color: '#b91c1c', draw: 'solid' },
  { key: 'done', label: 'exited', color: '#94a3b8', draw: 'none' },
];

/* The lesson does not change while a run is live; the scene re-renders a few times a second then. */
const MemoQueueLesson = memo(QueueLesson);

export default function QueueScene({ params, setParams }: SceneProps<typeof queueParams>) {
  const [notes, setNotes] = useState<QueueNote[]>([]);
  const [comboMessage, setComboMessage] = useState<string | null>(null);
  const depthChart = useRef<TimelineSnapshot | null>(null);
  // The runner is created before the live picture's hook (which needs the run's status), so it
  // reaches `attach` through a ref set in an effect.
  const attachRef = useRef<(view: QueueLiveView) => void>(() => undefined);
  const runner = useCallback(
    (p: QueueParams, ctx: RunContext) =>
      runQueue(p, ctx, {
        onStart: (view) => attachRef.current(view),
        onNote: (note) => setNotes((all) => [...all, note]),
      }),
    [],
  );
  const run = useSceneRun<QueueParams, QueueResult>('queue', runner);
  const { attach, drawIdle, canvasRef, series: s, lastFrame } = useQueueLive(run.status === 'running');
  useEffect(() => {
    attachRef.current = attach;
  }, [attach]);

  const update = useCallback(
    (next: QueueParams) => {
      const { params: fixed, message } = reconcileQueueParams(next);
      setComboMessage(message);
      setParams(fixed);
    },
    [setParams],
  );
  const start = () => {
    setNotes([]);
    void run.start(params);
  };

  // Before any run, draw the empty stage for the chosen numbers of processes.
  useEffect(() => {
    if (run.status === 'idle') drawIdle(params.producers, params.consumers);
  }, [run.status, params.producers, params.consumers, drawIdle]);

  const listings = useMemo(() => queueListings(params), [params]);
  const work = useMemo(() => resolveQueueWork(params), [params]);
  const autoValues = useMemo(() => ({ produceUs: work.produceUs, consumeUs: work.consumeUs }), [work]);
  const result = run.result;
  const running = run.status === 'running';
  const depthPoints = result && !running ? result.depthSeries : s.depth;
  const throughputPoints = result && !running ? result.throughputSeries : s.throughput;
  const capacity = params.rendezvous ? 0 : params.maxsize;
  // Before the first sample, the lanes of the processes the run will start (empty), so the chart
  // has its height before the run does.
  const plannedLabels = useMemo(
    () => [
      ...Array.from({ length: params.producers }, (_, i) => `Producer-${i + 1}`),
      ...Array.from({ length: params.consumers }, (_, i) => `Consumer-${i + 1}`),
    ],
    [params.producers, params.consumers],
  );

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(18rem,24rem)_1fr]">
        <section
          aria-label="Settings"
          className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <div>
            <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              Try
            </h2>
            <div className="flex flex-wrap gap-1.5" role="group" aria-label="Presets">
              {PRESETS.map((preset) => (
                <button
                  key={preset.label}
                  type="button"
                  disabled={running}
                  onClick={() => update({ ...defaults(queueParams), ...preset.patch })}
                  className="rounded-full border border-slate-300 px-3 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  {preset.label}
                </button>
              ))}
            </div>
          </div>
          <ParamControls
            schema={queueParams}
            values={params}
            onChange={update}
            disabled={running}
            autoValues={autoValues}
          />
          {comboMessage && (
            <p role="status" className="text-xs text-amber-700 dark:text-amber-300">
              {comboMessage}
            </p>
          )}
          <p className="text-sm text-slate-600 dark:text-slate-300">{PATTERN_INFO[params.pattern].short}</p>
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={start}
            onStop={run.stop}
            onReset={() => void run.reset()}
          />
        </section>

        <section
          aria-label="Live picture"
          className="space-y-3 self-start rounded-xl border border-slate-200 p-4 lg:sticky lg:top-24 dark:border-slate-800"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">Producers → Queue → consumers</h2>
            <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="token-scale">
              {s.scale > 1
                ? `sampled flow: 1 token = ${s.scale.toLocaleString('en-US')} items`
                : '1 token = 1 item'}{' '}
              · ⊘ = sentinel (None)
            </p>
          </div>
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={flowDescription(lastFrame, params)}
            data-testid="queue-canvas"
            className="block w-full text-slate-700 dark:text-slate-200"
          />
          <MainLog notes={notes} />
        </section>
      </div>

      {result && !running && (
        <section aria-label="Results" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Results</h2>
            <ExportButtons
              basename="queue"
              json={result}
              csvRows={() => queueCsvRows(result)}
              chart={() => depthChart.current?.() ?? null}
            />
          </div>
          <QueueResults result={result} />
        </section>
      )}

      <MemoQueueCharts
        depthPoints={depthPoints}
        throughputPoints={throughputPoints}
        capacity={capacity}
        laneLabels={s.laneLabels.length > 0 ? s.laneLabels : plannedLabels}
        lanes={s.lanes}
        elapsedMs={s.elapsedMs}
        depthChart={depthChart}
      />

      <div className="grid gap-6 xl:grid-cols-2">
        <MemoQueueLesson params={params} result={running ? null : result} />
        <CodePanel listings={listings} title="The program" />
      </div>
    </div>
  );
}

/**
 * The live charts. Memoised: while a run is live the scene re-renders for its progress too, and
 * the charts need to only when the series do (a few times a second), each time costing the main
 * thread while every core is busy with workers.
 */
const MemoQueueCharts = memo(function QueueCharts({
  depthPoints,
  throughputPoints,
  capacity,
  laneLabels,
  lanes,
  elapsedMs,
  depthChart,
}: {
  depthPoints: readonly (readonly [number, number])[];
  throughputPoints: readonly (readonly [number, number])[];
  capacity: number;
  laneLabels: readonly string[];
  lanes: readonly (readonly StateSegment[])[];
  elapsedMs: number;
  depthChart: RefObject<TimelineSnapshot | null>;
}) {
  const laneRows = useMemo(
    () => laneLabels.map((label, i) => ({ label, color: laneColor(label), segments: lanes[i] ?? [] })),
    [laneLabels, lanes],
  );
  // Before a run, a second: an axis of "0 s" ticks would say nothing.
  const laneDomain = useMemo(() => [0, elapsedMs > 0 ? elapsedMs : 1_000] as const, [elapsedMs]);
  return (
    <section aria-label="Charts" className="grid gap-6 xl:grid-cols-2">
      <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <h3 className="mb-2 font-semibold">Queue depth over time</h3>
        <SeriesTimeline
          testId="depth-chart"
          snapshotRef={depthChart}
          title="Queue depth over time"
          yLabel="items in the queue"
          series={[
            {
              key: 'depth',
              label: 'depth',
              color: '#38bdf8',
              points: depthPoints,
              filled: true,
              stepped: true,
            },
          ]}
          references={capacity > 0 ? [{ value: capacity, label: `maxsize ${capacity}` }] : []}
        />
      </div>
      <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <h3 className="mb-2 font-semibold">Throughput (items consumed per second)</h3>
        <SeriesTimeline
          testId="throughput-chart"
          title="Items consumed per second over time"
          yLabel="items / s"
          series={[{ key: 'rate', label: 'consumed / s', color: '#a3e635', points: throughputPoints }]}
        />
      </div>
      <div className="rounded-xl border border-slate-200 p-4 xl:col-span-2 dark:border-slate-800">
        <h3 className="mb-2 font-semibold">Per-process lanes</h3>
        <div className="relative">
          {/* Always mounted: its canvas belongs to a painter worker, which a remount would replace. */}
          <StateLanes
            testId="queue-lanes"
            title="What each process did over time"
            lanes={laneRows}
            states={LANE_STATES}
            domain={laneDomain}
          />
          {/* Over the empty lanes rather than under them: the page does not move when it goes. */}
          {lanes.length === 0 && (
            <p className="pointer-events-none absolute inset-0 flex items-center justify-center">
              <span className="rounded bg-white/90 px-2 py-1 text-sm text-slate-500 dark:bg-slate-950/90 dark:text-slate-400">
                Run to see each process's lane.
              </span>
            </p>
          )}
        </div>
      </div>
    </section>
  );
});

function laneColor(label: string): string {
  const match = /^Producer-(\d+)$/.exec(label);
  return match ? processColor(Number(match[1]) - 1) : '#94a3b8';
}

function flowDescription(frame: QueueLive['lastFrame'], params: QueueParams): string {
  if (!frame)
    return `${params.producers} producers and ${params.consumers} consumers around one queue; run to see items flow.`;
  const blocked = frame.flow.producers.filter((p) => p.look === 'blocked').length;
  const waiting = frame.flow.consumers.filter((c) => c.look === 'waiting').length;
  const hung = frame.flow.consumers.findIndex((c) => c.look === 'hung');
  return (
    `Queue depth ${frame.flow.depth}; ${frame.produced} items put, ${frame.consumed} taken; ` +
    `${blocked} producers blocked on a full queue, ${waiting} consumers waiting on an empty one` +
    (hung >= 0 ? `; Consumer-${hung + 1} waits forever.` : '.')
  );
}

function MainLog({ notes }: { notes: readonly QueueNote[] }) {
  if (notes.length === 0) return null;
  const tone = {
    info: 'text-slate-700 dark:text-slate-200',
    warn: 'text-amber-700 dark:text-amber-300',
    error: 'font-semibold text-rose-700 dark:text-rose-300',
  };
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-500 dark:text-slate-400">What main did</h3>
      <ol className="mt-1 max-h-48 space-y-1 overflow-auto text-sm" data-testid="main-log" aria-live="polite">
        {notes.map((n, i) => (
          <li key={i} className={tone[n.tone]}>
            <span className="mr-2 font-mono text-xs text-slate-500 dark:text-slate-400">
              {(n.tMs / 1000).toFixed(2)} s
            </span>
            {n.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
