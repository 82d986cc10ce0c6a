/**
 * The pipe scene: duplex ping-pong between two processes. The ping-pong picture and the latency
 * histogram fill live; the table and the payload-size charts give the numbers per size.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatMicros, LatencyHistogram, type LatencySeries } from '../../charts/latency-histogram';
import { PayloadCurve } from '../../charts/payload-curve';
import { processColor } from '../../charts/process-colors';
import { CodePanel } from '../shared/CodePanel';
import { ExportButtons } from '../shared/ExportButtons';
import { ParamControls } from '../shared/ParamControls';
import { RunBar } from '../shared/RunBar';
import type { RunContext, SceneProps } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { pipeListings } from './pipe-code';
import { pipeParams, type PipeParams } from './pipe-params';
import { formatBytes, pipeCsvRows, type PipeResult } from './pipe-result';
import { runPipe, type PipeLiveView } from './run-pipe';
import { usePipeLive } from './use-pipe-live';

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const sizeColor = (i: number) => processColor(i);

export default function PipeScene({ params, setParams }: SceneProps<typeof pipeParams>) {
  const attachRef = useRef<(view: PipeLiveView) => void>(() => undefined);
  const runner = useCallback(
    (p: PipeParams, ctx: RunContext) => runPipe(p, ctx, { onStart: (view) => attachRef.current(view) }),
    [],
  );
  const run = useSceneRun<PipeParams, PipeResult>('pipe', runner);
  const running = run.status === 'running';
  const { canvasRef, attach, live, drawIdle } = usePipeLive(running);
  useEffect(() => {
    attachRef.current = attach;
  }, [attach]);
  useEffect(() => {
    if (!running) drawIdle(params.duplex);
  }, [running, params.duplex, drawIdle]);
  const histogramRef = useRef<SVGSVGElement>(null);
  const [ranSizes, setRanSizes] = useState<number[]>(params.payloadSizes);
  const result = running ? null : run.result;
  const listings = useMemo(() => pipeListings(params), [params]);

  const series: LatencySeries[] = result
    ? result.points.map((p, i) => ({
        key: String(i),
        label: formatBytes(p.payloadBytes),
        color: sizeColor(i),
        edgesUs: p.histogram.edgesUs,
        counts: p.histogram.counts,
        medianUs: p.medianUs,
      }))
    : live.rounds.map((r, i) => ({
        key: String(i),
        label: formatBytes(r.payloadBytes),
        color: sizeColor(i),
        edgesUs: r.histogram.edgesUs,
        counts: r.histogram.counts,
      }));

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(18rem,22rem)_1fr]">
        <section
          aria-label="Settings"
          className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
        >
          <ParamControls schema={pipeParams} values={params} onChange={setParams} disabled={running} />
          <RunBar
            status={run.status}
            progress={run.progress}
            error={run.error}
            onRun={() => {
              setRanSizes(params.payloadSizes);
              void run.start(params);
            }}
            onStop={run.stop}
            onReset={() => void run.reset()}
          />
        </section>
        <section
          aria-label="Live picture"
          className="space-y-4 self-start rounded-xl border border-slate-200 p-4 lg:sticky lg:top-24 dark:border-slate-800"
        >
          <h2 className="text-lg font-semibold">Ping ⇄ pong</h2>
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={
              running
                ? `Ping-pong running: ${fmt(live.ratePerSec)} round trips per second`
                : 'Two processes joined by a pipe: the pinger sends, the ponger sends it back.'
            }
            data-testid="pingpong-canvas"
            className="block w-full text-slate-700 dark:text-slate-200"
          />
          {running && live.rounds.length > 0 && (
            <ol className="flex flex-wrap gap-3 text-sm" aria-label="Progress per payload size">
              {live.rounds.map((r, i) => (
                <li key={i} className="flex items-center gap-2">
                  <span
                    className="inline-block h-3 w-3 rounded-sm"
                    style={{ background: sizeColor(i) }}
                    aria-hidden="true"
                  />
                  {formatBytes(r.payloadBytes)}: {fmt(r.done)} / {fmt(params.roundTrips)}
                </li>
              ))}
            </ol>
          )}
          <div>
            <h3 className="mb-1 font-semibold">Round-trip latency{running ? ' (filling in live)' : ''}</h3>
            <LatencyHistogram
              testId="latency-histogram"
              svgRef={histogramRef}
              title="Round-trip time distribution per payload size"
              series={series}
            />
            {result && result.points.some((p) => p.belowClockTick > 0) && (
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {fmt(result.points.reduce((s, p) => s + p.belowClockTick, 0))} round trips read as 0: shorter
                than one tick of the page&apos;s clock (browsers coarsen <code>performance.now()</code> to a
                few microseconds), drawn in the leftmost bin.
              </p>
            )}
          </div>
        </section>
      </div>

      {result && (
        <section aria-label="Results" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">Per payload size</h2>
            <ExportButtons
              basename="pipe"
              json={result}
              csvRows={() => pipeCsvRows(result)}
              chart={() => histogramRef.current}
            />
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="pipe-results-table">
              <caption className="sr-only">Round-trip statistics per payload size</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    payload
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    median RTT
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    p90
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    p99
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    min / max
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    messages / s
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    MB / s
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.points.map((p, i) => (
                  <tr key={i} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      <span
                        className="mr-2 inline-block h-3 w-3 rounded-sm"
                        style={{ background: sizeColor(i) }}
                        aria-hidden="true"
                      />
                      {formatBytes(p.payloadBytes)}
                    </th>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(p.medianUs)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(p.p90Us)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{formatMicros(p.p99Us)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">
                      {formatMicros(p.minUs)} / {formatMicros(p.maxUs)}
                    </td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(p.msgsPerSec)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{fmt(p.mbPerSec, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid gap-6 xl:grid-cols-2">
            <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
              <h3 className="mb-2 font-semibold">Payload size effect: round-trip time</h3>
              <PayloadCurve
                testId="rtt-vs-payload"
                title="Median and p99 round-trip time against payload size"
                yLabel="round-trip time"
                formatY={formatMicros}
                series={[
                  {
                    key: 'median',
                    label: 'median',
                    color: '#0ea5e9',
                    points: result.points.map((p) => [p.payloadBytes, p.medianUs] as const),
                  },
                  {
                    key: 'p99',
                    label: 'p99',
                    color: '#f43f5e',
                    dashed: true,
                    points: result.points.map((p) => [p.payloadBytes, p.p99Us] as const),
                  },
                ]}
              />
            </div>
            <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
              <h3 className="mb-2 font-semibold">Payload size effect: throughput</h3>
              <PayloadCurve
                testId="rate-vs-payload"
                title="Messages per second and megabytes per second against payload size"
                yLabel="per second"
                formatY={(v) =>
                  v >= 1e6
                    ? `${+(v / 1e6).toFixed(1)}M`
                    : v >= 1e3
                      ? `${+(v / 1e3).toFixed(1)}k`
                      : `${+v.toFixed(1)}`
                }
                series={[
                  {
                    key: 'msgs',
                    label: 'messages / s',
                    color: '#a3e635',
                    points: result.points.map((p) => [p.payloadBytes, p.msgsPerSec] as const),
                  },
                  {
                    key: 'mb',
                    label: 'MB / s',
                    color: '#a78bfa',
                    dashed: true,
                    points: result.points
                      .filter((p) => p.mbPerSec > 0)
                      .map((p) => [p.payloadBytes, p.mbPerSec] as const),
                  },
                ]}
              />
            </div>
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
            <code>Pipe()</code> gives two connected ends; with <code>duplex=True</code> (the default) each end
            can both send and receive. A round trip is two messages: each is pickled, copied into the
            pipe&apos;s buffer, the sleeping receiver is woken, and the bytes are copied out and unpickled.
            For small messages the wake-up dominates: the round trip is a few microseconds to tens of
            microseconds however small the message. For large ones the copies dominate, and the time grows
            with the size while the bytes per second level off at what memory copying allows.
          </p>
          <p>
            A pipe connects exactly two ends; a <code>Queue</code> takes any number of producers and consumers
            (and is built on a pipe plus a lock in CPython). Go has no pipe between goroutines: two unbuffered
            channels play the two directions, and a send waits for the receiver as a ping waits for its pong.
          </p>
          {result && ranSizes.length > 1 && (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Here: {formatBytes(result.points[0]!.payloadBytes)} round trips took{' '}
              {formatMicros(result.points[0]!.medianUs)} (median),{' '}
              {formatBytes(result.points.at(-1)!.payloadBytes)} took{' '}
              {formatMicros(result.points.at(-1)!.medianUs)}.
            </p>
          )}
        </section>
        <CodePanel listings={listings} title="The program" />
      </div>
    </div>
  );
}
