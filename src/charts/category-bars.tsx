/**
 * Vertical bars, one per category (a final counter value, a process…). React draws the SVG;
 * d3 only computes the scales. The values are also given as a table for screen readers.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import { ChartFigure, ScreenReaderTable } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, XAxisTitle } from './svg-axes';

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
  const plot = plotArea(WIDTH, height, MARGIN);
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([plot.left, plot.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max(bars, (b) => b.value) || 1])
    .range([plot.bottom, plot.top]);
  const fontSize = bars.length > 12 ? 12 : 15;

  return (
    <ChartFigure
      width={WIDTH}
      height={height}
      label={title}
      testId={testId}
      extra={
        <ScreenReaderTable
          caption={title}
          rows={bars.map((bar) => ({ key: bar.key, label: bar.label, value: bar.valueLabel ?? bar.value }))}
        />
      }
    >
      <Baseline plot={plot} strokeOpacity={0.4} />
      {bars.map((bar) => {
        const left = x(bar.key)!;
        const top = y(bar.value);
        const barHeight = Math.max(bar.value > 0 ? 1.5 : 0, plot.bottom - top);
        return (
          <g key={bar.key}>
            <rect
              x={left}
              width={x.bandwidth()}
              y={plot.bottom - barHeight}
              height={barHeight}
              rx={3}
              fill={bar.color ?? '#38bdf8'}
              fillOpacity={bar.emphasis ? 1 : 0.85}
              stroke={bar.emphasis ? 'currentColor' : 'none'}
              strokeWidth={bar.emphasis ? 2 : 0}
            />
            <text
              x={left + x.bandwidth() / 2}
              y={plot.bottom - barHeight - 6}
              textAnchor="middle"
              fontSize={fontSize}
              fill="currentColor"
            >
              {bar.valueLabel ?? bar.value.toLocaleString('en-US')}
            </text>
            <text
              x={left + x.bandwidth() / 2}
              y={plot.bottom + 18}
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
      <XAxisTitle plot={plot}>{xLabel}</XAxisTitle>
    </ChartFigure>
  );
}
