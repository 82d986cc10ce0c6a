/**
 * The deadlock scene: run a scenario, watch its wait-for graph live (sampled from telemetry once
 * per frame), see the cycle named, read the log, then switch the fix on and run it again.
 * A deadlocked run stays stuck, as the real program would, until Stop or Reset terminates it.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { processColor } from '../../charts/process-colors';
import { WaitForGraphChart, WaitForGraphLegend, type GraphNode } from '../../charts/wait-for-graph';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { useSceneRun } from '../shared/use-scene-run';
import { deadlockListings } from './deadlock-listings';
import { deadlockParams, relevantParams, SCENARIO_INFO, type DeadlockParams } from './deadlock-params';
import type { DeadlockResult } from './deadlock-result';
import { runDeadlock } from './run-deadlock';
import { CONFIRM_MS, type WaitWatch, type WatchFrame } from './wait-watch';

interface Picture {
  frame: WatchFrame;
  watch: WaitWatch;
  logLength: number;
}

export default function DeadlockScene({ params, setParams }: SceneProps<typeof deadlockParams>) {
  const watchRef = useRef<WaitWatch | null>(null);
  const [picture, setPicture] = useState<Picture | null>(null);
  const [outcome, setOutcome] = useState<DeadlockResult | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const runner = useCallback(
    (p: DeadlockParams, ctx: RunContext) =>
      runDeadlock(p, ctx, {
        holdOnDeadlock: true,
        onWatch: (watch) => {
          watchRef.current = watch;
        },
        onOutcome: setOutcome,
      }),
    [],
  );
  const run = useSceneRun<DeadlockParams, DeadlockResult>('deadlock', runner);
  const running = run.status === 'running';

  // Sampled every frame, re-rendered only when what is drawn changed (a stuck graph is still).
  const shownSignature = useRef('');
  const sample = useCallback(() => {
    const watch = watchRef.current;
    if (!watch) return;
    const frame = watch.sample();
    const signature = frameSignature(frame, watch.log.length);
    if (signature === shownSignature.current) return;
    shownSignature.current = signature;
    setPicture({ frame, watch, logLength: watch.log.length });
  }, []);
  useAnimationFrame(sample, running);
  // One more picture after the run ends: the terminated processes, their exit codes.
  useEffect(() => {
    if (!running) sample();
  }, [running, outcome, sample]);

  const start = async () => {
    watchRef.current = null;
    shownSignature.current = '';
    setPicture(null);
    setOutcome(null);
    await run.start(params);
  };
  const reset = async () => {
    await run.reset();
    watchRef.current = null;
    shownSignature.current = '';
    setPicture(null);
    setOutcome(null);
  };

  const info = SCENARIO_INFO[params.scenario];
  const listings = useMemo(() => deadlockListings(params), [params]);
  const castOrder = picture?.watch.cast.order ?? [];
  const colorIndex = new Map(picture?.watch.cast.processes.map((p, i) => [`p:${p.pid}`, i]) ?? []);
  const nodes: GraphNode[] = (picture?.frame.nodes ?? []).map((n) => ({
    ...n,
    color: n.type === 'process' ? (n.ref === 0 ? '#64748b' : processColor(colorIndex.get(n.id) ?? 0)) : undefined,
  }));
  const detection = picture?.frame.detection ?? null;
  const center = castOrder.includes('p:0') ? null : 'p:0';

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Scenario settings">
          <ParamControls
            schema={deadlockParams}
            values={params}
            onChange={setParams}
            disabled={running}
            only={relevantParams(params.scenario)}
          />
          <div className="space-y-2 text-sm text-slate-700 dark:text-slate-200">
            <h2 className="font-semibold">{info.title}</h2>
            <p>{info.problem}</p>
            <p>
              <span className="font-semibold">The fix, {info.fixName(params.lockFix)}: </span>
              {info.fixExplanation(params.lockFix)}
            </p>
          </div>
          <details className="text-sm text-slate-600 dark:text-slate-300">
            <summary className="cursor-pointer font-medium">Things to try</summary>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              <li>Lock order, fix off: the two workers close a cycle of two in about {params.holdMs} ms. Then fix on.</li>
              <li>Lock order with the “timeout” fix: the cycle still forms, flashes red, and breaks itself; count the retries.</li>
              <li>Philosophers: 5 at the table, then the “order” fix: one philosopher reaches across, and the ring never closes.</li>
              <li>Join before drain with items ≤ maxsize: it completes even without the fix. The bug only bites when the data does not fit.</li>
              <li>Missing sentinel with 4 consumers: see which one is left waiting.</li>
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
            runLabel={params.fix ? 'Run with the fix' : 'Run'}
          />
          <Verdict running={running} status={run.status} frame={picture?.frame ?? null} outcome={outcome} onReset={() => void reset()} />
          <section aria-labelledby="wfg-title" className="space-y-2">
            <h2 id="wfg-title" className="text-sm font-semibold">
              Wait-for graph (live, from telemetry)
            </h2>
            {picture ? (
              <WaitForGraphChart
                nodes={nodes}
                edges={picture.frame.edges}
                ring={castOrder}
                center={center}
                cycle={picture.frame.cycle}
                confirmed={detection !== null}
                svgRef={svgRef}
              />
            ) : (
              <p className="rounded-md border border-dashed border-slate-300 p-6 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
                Press Run: each process and each lock or queue appears here, with an arrow for every wait.
              </p>
            )}
            <WaitForGraphLegend />
          </section>
          {picture && <ProcessTable picture={picture} />}
          {picture && <EventLog picture={picture} />}
          {outcome && (
            <ExportButtons
              basename={`deadlock-${outcome.scenario}${outcome.fix ? '-fixed' : ''}`}
              json={outcome}
              csvRows={() => outcome.processes.map((p) => ({ ...p, deadlocked: outcome.deadlocked, cycle: outcome.cycle.join(' → ') }))}
              chart={() => svgRef.current}
            />
          )}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <StaticCodePanel listings={listings} title={`${info.title}${params.fix ? ', fixed' : ''}: Python, Go, JavaScript`} />
        <HowDetected />
      </div>
    </div>
  );
}

function frameSignature(frame: WatchFrame, logLength: number): string {
  return JSON.stringify([
    frame.nodes.map((n) => [n.id, n.state, n.alive, n.exitCode, n.depth]),
    frame.edges,
    frame.cycle,
    frame.detection?.text ?? null,
    Math.floor(frame.cycleAgeMs / 50),
    frame.transientCycles,
    logLength,
  ]);
}

/** The code and the explanation do not change while a run draws: skip them on every frame. */
const StaticCodePanel = memo(CodePanel);

function Verdict({
  running,
  status,
  frame,
  outcome,
  onReset,
}: {
  running: boolean;
  status: string;
  frame: WatchFrame | null;
  outcome: DeadlockResult | null;
  onReset: () => void;
}) {
  const base = 'rounded-lg border px-4 py-3 text-base';
  if (outcome?.deadlocked) {
    const stuck = outcome.processes.filter((p) => p.exitCode === null || p.exitCode < 0).map((p) => p.name);
    return (
      <div
        role="alert"
        data-testid="deadlock-verdict"
        data-state="deadlocked"
        className={`${base} border-rose-400 bg-rose-50 text-rose-900 dark:border-rose-700 dark:bg-rose-950/60 dark:text-rose-100`}
      >
        <p className="text-lg font-semibold">
          Deadlock{outcome.kind === 'all-blocked' ? ' (everyone blocked)' : ''}: <span data-testid="deadlock-cycle">{outcome.cycleText}</span>
        </p>
        <p className="mt-1 text-sm">
          Named {outcome.detectedAfterMs?.toFixed(0)} ms after the cycle closed ({outcome.formedAfterMs?.toFixed(0)} ms into the run).{' '}
          {running
            ? `The processes will wait forever, as the Python program would. Reset (or Stop) terminates ${stuck.join(', ')}.`
            : `The stuck processes were terminated: ${outcome.processes.map((p) => `${p.name} ${p.exitCode}`).join(', ')}.`}
        </p>
        {running && (
          <button
            type="button"
            onClick={onReset}
            className="mt-2 rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-500"
          >
            Reset: terminate the stuck processes
          </button>
        )}
      </div>
    );
  }
  if (outcome?.completed) {
    return (
      <div
        role="status"
        data-testid="deadlock-verdict"
        data-state="completed"
        className={`${base} border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-100`}
      >
        <p className="text-lg font-semibold">Completed in {outcome.durationMs.toFixed(0)} ms: no deadlock.</p>
        <p className="mt-1 text-sm">
          Every process exited ({outcome.processes.map((p) => `${p.name} ${p.exitCode}`).join(', ')}) and was joined.
          {outcome.itemsMoved !== null && ` ${outcome.itemsMoved} items went through the queue.`}
          {outcome.retries > 0 && ` ${outcome.retries} timed-out acquires were backed off and retried.`}
          {outcome.transientCycles > 0 && ` ${outcome.transientCycles} cycle${outcome.transientCycles === 1 ? '' : 's'} formed and broke up by themselves.`}
        </p>
      </div>
    );
  }
  if (outcome && !outcome.completed) {
    return (
      <div role="status" data-testid="deadlock-verdict" data-state="timeout" className={`${base} border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/60`}>
        Neither finished nor deadlocked within the time limit; the processes were terminated.
      </div>
    );
  }
  if (running && frame?.cycle) {
    return (
      <div role="status" data-testid="deadlock-verdict" data-state="cycle" className={`${base} border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100`}>
        A cycle has formed ({frame.cycleAgeMs.toFixed(0)} ms): if it stands {CONFIRM_MS} ms, it is a deadlock.
      </div>
    );
  }
  if (running) {
    return (
      <div role="status" data-testid="deadlock-verdict" data-state="running" className={`${base} border-slate-300 dark:border-slate-700`}>
        Running: no cycle in the wait-for graph{frame && frame.transientCycles > 0 ? ` (${frame.transientCycles} formed and broke up by themselves so far)` : ''}.
      </div>
    );
  }
  return (
    <div data-testid="deadlock-verdict" data-state={status} className={`${base} border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-300`}>
      {status === 'stopped' ? 'Stopped: every process of the run was terminated.' : 'Press Run to start the scenario.'}
    </div>
  );
}

function ProcessTable({ picture }: { picture: Picture }) {
  const roles = new Map(picture.watch.cast.processes.map((p) => [p.pid, p.role]));
  const procs = picture.frame.nodes.filter((n) => n.type === 'process');
  const waitsOn = new Map(picture.frame.edges.filter((e) => e.kind === 'waits-on' || e.kind === 'joins').map((e) => [e.from, e.to]));
  const holds = new Map<string, string[]>();
  for (const e of picture.frame.edges) if (e.kind === 'held-by') holds.set(e.to, [...(holds.get(e.to) ?? []), picture.watch.nameOf(e.from)]);
  return (
    <table className="w-full text-left text-sm" data-testid="deadlock-processes">
      <caption className="sr-only">Processes of the run</caption>
      <thead className="text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3 font-medium">Process</th>
          <th className="py-1 pr-3 font-medium">Does</th>
          <th className="py-1 pr-3 font-medium">State</th>
          <th className="py-1 pr-3 font-medium">Holds</th>
          <th className="py-1 pr-3 font-medium">Waits for</th>
          <th className="py-1 font-medium">Exit code</th>
        </tr>
      </thead>
      <tbody>
        {procs.map((n) => {
          const target = waitsOn.get(n.id);
          return (
            <tr key={n.id} className="border-t border-slate-200 dark:border-slate-800" data-process={n.label}>
              <td className="py-1 pr-3 font-medium">
                {n.label}
                {n.ref > 0 && <span className="ml-1 text-xs text-slate-500">pid {n.ref}</span>}
              </td>
              <td className="py-1 pr-3">{n.ref === 0 ? 'the parent' : roles.get(n.ref)}</td>
              <td className="py-1 pr-3">{n.alive ? n.state : 'exited'}</td>
              <td className="py-1 pr-3">{holds.get(n.id)?.join(', ') ?? '—'}</td>
              <td className="py-1 pr-3">{target ? picture.watch.nameOf(target) : '—'}</td>
              <td className="py-1 font-mono" data-testid={`exit-${n.label}`}>
                {n.exitCode ?? (n.alive ? '' : '?')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EventLog({ picture }: { picture: Picture }) {
  const entries = [...picture.watch.log.slice(0, picture.logLength)].sort((a, b) => a.atMs - b.atMs).slice(-14);
  return (
    <section aria-labelledby="deadlock-log-title">
      <h2 id="deadlock-log-title" className="text-sm font-semibold">
        What happened
      </h2>
      <ol className="mt-1 max-h-64 overflow-auto rounded-md border border-slate-200 p-2 font-mono text-xs leading-relaxed dark:border-slate-800" data-testid="deadlock-log">
        {entries.map((e, i) => (
          <li key={`${e.atMs}-${i}`} className={e.who === 'detector' ? 'font-semibold text-rose-700 dark:text-rose-300' : undefined}>
            <span className="inline-block w-16 text-right text-slate-500">{e.atMs.toFixed(1)} ms</span> <span className="font-semibold">{e.who}</span>: {e.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

function HowDetected() {
  return (
    <section aria-labelledby="how-detected-title" className="space-y-2 rounded-lg border border-slate-200 p-4 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-200">
      <h2 id="how-detected-title" className="font-semibold">
        How the deadlock is found
      </h2>
      <p>
        Every process writes what it waits on into its own telemetry slot in shared memory, and every lock knows its owner. Each frame the page
        reads a snapshot and draws an arrow from each waiting process to what it waits for, and from each lock to its holder. The parent’s
        join() and the queues’ readers and writers add the arrows the memory cannot show.
      </p>
      <p>
        A cycle means nobody in it can move: each waits for the next. A cycle of plain waits never breaks; with acquire(timeout) it can dissolve
        by itself, so it is called a deadlock once it has stood for {CONFIRM_MS} ms, measured from the moment its last wait began, and two
        samples in a row show it: a sample reads the processes one by one, so a single one can catch a process between taking a lock and
        saying so.
      </p>
      <p>
        Python has no such detector: a deadlocked program just hangs. Go’s runtime stops a program whose goroutines are all blocked (“all
        goroutines are asleep - deadlock!”), but not a partial deadlock while another goroutine still runs.
      </p>
    </section>
  );
}
