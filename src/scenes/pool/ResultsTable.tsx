import type { PoolResult } from './pool-result';

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** The measured numbers behind the chart, one row per pool size. */
export function ResultsTable({ result }: { result: PoolResult }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm tabular-nums" data-testid="pool-results-table">
        <caption className="pb-1 text-left text-xs text-slate-500 dark:text-slate-400">
          Wall time per run in ms (median, min–max over {result.repeats} repeats) on {result.cores} cores.
          {!result.answersAgree && ' Warning: a pool run returned a different answer than the serial run.'}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            {[
              'workers',
              'chunksize',
              'median',
              'min–max',
              'speedup',
              'efficiency',
              'start-up',
              'dispatch',
              'compute',
              'collect',
            ].map((h) => (
              <th key={h} scope="col" className="px-1 py-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-100 dark:border-slate-800">
            <th scope="row" className="px-1 py-0.5 font-normal">
              serial
            </th>
            <td className="px-1">—</td>
            <td className="px-1">{fmt(result.serialMs)}</td>
            <td className="px-1">
              {fmt(result.serialMinMs)}–{fmt(result.serialMaxMs)}
            </td>
            <td className="px-1">1.00×</td>
            <td className="px-1">—</td>
            <td className="px-1" colSpan={4} />
          </tr>
          {result.points.map((p) => (
            <tr key={p.poolSize} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-1 py-0.5 font-normal">
                {p.poolSize}
              </th>
              <td className="px-1">{p.chunksize}</td>
              <td className="px-1">{fmt(p.medianMs)}</td>
              <td className="px-1">
                {fmt(p.minMs)}–{fmt(p.maxMs)}
              </td>
              <td className="px-1 font-semibold">{p.speedup.toFixed(2)}×</td>
              <td className="px-1">{(p.efficiency * 100).toFixed(0)}%</td>
              <td className="px-1">{fmt(p.breakdown.startupMs)}</td>
              <td className="px-1">{fmt(p.breakdown.dispatchMs)}</td>
              <td className="px-1">{fmt(p.breakdown.computeMs)}</td>
              <td className="px-1">{fmt(p.breakdown.collectMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
