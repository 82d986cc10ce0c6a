/**
 * The lifecycle scene. Two ways in, one picture: the guided run (five lessons, scripted) and
 * "your own processes" (start processes with arguments, then join, join with a timeout, poll
 * is_alive(), terminate or kill each one, and end with the parent's exit). Both draw into the
 * same lifecycle lanes and process table, sampled once per animation frame.
 */
import { memo, useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import { LIFECYCLE_STATE_LABELS, LifecycleLanes, WAITING_LANE_COLOR, ZOMBIE_COLOR } from '../../charts/lifecycle-lanes';
import type { Process } from '../../runtime';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { useSceneRun } from '../shared/use-scene-run';
import { lifecycleListings } from './lifecycle-listings';
import { lifecycleParams, PART_INFO, SINGLE_PARTS, type LifecycleParams, type Part, type SinglePart } from './lifecycle-params';
import type { LifecycleLogEntry, LifecycleResult } from './lifecycle-result';
import { LifecycleOutcomes } from './LifecycleOutcomes';
import { ProcessBook, type BookRow } from './process-book';
import { runLifecycle } from './run-lifecycle';
import { runSandbox, type SandboxSession, type SandboxSummary } from './sandbox';
import { SandboxForm } from './SandboxForm';

/** The listings change with the settings, not with every frame of a run. */
const StaticCodePanel = memo(CodePanel);

function relevant(part: Part): (keyof typeof lifecycleParams)[] {
  switch (part) {
    case 'exit-codes':
    case 'go-context':
      return ['part', 'workMs', 'joinTimeoutMs'];
    case 'zombies':
    case 'daemon':
      return ['part', 'workMs'];
    case 'supervision':
      return ['part', 'workers', 'failPercent', 'seed', 'workMs'];
    case 'all':
      return ['part', 'workers', 'failPercent', 'seed', 'workMs', 'joinTimeoutMs'];
  }
}

export default function LifecycleScene({ params, setParams }: SceneProps<typeof lifecycleParams>) {
  const [book] = useState(() => new ProcessBook());
  const [rows, setRows] = useState<BookRow[]>([]);
  const [version, setVersion] = useState(0);
  const [mode, setMode] = useState<'guided' | 'sandbox' | null>(null);
  const [guidedLog, setGuidedLog] = useState<LifecycleLogEntry[]>([]);
  const [currentPart, setCurrentPart] = useState<SinglePart | null>(null);
  const [session, setSession] = useState<SandboxSession | null>(null);
  /** Bumped when the session writes to its log: re-render to show it. */
  const [, setSandboxTick] = useState(0);
  const sessionRef = useRef<SandboxSession | null>(null);
  /** The session whose log is shown (it stays after the session ends). */
  const [lastSession, setLastSession] = useState<SandboxSession | null>(null);
  const pendingStart = useRef<Parameters<SandboxSession['start']>[0] | null>(null);

  const refresh = useCallback(() => {
    setRows(book.rows());
    setVersion(book.version);
  }, [book]);

  const guidedRunner = useCallback(
    (p: LifecycleParams, ctx: RunContext) =>
      runLifecycle(p, ctx, {
        onProcess: (proc, info) => book.add(proc, 'guided', info.part, info.call),
        onLog: (entry) => setGuidedLog((log) => [...log, entry]),
        onPart: setCurrentPart,
      }),
    [book],
  );
  const guided = useSceneRun<LifecycleParams, LifecycleResult>('lifecycle', guidedRunner);

  const sandboxRunner = useCallback(
    (_: null, ctx: RunContext) =>
      runSandbox(
        ctx,
        book,
        (s) => {
          sessionRef.current = s;
          if (s) setLastSession(s);
          setSession(s);
          const spec = pendingStart.current;
          pendingStart.current = null;
          if (s && spec) s.start(spec);
          refresh();
        },
        () => setSandboxTick((n) => n + 1),
      ),
    [book, refresh],
  );
  const sandbox = useSceneRun<null, SandboxSummary>('lifecycle', sandboxRunner);

  const guidedRunning = guided.status === 'running';
  const sessionOpen = sandbox.status === 'running';
  const anyJoining = rows.some((r) => r.joining !== null);
  const active = guidedRunning || sessionOpen || anyJoining;

  // Lanes redraw every frame on their own canvas; the table re-renders at once when a process
  // changes its lifecycle (started, exited, joined), and otherwise at most 5 times a second.
  const lastRefresh = useRef({ at: 0, signature: '' });
  useAnimationFrame((t) => {
    if (!book.sample() && book.version === version) return;
    const signature = book.signature();
    if (signature !== lastRefresh.current.signature || t - lastRefresh.current.at > 200) {
      lastRefresh.current = { at: t, signature };
      refresh();
    }
  }, active);

  const startGuided = async () => {
    book.clear();
    setLastSession(null);
    setGuidedLog([]);
    setCurrentPart(null);
    setMode('guided');
    refresh();
    await guided.start(params);
    book.sample();
    refresh();
  };

  const startOwn = (spec: Parameters<SandboxSession['start']>[0]) => {
    const open = sessionRef.current;
    if (open && !open.closed) {
      open.start(spec);
      refresh();
      return;
    }
    if (mode !== 'sandbox' || lastSession?.closed) book.clear();
    setMode('sandbox');
    pendingStart.current = spec;
    void sandbox.start(null).then(() => {
      book.sample();
      refresh();
    });
  };

  const reset = async () => {
    await guided.reset();
    await sandbox.reset();
    book.clear();
    sessionRef.current = null;
    setLastSession(null);
    setGuidedLog([]);
    setCurrentPart(null);
    setMode(null);
    refresh();
  };

  const act = (proc: Process, action: 'join' | 'join-timeout' | 'is-alive' | 'terminate' | 'kill') => {
    const s = sessionRef.current;
    if (!s || !s.owns(proc)) return;
    if (action === 'join') void s.join(proc).then(refresh);
    else if (action === 'join-timeout') void s.join(proc, params.joinTimeoutMs).then(refresh);
    else if (action === 'is-alive') s.isAlive(proc);
    else if (action === 'terminate') s.terminate(proc);
    else s.kill(proc);
    book.sample();
    refresh();
  };

  const shownPart: SinglePart = params.part === 'all' ? (currentPart ?? 'exit-codes') : params.part;
  const [codePart, setCodePart] = useState<SinglePart | null>(null);
  const listingPart = codePart ?? shownPart;
  const listings = useMemo(() => lifecycleListings(listingPart, params), [listingPart, params]);
  const canvasRef = useRef<HTMLDivElement>(null);
  const lanesSample = useCallback(() => book.lanes(), [book]);
  const log =
    mode === 'sandbox'
      ? (lastSession?.log ?? []).map((e) => ({ ...e, who: '', part: null }))
      : guidedLog.map((e) => ({ ...e, part: e.part as SinglePart | null }));
  const procById = new Map(book.entries.map((e) => [String(e.proc.pid), e.proc]));

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Guided run settings">
          <ParamControls schema={lifecycleParams} values={params} onChange={setParams} disabled={guidedRunning} only={relevant(params.part)} />
          <div className="space-y-3 text-sm text-slate-700 dark:text-slate-200">
            {(params.part === 'all' ? SINGLE_PARTS : [params.part]).map((part) => (
              <div key={part} className={currentPart === part && guidedRunning ? 'rounded-md bg-sky-50 p-2 dark:bg-sky-950/50' : undefined}>
                <h2 className="font-semibold">{PART_INFO[part].title}</h2>
                <p>{PART_INFO[part].lesson}</p>
              </div>
            ))}
          </div>
          <p className="rounded-md border border-slate-200 p-3 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-200" data-testid="pool-errors-link">
            Pool error handling (<code>map</code> re-raises the first worker exception, <code>apply_async</code> keeps it until <code>get()</code>,{' '}
            <code>get(timeout)</code> raises TimeoutError) runs for real in the{' '}
            <a href="#/pool" className="font-medium text-sky-700 underline dark:text-sky-300">
              Pool scene’s semantics demos
            </a>
            .
          </p>
        </aside>

        <div className="min-w-0 space-y-4">
          <section aria-labelledby="guided-title" className="space-y-2">
            <h2 id="guided-title" className="text-sm font-semibold">
              Guided run{guidedRunning && currentPart ? `: ${PART_INFO[currentPart].title}` : ''}
            </h2>
            <RunBar
              status={guided.status}
              progress={guided.progress}
              error={guided.error}
              onRun={() => void startGuided()}
              onStop={() => void guided.stop()}
              onReset={() => void reset()}
              runLabel={params.part === 'all' ? 'Run all five lessons' : `Run: ${PART_INFO[params.part].title}`}
            />
          </section>

          <SandboxForm
            sessionOpen={sessionOpen && !!session && !session.closed}
            disabled={guidedRunning}
            status={sandbox.status}
            onStart={startOwn}
            onParentExits={() => {
              void sessionRef.current?.parentExits().then(refresh);
            }}
            onStop={() => void sandbox.stop()}
          />

          <section aria-labelledby="lanes-title" className="space-y-2">
            <h2 id="lanes-title" className="text-sm font-semibold">
              Lifecycle lanes (live)
            </h2>
            <div ref={canvasRef}>
              <LifecycleLanes sample={lanesSample} active={active} version={version} label={book.describe()} />
            </div>
            <LanesLegend />
          </section>

          <ProcessTable rows={rows} onAction={(key, action) => procById.get(key) && act(procById.get(key)!, action)} joinTimeoutMs={params.joinTimeoutMs} />
          <Tracebacks rows={rows} />

          {log.length > 0 && (
            <section aria-labelledby="lifecycle-log-title">
              <h2 id="lifecycle-log-title" className="text-sm font-semibold">
                What the parent did and saw
              </h2>
              <ol
                className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 p-2 font-mono text-xs leading-relaxed dark:border-slate-800"
                data-testid="lifecycle-log"
              >
                {log.map((e, i) => (
                  <li key={i} className={/WARNING/.test(e.text) ? 'font-semibold text-amber-700 dark:text-amber-300' : undefined}>
                    <span className="inline-block w-16 text-right text-slate-500">{e.atMs.toFixed(0)} ms</span>{' '}
                    {e.who && <span className="font-semibold">{e.who}: </span>}
                    {e.text}
                  </li>
                ))}
              </ol>
            </section>
          )}

          {guided.result && mode === 'guided' && (
            <>
              <LifecycleOutcomes result={guided.result} />
              <ExportButtons
                basename={`lifecycle-${guided.result.part}`}
                json={guided.result}
                csvRows={() =>
                  guided.result!.processes.map((p) => ({
                    name: p.name,
                    pid: p.pid,
                    part: p.part,
                    target: p.target,
                    args: JSON.stringify(p.args),
                    daemon: p.daemon,
                    exitCode: p.exitCode,
                    error: p.error ? `${p.error.name}: ${p.error.message}` : '',
                    zombieObserved: p.zombieObserved,
                    zombieMs: p.zombieMs,
                    startedAtMs: p.startedAtMs,
                    exitedAtMs: p.exitedAtMs,
                    joinedAtMs: p.joinedAtMs,
                  }))
                }
                chart={() => canvasRef.current?.querySelector('canvas') ?? null}
              />
            </>
          )}
          {mode === 'sandbox' && sandbox.result && (
            <ExportButtons basename="lifecycle-your-processes" json={sandbox.result} chart={() => canvasRef.current?.querySelector('canvas') ?? null} />
          )}
        </div>
      </div>

      <section aria-labelledby="lifecycle-code-title" className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="lifecycle-code-title" className="text-sm font-semibold">
            The code of
          </h2>
          <div role="group" aria-label="Which lesson's code" className="flex flex-wrap gap-1">
            {SINGLE_PARTS.map((part) => (
              <button
                key={part}
                type="button"
                aria-pressed={listingPart === part}
                onClick={() => setCodePart(part)}
                className="rounded-md border border-slate-300 px-2 py-1 text-xs aria-pressed:bg-slate-900 aria-pressed:text-white dark:border-slate-700 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900"
              >
                {PART_INFO[part].title}
              </button>
            ))}
          </div>
        </div>
        <StaticCodePanel listings={listings} title={`${PART_INFO[listingPart].title}: Python, Go, JavaScript`} />
      </section>
    </div>
  );
}

function LanesLegend() {
  const swatch = (style: CSSProperties) => <span className="inline-block h-3 w-6 rounded-sm" style={style} aria-hidden="true" />;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Legend">
      <li className="flex items-center gap-1.5">
        {swatch({ border: '1px solid currentColor', opacity: 0.5 })}
        {LIFECYCLE_STATE_LABELS.created}
      </li>
      <li className="flex items-center gap-1.5">
        {swatch({ background: '#38bdf8' })}
        {LIFECYCLE_STATE_LABELS.running}
      </li>
      <li className="flex items-center gap-1.5">
        {swatch({ background: '#38bdf880' })}
        {LIFECYCLE_STATE_LABELS.sleeping}
      </li>
      <li className="flex items-center gap-1.5">
        {swatch({ background: `repeating-linear-gradient(45deg, ${WAITING_LANE_COLOR} 0 2px, ${WAITING_LANE_COLOR}44 2px 6px)` })}
        {LIFECYCLE_STATE_LABELS.waiting}
      </li>
      <li className="flex items-center gap-1.5">
        {swatch({ background: `repeating-linear-gradient(45deg, ${ZOMBIE_COLOR} 0 2px, ${ZOMBIE_COLOR}44 2px 6px)` })}
        {LIFECYCLE_STATE_LABELS.zombie}
      </li>
      <li className="flex items-center gap-1.5">
        {swatch({ borderBottom: '1px solid currentColor', opacity: 0.4, height: 6 })}
        {LIFECYCLE_STATE_LABELS.joined}
      </li>
      <li className="flex items-center gap-1.5">
        <span className="rounded-sm bg-emerald-600 px-1 text-xs font-bold text-white">0</span>
        <span className="rounded-sm bg-rose-600 px-1 text-xs font-bold text-white">-15</span>
        exit code
      </li>
    </ul>
  );
}

type Action = 'join' | 'join-timeout' | 'is-alive' | 'terminate' | 'kill';

function ProcessTable({ rows, onAction, joinTimeoutMs }: { rows: BookRow[]; onAction: (key: string, action: Action) => void; joinTimeoutMs: number }) {
  if (rows.length === 0) return null;
  const button =
    'rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="lifecycle-table">
        <caption className="sr-only">Processes: pid, name, is_alive, exitcode and controls</caption>
        <thead className="text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-2 font-medium">name</th>
            <th className="py-1 pr-2 font-medium">pid</th>
            <th className="py-1 pr-2 font-medium">target(args)</th>
            <th className="py-1 pr-2 font-medium">state</th>
            <th className="py-1 pr-2 font-medium">is_alive</th>
            <th className="py-1 pr-2 font-medium">exitcode</th>
            <th className="py-1 font-medium">parent’s controls</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const mine = r.origin === 'sandbox';
            const over = r.exitCode !== null;
            return (
              <tr
                key={r.key}
                className="border-t border-slate-200 align-top dark:border-slate-800"
                data-testid={`lifecycle-row-${r.name}`}
                data-state={r.state}
                data-exit-code={r.exitCode ?? ''}
              >
                <td className="py-1 pr-2 font-medium">
                  <span className="mr-1 inline-block h-2.5 w-2.5 rounded-full" style={{ background: r.color }} aria-hidden="true" />
                  {r.name}
                  {r.daemon && <span className="ml-1 rounded bg-slate-200 px-1 text-xs dark:bg-slate-800">daemon</span>}
                </td>
                <td className="py-1 pr-2 font-mono">{r.pid}</td>
                <td className="py-1 pr-2 font-mono text-xs">{r.call}</td>
                <td className="py-1 pr-2">
                  {r.zombie ? (
                    <span className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-semibold text-violet-800 dark:bg-violet-950 dark:text-violet-200">zombie</span>
                  ) : (
                    r.state
                  )}
                  {r.joining && <span className="ml-1 text-xs text-slate-500">({r.joining} waiting…)</span>}
                </td>
                <td className="py-1 pr-2 font-mono">{r.isAlive ? 'True' : 'False'}</td>
                <td className={`py-1 pr-2 font-mono font-semibold ${r.exitCode === null ? '' : r.exitCode === 0 ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}>
                  {r.exitCode === null ? 'None' : r.exitCode}
                </td>
                <td className="py-1">
                  {mine ? (
                    <div className="flex flex-wrap gap-1">
                      <button type="button" className={button} disabled={r.state === 'joined' || r.joining !== null} onClick={() => onAction(r.key, 'join')} aria-label={`join ${r.name}`}>
                        join()
                      </button>
                      <button
                        type="button"
                        className={button}
                        disabled={r.state === 'joined' || r.joining !== null}
                        onClick={() => onAction(r.key, 'join-timeout')}
                        aria-label={`join ${r.name} with timeout ${joinTimeoutMs / 1000} s`}
                      >
                        join({joinTimeoutMs / 1000})
                      </button>
                      <button type="button" className={button} onClick={() => onAction(r.key, 'is-alive')} aria-label={`is_alive ${r.name}`}>
                        is_alive()
                      </button>
                      <button type="button" className={button} disabled={over} onClick={() => onAction(r.key, 'terminate')} aria-label={`terminate ${r.name}`}>
                        terminate()
                      </button>
                      <button type="button" className={button} disabled={over} onClick={() => onAction(r.key, 'kill')} aria-label={`kill ${r.name}`}>
                        kill()
                      </button>
                    </div>
                  ) : (
                    <span className="text-xs text-slate-500">driven by the guided run ({r.group})</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Tracebacks({ rows }: { rows: BookRow[] }) {
  const failed = rows.filter((r) => r.error);
  if (failed.length === 0) return null;
  return (
    <section aria-labelledby="tracebacks-title" className="space-y-2">
      <h2 id="tracebacks-title" className="text-sm font-semibold">
        Tracebacks the parent received
      </h2>
      {failed.map((r) => (
        <details key={r.key} open className="rounded-md border border-rose-300 bg-rose-50 p-2 dark:border-rose-800 dark:bg-rose-950/40" data-testid={`traceback-${r.name}`}>
          <summary className="cursor-pointer text-sm font-semibold text-rose-800 dark:text-rose-200">
            {r.name} (pid {r.pid}) exited with {r.exitCode}: {r.error!.name}: {r.error!.message}
          </summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap font-mono text-xs text-rose-900 dark:text-rose-100">
            {`Traceback (the worker's stack, most recent call first):\n${r.error!.stack || `${r.error!.name}: ${r.error!.message}`}`}
          </pre>
        </details>
      ))}
    </section>
  );
}
