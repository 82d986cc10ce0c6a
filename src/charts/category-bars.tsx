/**
 * Vertical bars, one per category (a final counter value, a process…). React draws the SVG;
 * d3 only computes the scales. The values are also given as a table for screen readers.
 */
import { max, scaleBand, scaleLinear } from 'd3';

export interface CategoryBar {
  key: string;
  /** Under the bar. */
  label: string;
  value: number;
  /** Above the bar; defaults to the value. */
  valueLabel?: string;
  color?: string;
  /** Drawn stronger, e.g. the expected final value. */
  emphasis?: boolean;
}

const WIDTH = 640;
const MARGIN = { top: 28, right: 12, bottom: 44, left: 12 };

export function CategoryBars({
  bars,
  title,
  xLabel,
  height = 240,
  testId,
}: {
  bars: readonly CategoryBar[];
  /** The chart's accessible name. */
  title: string;
  xLabel: string;
  height?: number;
  testId?: string;
}) {
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max(bars, (b) => b.value) || 1])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const fontSize = bars.length > 12 ? 12 : 15;

  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={title}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
      >
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={height - MARGIN.bottom}
          y2={height - MARGIN.bottom}
          stroke="currentColor"
          strokeOpacity={0.4}
        />
        {bars.map((bar) => {
          const left = x(bar.key)!;
          const top = y(bar.value);
          const barHeight = Math.max(bar.value > 0 ? 1.5 : 0, height - MARGIN.bottom - top);
          return (
            <g key={bar.key}>
              <rect
                x={left}
                width={x.bandwidth()}
                y={height - MARGIN.bottom - barHeight}
                height={barHeight}
                rx={3}
                fill={bar.color ?? '#38bdf8'}
                fillOpacity={bar.emphasis ? 1 : 0.85}
                stroke={bar.emphasis ? 'currentColor' : 'none'}
                strokeWidth={bar.emphasis ? 2 : 0}
              />
              <text
                x={left + x.bandwidth() / 2}
                y={height - MARGIN.bottom - barHeight - 6}
                textAnchor="middle"
                fontSize={fontSize}
                fill="currentColor"
              >
                {bar.valueLabel ?? bar.value.toLocaleString('en-US')}
              </text>
              <text
                x={left + x.bandwidth() / 2}
                y={height - MARGIN.bottom + 18}
                textAnchor="middle"
                fontSize={fontSize}
                fontWeight={bar.emphasis ? 700 : 400}
                fill="currentColor"
              >
                {bar.label}
              </text>
            </g>
          );
        })}
        <text
          x={WIDTH / 2}
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
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.label}</th>
                <td>{bar.valueLabel ?? bar.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
