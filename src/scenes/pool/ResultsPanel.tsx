/**
 * Everything a result shows: the speedup chart (with earlier runs of this visit overlaid), the
 * Amdahl summary, the time breakdown, the table and the exports. Memoised: while a run goes on
 * the scene re-renders with every progress tick, and this only needs to when the result changes.
 */
import { memo, useMemo, useRef } from 'react';
import { SpeedupChart, type SpeedupChartPoint } from '../../charts/speedup-chart';
import { svgToPngBlob } from '../../charts/svg-to-png';
import { TimeBreakdownChart } from '../../charts/time-breakdown';
import { ExportButtons } from '../shared/ExportButtons';
import { useNextFrameValue } from '../shared/use-next-frame-value';
import { downloadBlob } from '../shared/export';
import { WORKLOAD_INFO, type Workload } from './pool-params';
import type { PoolResult } from './pool-result';
import { resultRows } from './result-rows';
import { ResultsTable } from './ResultsTable';
import { useRunHistory } from './run-history';

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

function amdahlSummary(r: PoolResult): string {
  const f = r.amdahlSerialFraction;
  if (f === null) return 'needs a pool of more than one worker.';
  const ceiling = f > 0 ? `${(1 / f).toFixed(1)}×` : 'the ideal line';
  return `serial fraction ${(f * 100).toFixed(1)}%, so no pool on any number of cores could beat ${ceiling} here.`;
}

export const ResultsPanel = memo(function ResultsPanel({
  result,
  running,
  workload,
  cores,
}: {
  result: PoolResult | null;
  running: boolean;
  /** The selected workload, for the empty chart before a run. */
  workload: Workload;
  cores: number;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  // During a run the sections under the chart follow it, one frame apart: the breakdown a frame
  // later, the table a frame after that (see useNextFrameValue).
  const lagging = running && result !== null;
  const detail = useNextFrameValue(result, lagging);
  const tableResult = useNextFrameValue(detail, lagging);
  const history = useRunHistory((s) => s.entries);
  const points = useMemo(() => (result ? chartPoints(result) : []), [result]);
  const earlierRuns = useMemo(
    () =>
      history
        .filter((e) => e.overlay && e.result !== result)
        .map((e) => ({ key: String(e.id), label: `#${e.id} ${e.label}`, points: e.result.points })),
    [history, result],
  );
  const exportPng = async () => {
    if (svgRef.current) downloadBlob(await svgToPngBlob(svgRef.current), 'pool-speedup.png');
  };

  return (
    <>
      <section aria-labelledby="pool-chart-title" className="max-w-4xl space-y-2">
        <h2 id="pool-chart-title" className="sr-only">
          Speedup
        </h2>
        <SpeedupChart
          points={points}
          cores={result?.cores ?? cores}
          serialFraction={result?.amdahlSerialFraction ?? null}
          cpuBound={WORKLOAD_INFO[result?.workload ?? workload].cpuBound}
          earlierRuns={earlierRuns}
          svgRef={svgRef}
        />
        <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="pool-summary">
          {result
            ? `Serial ${result.serialMs.toFixed(1)} ms. Amdahl fit: ${amdahlSummary(result)}`
            : "Run the experiment: the serial time and an Amdahl's-law fit of the speedups appear here."}
        </p>
      </section>
      {/*
        Mounted before there is a result, with a line saying what will be there: the page under
        them moves less when the first round's numbers come in, mid-run.
      */}
      <section aria-labelledby="pool-breakdown-title" className="max-w-4xl">
        <h2 id="pool-breakdown-title" className="text-sm font-semibold">
          Where the time went (median per pool size)
        </h2>
        {detail ? (
          <TimeBreakdownChart
            rows={[
              { label: 'serial', startupMs: 0, dispatchMs: 0, computeMs: detail.serialMs, collectMs: 0 },
              ...detail.points.map((p) => ({ label: `pool of ${p.poolSize}`, ...p.breakdown })),
            ]}
          />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Start-up, dispatch, compute and collect time for each pool size, after the first round.
          </p>
        )}
      </section>
      <section aria-labelledby="pool-results-title" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="pool-results-title" className="text-sm font-semibold">
            Results
          </h2>
          {result && !running && (
            <div className="flex flex-wrap gap-2">
              <ExportButtons basename="pool-speedup" json={result} csvRows={() => resultRows(result)} />
              <button
                type="button"
                onClick={() => void exportPng()}
                className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Export PNG
              </button>
            </div>
          )}
        </div>
        {tableResult ? (
          <ResultsTable result={tableResult} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            The measured times behind the chart, one row per pool size, after the first round.
          </p>
        )}
      </section>
    </>
  );
});
