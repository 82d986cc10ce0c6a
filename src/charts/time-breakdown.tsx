/**
 * Where each pool's time went: one stacked bar per pool size (start-up, dispatch, compute,
 * collect), with the serial run as the yardstick on top. React draws; d3 supplies the scale.
 */
import { scaleLinear } from 'd3';
import { ChartSvg } from './chart-figure';

export interface BreakdownRow {
  label: string;
  startupMs: number;
  dispatchMs: number;
  computeMs: number;
  collectMs: number;
}

const PHASES = [
  { key: 'startupMs', name: 'start-up', className: 'fill-rose-400 dark:fill-rose-500' },
  { key: 'dispatchMs', name: 'dispatch', className: 'fill-amber-400 dark:fill-amber-500' },
  { key: 'computeMs', name: 'compute', className: 'fill-sky-500 dark:fill-sky-400' },
  { key: 'collectMs', name: 'collect', className: 'fill-emerald-500 dark:fill-emerald-400' },
] as const;

const WIDTH = 640;
const ROW = 26;
const LEFT = 84;
const RIGHT = 70;
const TOP = 30;

export function TimeBreakdownChart({ rows }: { rows: readonly BreakdownRow[] }) {
  const height = TOP + rows.length * ROW + 24;
  const total = (r: BreakdownRow) => r.startupMs + r.dispatchMs + r.computeMs + r.collectMs;
  const x = scaleLinear()
    .domain([0, Math.max(1e-3, ...rows.map(total))])
    .nice()
    .range([LEFT, WIDTH - RIGHT]);
  const label = `Time breakdown: ${rows
    .map((r) => `${r.label}: ${PHASES.map((p) => `${p.name} ${r[p.key].toFixed(1)} ms`).join(', ')}`)
    .join('; ')}.`;

  return (
    <ChartSvg
      width={WIDTH}
      height={height}
      label={label}
      testId="time-breakdown"
      className="h-auto w-full font-sans text-[11px]"
    >
      <title>{label}</title>
      {PHASES.map((phase, i) => (
        <g key={phase.key} transform={`translate(${LEFT + i * 110} 10)`}>
          <rect width={12} height={12} y={-6} className={phase.className} />
          <text x={16} dy="0.32em" className="fill-slate-700 dark:fill-slate-200">
            {phase.name}
          </text>
        </g>
      ))}
      {x.ticks(5).map((t) => (
        <g key={t}>
          <line
            x1={x(t)}
            x2={x(t)}
            y1={TOP - 4}
            y2={TOP + rows.length * ROW}
            className="stroke-slate-200 dark:stroke-slate-700"
          />
          <text
            x={x(t)}
            y={TOP + rows.length * ROW + 14}
            textAnchor="middle"
            className="fill-slate-600 dark:fill-slate-300"
          >
            {t} ms
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        let start = 0;
        const y0 = TOP + i * ROW;
        return (
          <g key={row.label}>
            <text
              x={LEFT - 8}
              y={y0 + ROW / 2}
              dy="0.32em"
              textAnchor="end"
              className="fill-slate-700 dark:fill-slate-200"
            >
              {row.label}
            </text>
            {PHASES.map((phase) => {
              const ms = row[phase.key];
              const x0 = x(start);
              start += ms;
              return (
                <rect
                  key={phase.key}
                  x={x0}
                  y={y0 + 4}
                  width={Math.max(0, x(start) - x0)}
                  height={ROW - 8}
                  className={phase.className}
                >
                  <title>{`${row.label}, ${phase.name}: ${ms.toFixed(2)} ms`}</title>
                </rect>
              );
            })}
            <text
              x={x(start) + 4}
              y={y0 + ROW / 2}
              dy="0.32em"
              className="fill-slate-600 dark:fill-slate-300"
            >
              {start.toFixed(1)} ms
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
