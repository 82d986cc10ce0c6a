/**
 * A histogram of numbers (lost updates over repeats, waits for a lock…). Bins on a linear or a
 * log10 axis: waits span microseconds to milliseconds, so they read better on a log axis.
 */
import { bin, max, scaleLinear } from 'd3';

const WIDTH = 640;
const MARGIN = { top: 20, right: 16, bottom: 48, left: 44 };

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/** Bins `values`; on a log axis, values ≤ 0 count in the first bin. Exported for tests. */
export function histogramBins(
  values: readonly number[],
  options: { log?: boolean; bins?: number } = {},
): HistogramBin[] {
  if (values.length === 0) return [];
  let points = [...values];
  if (options.log) {
    const smallest = Math.min(...values.filter((v) => v > 0), Infinity);
    const floor = Number.isFinite(smallest) ? smallest : 1;
    points = values.map((v) => Math.log10(Math.max(v, floor)));
  }
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  // All equal: one bin around the value, rather than a zero-width bin that cannot be drawn.
  if (hi - lo < 1e-12) return [{ x0: lo - 0.5, x1: hi + 0.5, count: values.length }];
  const binner = bin()
    .domain([lo, hi])
    .thresholds(options.bins ?? Math.min(20, Math.max(5, Math.ceil(Math.sqrt(values.length)))));
  return binner(points).map((b) => ({ x0: b.x0!, x1: b.x1!, count: b.length }));
}

export function Histogram({
  values,
  title,
  xLabel,
  formatX = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 1 }),
  log = false,
  color = '#f472b6',
  height = 220,
  emptyText = 'No data yet.',
  testId,
}: {
  values: readonly number[];
  title: string;
  xLabel: string;
  /** Formats a value on the original (not log) scale. */
  formatX?: (v: number) => string;
  log?: boolean;
  color?: string;
  height?: number;
  emptyText?: string;
  testId?: string;
}) {
  const bins = histogramBins(values, { log });
  if (bins.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  const lo = bins[0]!.x0;
  const hi = bins.at(-1)!.x1;
  const x = scaleLinear()
    .domain([lo, hi])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count) || 1])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const shown = (v: number) => formatX(log ? 10 ** v : v);
  // One bin (all values equal): label its centre only, not ticks inside an artificial range.
  const ticks = bins.length === 1 ? [(lo + hi) / 2] : x.ticks(5);
  const countTicks = y.ticks(Math.min(4, y.domain()[1]!)).filter((t) => Number.isInteger(t));

  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={title}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
      >
        {countTicks.map((t) => (
          <g key={t}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
              stroke="currentColor"
              strokeOpacity={0.12}
            />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" fontSize={13} fill="currentColor">
              {t}
            </text>
          </g>
        ))}
        {bins.map((b, i) => (
          <rect
            key={i}
            x={x(b.x0) + 1}
            width={Math.max(1, x(b.x1) - x(b.x0) - 2)}
            y={y(b.count)}
            height={height - MARGIN.bottom - y(b.count)}
            fill={color}
            rx={2}
          >
            <title>{`${shown(b.x0)} – ${shown(b.x1)}: ${b.count}`}</title>
          </rect>
        ))}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={height - MARGIN.bottom}
          y2={height - MARGIN.bottom}
          stroke="currentColor"
          strokeOpacity={0.5}
        />
        {ticks.map((t) => (
          <text
            key={t}
            x={x(t)}
            y={height - MARGIN.bottom + 18}
            textAnchor="middle"
            fontSize={13}
            fill="currentColor"
          >
            {shown(t)}
          </text>
        ))}
        <text
          x={(MARGIN.left + WIDTH - MARGIN.right) / 2}
          y={height - 6}
          textAnchor="middle"
          fontSize={13}
          fill="currentColor"
          fillOpacity={0.75}
        >
          {xLabel}
        </text>
      </svg>
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <tbody>
            {bins.map((b, i) => (
              <tr key={i}>
                <th scope="row">{`${shown(b.x0)} – ${shown(b.x1)}`}</th>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
