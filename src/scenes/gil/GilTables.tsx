/**
 * The tutorials' comparison table (CPU-bound / I/O-bound / mixed × threads / processes) with our
 * measured numbers filled in, and the per-worker picture of one measurement (who got the GIL).
 */
import { GIL_WORKLOAD_INFO, GIL_WORKLOADS } from './gil-params';
import { formatMs, formatSpeedup, type GilModeResult, type GilTableRow } from './gil-result';

const th = 'px-2 py-1.5 text-left font-medium';
const td = 'px-2 py-1.5 align-top';

export function GilComparisonTable({ rows, cores }: { rows: readonly GilTableRow[]; cores: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-sm tabular-nums" data-testid="gil-comparison-table">
        <caption className="pb-2 text-left text-sm text-slate-600 dark:text-slate-300">
          The tutorials’ table, with this machine’s numbers ({cores} cores). Speedup is over one thread doing every task;
          rows fill in as you measure each workload (or tick “Fill the whole comparison table”).
        </caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className={th}>
              workload
            </th>
            <th scope="col" className={th}>
              one thread
            </th>
            <th scope="col" className={th}>
              threads (measured · tutorials)
            </th>
            <th scope="col" className={th}>
              processes (measured · tutorials)
            </th>
            <th scope="col" className={th}>
              so use
            </th>
          </tr>
        </thead>
        <tbody>
          {GIL_WORKLOADS.map((w) => {
            const row = rows.find((r) => r.workload === w);
            const info = GIL_WORKLOAD_INFO[w];
            return (
              <tr key={w} className="border-b border-slate-100 dark:border-slate-800" data-workload={w} data-measured={row ? 'true' : 'false'}>
                <th scope="row" className={`${td} font-semibold`}>
                  {info.label}
                  {row && <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">N = {row.workers}</span>}
                </th>
                <td className={td}>{row ? formatMs(row.serialMs) : '—'}</td>
                <td className={td}>
                  {row ? (
                    <span className="font-semibold" data-testid={`gil-table-${w}-threads`}>
                      {formatSpeedup(row.threadsSpeedup)} <span className="font-normal text-slate-500">({formatMs(row.threadsMs)})</span>
                    </span>
                  ) : (
                    <span className="text-slate-500">not measured yet</span>
                  )}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{info.tutorial.threads}</span>
                </td>
                <td className={td}>
                  {row ? (
                    <span className="font-semibold" data-testid={`gil-table-${w}-processes`}>
                      {formatSpeedup(row.processesSpeedup)} <span className="font-normal text-slate-500">({formatMs(row.processesMs)})</span>
                    </span>
                  ) : (
                    <span className="text-slate-500">not measured yet</span>
                  )}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{info.tutorial.processes}</span>
                </td>
                <td className={`${td} text-slate-700 dark:text-slate-200`}>{info.tutorial.advice}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function GilWorkersTable({ mode, result }: { mode: 'threads' | 'processes'; result: GilModeResult }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid={`gil-workers-${mode}`}>
        <caption className="pb-1 text-left text-sm font-medium">
          {mode === 'threads' ? 'Threads' : 'Processes'} in the median repeat ({formatMs(result.ms)})
        </caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className={th}>
              name
            </th>
            <th scope="col" className={th}>
              tasks
            </th>
            <th scope="col" className={th}>
              share of GIL time
            </th>
            <th scope="col" className={th}>
              waited for the GIL
            </th>
            <th scope="col" className={th}>
              longest wait
            </th>
            <th scope="col" className={th}>
              on I/O
            </th>
          </tr>
        </thead>
        <tbody>
          {result.workers.map((w) => (
            <tr key={w.name} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className={`${td} font-medium`}>
                {w.name}
              </th>
              <td className={td}>{w.tasksDone}</td>
              <td className={td}>{mode === 'threads' ? `${Math.round(w.gilShare * 100)}%` : 'own GIL'}</td>
              <td className={td}>{formatMs(w.gilWaitMs)}</td>
              <td className={td}>{formatMs(w.longestGilWaitMs)}</td>
              <td className={td}>{formatMs(w.ioMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
