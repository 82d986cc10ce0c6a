/**
 * The manager scene: one shared counter, incremented three ways (a Manager dict proxy, a shared
 * Value, messages to an aggregator), each way's processes filling their bars live; then the
 * cost per increment side by side, what copying a payload costs, and what cannot be pickled.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { CostBars } from '../../charts/cost-bars';
import { formatMicros } from '../../charts/latency-histogram';
import { PayloadCurve } from '../../charts/payload-curve';
import { S, STAT_WORDS } from '../../runtime/tasks/message-scenes-tasks';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { useSceneRun } from '../shared/use-scene-run';
import { managerListings } from './manager-code';
import { METHOD_INFO, METHODS, managerParams, type ManagerParams, type Method } from './manager-params';
import { managerCsvRows, type ManagerResult, type MethodResult } from './manager-result';
import { runManager, type ManagerLiveView, type ManagerPhase } from './run-manager';

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

const PHASE_TEXT: Record<ManagerPhase, string> = {
  'starting-manager': 'Starting the manager process…',
  'manager-dict': 'Incrementing through the Manager dict proxy…',
  'shared-value': 'Incrementing the shared Value…',
  'message-passing': 'Sending increments to the aggregator…',
  serialization: 'Measuring what pickling costs…',
  'pickling-errors': 'Trying to send what cannot be pickled…',
  done: 'Done.',
};

interface LiveProgress {
  phase: ManagerPhase;
  method: Method | null;
  perProcess: number[];
  finished: MethodResult[];
}

export default function ManagerScene({ params, setParams }: SceneProps<typeof managerParams>) {
  const viewRef = useRef<ManagerLiveView | null>(null);
  const [progress, setProgress] = useState<LiveProgress | null>(null);
  const lastUpdate = useRef(0);
  const runner = useCallback(
    (p: ManagerParams, ctx: RunContext) =>
      runManager(p, ctx, {
        onUpdate: (view) => {
          viewRef.current = view;
        },
      }),
    [],
  );
  const run = useSceneRun<ManagerParams, ManagerResult>('manager', runner);
  const running = run.status === 'running';
  const costChart = useRef<SVGSVGElement>(null);

  const onFrame = useCallback((now: number) => {
    const view = viewRef.current;
    if (!view || now - lastUpdate.current < 100) return;
    lastUpdate.current = now;
    const stats = view.stats;
    const perProcess = stats
      ? Array.from(
          { length: view.processes },
          (_, i) => stats[i * STAT_WORDS + S.COUNT]! / view.opsPerProcess,
        )
      : [];
    setProgress({ phase: view.phase, method: view.method, perProcess, finished: view.finished });
  }, []);
  useAnimationFrame(onFrame, running);

  const result = running ? null : run.result;
  const listings = useMemo(() => managerListings(params), [params]);
  const finished = result ? result.methods : (progress?.finished ?? []);
  const byMethod = new Map(finished.map((m) => [m.method, m]));

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(18rem,22rem)_1fr]">
        <section
          aria-label="Settings"
          className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <ParamControls schema={managerParams} values={params} onChange={setParams} disabled={running} />
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={() => {
              viewRef.current = null;
              setProgress(null);
              void run.start(params);
            }}
            onStop={run.stop}
            onReset={() => {
              setProgress(null);
              void run.reset();
            }}
          />
          {running && progress && (
            <p
              role="status"
              className="text-sm text-slate-600 dark:text-slate-300"
              data-testid="manager-phase"
            >
              {PHASE_TEXT[progress.phase]}
            </p>
          )}
        </section>

        <section
          aria-label="Three ways"
          className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 className="text-lg font-semibold">
            One counter, three ways: {fmt(params.processes * params.opsPerProcess)} increments each
          </h2>
          {METHODS.map((method) => (
            <MethodCard
              key={method}
              method={method}
              active={running && progress?.method === method}
              perProcess={running && progress?.method === method ? progress.perProcess : null}
              processes={params.processes}
              done={byMethod.get(method) ?? null}
            />
          ))}
        </section>
      </div>

      {result && (
        <section aria-label="Cost per operation" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Cost per increment</h2>
            <ExportButtons
              basename="manager"
              json={result}
              csvRows={() => managerCsvRows(result)}
              chart={() => costChart.current}
            />
          </div>
          <p className="text-lg" data-testid="manager-verdict">
            The Manager took <strong>{formatMicros(result.methods[0]!.usPerOp)}</strong> per increment:{' '}
            <strong>{fmt(result.managerSlowerBy, 1)}×</strong> the shared Value’s{' '}
            {formatMicros(result.methods[1]!.usPerOp)}. Every access is a message to another process and a
            wait for its reply.
          </p>
          <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <div className="mx-auto max-w-3xl">
              <CostBars
                testId="cost-bars"
                svgRef={costChart}
                title="Cost per increment, all processes together"
                unit="time per increment (log scale)"
                format={formatMicros}
                bars={result.methods.map((m) => ({
                  key: m.method,
                  label: METHOD_INFO[m.method].label,
                  value: m.usPerOp,
                  color: METHOD_INFO[m.method].color,
                }))}
              />
            </div>
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Manager process start-up: {fmt(result.managerStartupMs, 1)} ms (not included above). Times run
            from the moment all processes pass a start Barrier to the last increment landing.
          </p>
        </section>
      )}

      {result && (
        <section aria-label="Serialization" className="grid gap-6 xl:grid-cols-2">
          <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <h2 className="mb-1 text-lg font-semibold">Pickling: payload size vs copy cost</h2>
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
              Every message is encoded into bytes and decoded on the other side (our pickle). Raw bytes copy
              at memory speed; a list of numbers is walked item by item.
            </p>
            <PayloadCurve
              testId="copy-cost"
              title="Pickle plus unpickle time against payload size"
              yLabel="pickle + unpickle"
              formatY={formatMicros}
              series={[
                {
                  key: 'bytes',
                  label: 'bytes: pickle + unpickle',
                  color: '#0ea5e9',
                  points: result.serialization
                    .filter((s) => s.kind === 'bytes')
                    .map((s) => [s.payloadBytes, s.pickleUs + s.unpickleUs] as const),
                },
                {
                  key: 'list',
                  label: 'list of ints: pickle + unpickle',
                  color: '#f472b6',
                  points: result.serialization
                    .filter((s) => s.kind === 'list')
                    .map((s) => [s.payloadBytes, s.pickleUs + s.unpickleUs] as const),
                },
                {
                  key: 'clone',
                  label: 'list: structuredClone (postMessage)',
                  color: '#a3e635',
                  dashed: true,
                  points: result.serialization
                    .filter((s) => s.kind === 'list')
                    .map((s) => [s.payloadBytes, s.structuredCloneUs] as const),
                },
              ]}
            />
          </div>
          <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <h2 className="mb-2 text-lg font-semibold">What cannot be pickled</h2>
            <ul className="space-y-3" data-testid="pickling-errors">
              {result.picklingErrors.map((f) => (
                <li key={f.what} className="rounded-lg border border-rose-300 p-3 dark:border-rose-800">
                  <p className="font-semibold">Sending {f.what}</p>
                  <p className="mt-1 font-mono text-sm text-rose-700 dark:text-rose-300">
                    {f.error}: {f.message}
                  </p>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                    Python: <code>{f.python}</code> →{' '}
                    <span className="font-mono text-xs">{f.pythonError}</span>
                  </p>
                </li>
              ))}
            </ul>
          </div>
          <div className="overflow-x-auto xl:col-span-2">
            <table className="w-full text-sm" data-testid="copy-cost-table">
              <caption className="sr-only">Pickling cost per payload</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    payload
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    encoded
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    pickle
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    unpickle
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    structuredClone
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    MB/s
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.serialization.map((s) => (
                  <tr
                    key={`${s.kind}-${s.payloadBytes}`}
                    className="border-t border-slate-200 dark:border-slate-800"
                  >
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      {s.kind} · {fmt(s.payloadBytes)} B
                    </th>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(s.encodedBytes)} B</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(s.pickleUs)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(s.unpickleUs)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(s.structuredCloneUs)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(s.mbPerSec, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <div className="grid gap-6 xl:grid-cols-2">
        <section
          aria-label="What this shows"
          className="space-y-3 rounded-xl border border-slate-200 p-4 text-[0.95rem] leading-relaxed dark:border-slate-800"
        >
          <h2 className="text-lg font-semibold">What this shows</h2>
          <p>
            A <code>Manager()</code> is a server process that owns the objects; <code>manager.dict()</code>{' '}
            hands out a proxy, and every access through it is a message to the server and a wait for the
            reply. <code>d["count"] += 1</code> is two of them (a get, then a set), and not atomic: hold a
            lock around it. It is the most flexible way to share (any picklable object, even across machines)
            and by far the slowest.
          </p>
          <p>
            A <code>Value</code> lives in shared memory: incrementing it under its lock is a few atomic
            instructions, no message at all. Message passing sits in between: each increment is one message,
            one way, and a single aggregator owns the total, so nothing needs a lock. Go programmers know the
            last two as “share memory by communicating” versus a <code>sync.Mutex</code>.
          </p>
          <p>
            Whatever crosses between processes is pickled: copied into bytes and rebuilt. Its cost grows with
            the payload, and some things cannot be pickled at all (functions, locks, open resources): Python
            refuses them with <code>PicklingError</code> or <code>TypeError</code>, and so does this runtime,
            at the call.
          </p>
        </section>
        <CodePanel listings={listings} title="The program" />
      </div>
    </div>
  );
}

function MethodCard({
  method,
  active,
  perProcess,
  processes,
  done,
}: {
  method: Method;
  active: boolean;
  perProcess: number[] | null;
  processes: number;
  done: MethodResult | null;
}) {
  const info = METHOD_INFO[method];
  const fractions = done
    ? Array.from({ length: processes }, () => 1)
    : (perProcess ?? Array.from({ length: processes }, () => 0));
  return (
    <article
      className={`rounded-lg border p-3 ${active ? 'border-2' : 'border-slate-200 dark:border-slate-800'}`}
      style={active ? { borderColor: info.color } : undefined}
      data-testid={`method-${method}`}
      aria-label={info.label}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold" style={{ color: info.color }}>
          {info.label}
        </h3>
        {done && (
          <p className="text-sm tabular-nums" data-testid={`method-${method}-cost`}>
            <strong>{formatMicros(done.usPerOp)}</strong> per increment · {fmt(done.opsPerSec)}/s · count{' '}
            {fmt(done.finalCount)} {done.correct ? '✓' : `✗ (expected ${fmt(done.expected)})`}
          </p>
        )}
      </div>
      <p className="font-mono text-xs text-slate-600 dark:text-slate-300">{info.python}</p>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {info.roundTrips} · Go: {info.go}
      </p>
      <div className="mt-2 space-y-1" aria-hidden="true">
        {fractions.map((f, i) => (
          <div key={i} className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
            <div
              className="h-full transition-[width] duration-100"
              style={{ width: `${Math.round(f * 100)}%`, background: info.color }}
            />
          </div>
        ))}
      </div>
    </article>
  );
}
