/**
 * Cost per operation, one horizontal bar per way of doing it, on a log axis (the ways differ by
 * orders of magnitude: a linear axis would show one bar and two slivers). Each bar is labelled
 * with its value, and with how many times the cheapest it costs. React draws; d3 scales.
 */
import { scaleLog } from 'd3';
import type { Ref } from 'react';
import { powersOfTen } from './axes';
import { ChartFigure, EmptyChart } from './chart-figure';
import { plotArea } from './plot-area';
import { XAxisTitle, XGrid, XTickLabels } from './svg-axes';

export interface CostBar {
  key: string;
  label: string;
  value: number;
  color: string;
  /** A second line under the label (e.g. the Python statement). */
  note?: string;
}

const WIDTH = 640;
const ROW = 54;
/** The label column left of the bars, the value labels right of them, the axis under them. */
const MARGIN = { top: 10, right: 150, bottom: 30, left: 200 };

export function CostBars({
  bars,
  title,
  format,
  unit,
  testId,
  svgRef,
}: {
  bars: readonly CostBar[];
  title: string;
  format: (v: number) => string;
  /** Axis caption, e.g. "µs per increment (log scale)". */
  unit: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const positive = bars.filter((b) => b.value > 0);
  const height = MARGIN.top + bars.length * ROW + MARGIN.bottom;
  if (positive.length === 0)
    return <EmptyChart text="Run to compare the costs." testId={testId} width={WIDTH} height={height} />;
  const plot = plotArea(WIDTH, height, MARGIN);
  const lo = Math.min(...positive.map((b) => b.value));
  const hi = Math.max(...positive.map((b) => b.value));
  const floor = 10 ** Math.floor(Math.log10(lo) - 0.3);
  const x = scaleLog()
    .domain([floor, Math.max(hi * 1.2, floor * 10)])
    .range([plot.left, plot.right]);
  const decades = powersOfTen(floor, x.domain()[1]!);
  const summary = `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}${b.value > lo ? ` (${Math.round(b.value / lo).toLocaleString('en-US')}× the cheapest)` : ''}`).join('; ')}.`;

  return (
    <ChartFigure width={WIDTH} height={plot.height} label={summary} testId={testId} svgRef={svgRef}>
      <XGrid plot={plot} x={x} ticks={decades} />
      <XTickLabels plot={plot} x={x} ticks={decades} format={format} fontSize={12} offset={16} />
      {bars.map((b, i) => {
        const y = plot.top + i * ROW;
        const w = b.value > 0 ? Math.max(2, x(b.value) - plot.left) : 0;
        const times = b.value > 0 && b.value > lo ? b.value / lo : null;
        return (
          <g key={b.key}>
            <text
              x={plot.left - 10}
              y={y + 20}
              textAnchor="end"
              fontSize={14}
              fontWeight={600}
              fill="currentColor"
            >
              {b.label}
            </text>
            {b.note && (
              <text
                x={plot.left - 10}
                y={y + 38}
                textAnchor="end"
                fontSize={11}
                fill="currentColor"
                fillOpacity={0.7}
              >
                {b.note}
              </text>
            )}
            <rect x={plot.left} y={y + 8} width={w} height={28} rx={4} fill={b.color} />
            <text x={plot.left + w + 8} y={y + 27} fontSize={14} fontWeight={700} fill="currentColor">
              {format(b.value)}
              {times !== null && (
                <tspan
                  fontWeight={400}
                  fillOpacity={0.75}
                >{` · ${times >= 10 ? Math.round(times).toLocaleString('en-US') : times.toFixed(1)}×`}</tspan>
              )}
            </text>
          </g>
        );
      })}
      <XAxisTitle plot={plot} fontSize={12} offset={2}>
        {unit}
      </XAxisTitle>
    </ChartFigure>
  );
}
