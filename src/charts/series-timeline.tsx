/**
 * Numbers over time: one or more series as lines (or a stepped area), with optional horizontal
 * reference lines (a queue's maxsize…). React draws the SVG; d3 supplies scales and path strings.
 * The accessible name gives each series' peak and last value.
 */
import { area, curveStepAfter, line, max, scaleLinear } from 'd3';
import type { Ref } from 'react';
import { formatSecondsTick, formatShortNumber, timeDomain } from './axes';
import { ChartFigure, EmptyChart } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, XTickLabels, YAxisTitle, YGrid } from './svg-axes';
import { LegendEntry } from './svg-legend';

export interface TimelineSeries {
  key: string;
  label: string;
  color: string;
  /** [ms, value] points, in time order. */
  points: readonly (readonly [number, number])[];
  /** Filled down to zero (a depth), rather than a bare line (a rate). */
  filled?: boolean;
  /** Stepped: the value holds until the next sample (counts, depths). */
  stepped?: boolean;
}

export interface TimelineReference {
  value: number;
  label: string;
}

const WIDTH = 640;
const MARGIN = { top: 18, right: 16, bottom: 40, left: 58 };

export function SeriesTimeline({
  series,
  title,
  yLabel,
  references = [],
  height = 220,
  domainMs,
  emptyText = 'Run to see it over time.',
  testId,
  svgRef,
}: {
  series: readonly TimelineSeries[];
  /** The chart's accessible name. */
  title: string;
  yLabel: string;
  references?: readonly TimelineReference[];
  height?: number;
  /** Fixed [start, end] of the time axis in ms; defaults to the data's extent. */
  domainMs?: readonly [number, number];
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <EmptyChart text={emptyText} testId={testId} width={WIDTH} height={height} />;
  const plot = plotArea(WIDTH, height, MARGIN);
  const tMax = domainMs ? domainMs[1] : (max(all, (p) => p[0]) ?? 1);
  const tMin = domainMs ? domainMs[0] : 0;
  const yMax = Math.max(1, max(all, (p) => p[1]) ?? 0, ...references.map((r) => r.value));
  const x = scaleLinear().domain(timeDomain(tMin, tMax)).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain([0, yMax * 1.05])
    .nice()
    .range([plot.bottom, plot.top]);
  const last = (s: TimelineSeries) => s.points.at(-1)?.[1];
  const summary = `${title}: ${series
    .map(
      (s) =>
        `${s.label} peaks at ${formatShortNumber(max(s.points, (p) => p[1]) ?? 0)}, ends at ${formatShortNumber(last(s) ?? 0)}`,
    )
    .join('; ')}.`;

  return (
    <ChartFigure width={WIDTH} height={height} label={summary} testId={testId} svgRef={svgRef}>
      <YGrid plot={plot} y={y} ticks={y.ticks(4)} format={formatShortNumber} />
      {series.map((s) => {
        const curve = s.stepped ? curveStepAfter : undefined;
        const linePath = line<readonly [number, number]>()
          .x((p) => x(p[0]))
          .y((p) => y(p[1]));
        if (curve) linePath.curve(curve);
        const areaPath = area<readonly [number, number]>()
          .x((p) => x(p[0]))
          .y0(y(0))
          .y1((p) => y(p[1]));
        if (curve) areaPath.curve(curve);
        return (
          <g key={s.key}>
            {s.filled && <path d={areaPath(s.points) ?? ''} fill={s.color} fillOpacity={0.25} />}
            <path d={linePath(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={2} />
          </g>
        );
      })}
      {references.map((r) => (
        <g key={r.label}>
          <line
            x1={plot.left}
            x2={plot.right}
            y1={y(r.value)}
            y2={y(r.value)}
            stroke="currentColor"
            strokeDasharray="6 4"
            strokeOpacity={0.7}
          />
          <text x={plot.right - 4} y={y(r.value) - 5} textAnchor="end" fontSize={12} fill="currentColor">
            {r.label}
          </text>
        </g>
      ))}
      <Baseline plot={plot} />
      <XTickLabels plot={plot} x={x} ticks={x.ticks(6)} format={formatSecondsTick} />
      <YAxisTitle plot={plot}>{yLabel}</YAxisTitle>
      {series.length > 1 &&
        series.map((s, i) => (
          <LegendEntry
            key={`legend-${s.key}`}
            x={plot.left + 8 + i * 150}
            y={plot.top - 4}
            swatchWidth={12}
            label={s.label}
          >
            <rect width={12} height={4} y={-4} fill={s.color} />
          </LegendEntry>
        ))}
    </ChartFigure>
  );
}
