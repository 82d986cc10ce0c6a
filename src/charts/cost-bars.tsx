/**
 * Cost per operation, one horizontal bar per way of doing it, on a log axis (the ways differ by
 * orders of magnitude: a linear axis would show one bar and two slivers). Each bar is labelled
 * with its value, and with how many times the cheapest it costs. React draws; d3 scales.
 */
import { scaleLog } from 'd3';
import type { Ref } from 'react';

export interface CostBar {
  key: string;
  label: string;
  value: number;
  color: string;
  /** A second line under the label (e.g. the Python statement). */
  note?: string;
}

const WIDTH = 640;
const LABEL = 200;
const RIGHT = 150;
const ROW = 54;
const TOP = 10;
const AXIS = 30;

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
  if (positive.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400" data-testid={testId}>
        Run to compare the costs.
      </p>
    );
  }
  const lo = Math.min(...positive.map((b) => b.value));
  const hi = Math.max(...positive.map((b) => b.value));
  const floor = 10 ** Math.floor(Math.log10(lo) - 0.3);
  const x = scaleLog()
    .domain([floor, Math.max(hi * 1.2, floor * 10)])
    .range([LABEL, WIDTH - RIGHT]);
  const height = TOP + bars.length * ROW + AXIS;
  const decades: number[] = [];
  for (let d = Math.round(Math.log10(floor)); 10 ** d <= x.domain()[1]!; d++) decades.push(10 ** d);
  const summary = `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}${b.value > lo ? ` (${Math.round(b.value / lo).toLocaleString('en-US')}× the cheapest)` : ''}`).join('; ')}.`;

  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
      >
        {decades.map((t) => (
          <g key={t}>
            <line
              x1={x(t)}
              x2={x(t)}
              y1={TOP}
              y2={height - AXIS}
              stroke="currentColor"
              strokeOpacity={0.12}
            />
            <text x={x(t)} y={height - AXIS + 16} textAnchor="middle" fontSize={12} fill="currentColor">
              {format(t)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const y = TOP + i * ROW;
          const w = b.value > 0 ? Math.max(2, x(b.value) - LABEL) : 0;
          const times = b.value > 0 && b.value > lo ? b.value / lo : null;
          return (
            <g key={b.key}>
              <text
                x={LABEL - 10}
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
                  x={LABEL - 10}
                  y={y + 38}
                  textAnchor="end"
                  fontSize={11}
                  fill="currentColor"
                  fillOpacity={0.7}
                >
                  {b.note}
                </text>
              )}
              <rect x={LABEL} y={y + 8} width={w} height={28} rx={4} fill={b.color} />
              <text x={LABEL + w + 8} y={y + 27} fontSize={14} fontWeight={700} fill="currentColor">
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
        <text
          x={(LABEL + WIDTH - RIGHT) / 2}
          y={height - 2}
          textAnchor="middle"
          fontSize={12}
          fill="currentColor"
          fillOpacity={0.75}
        >
          {unit}
        </text>
      </svg>
    </figure>
  );
}
