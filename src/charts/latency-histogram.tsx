/**
 * Latency distributions on a log time axis: one outlined, lightly filled histogram per series
 * (each normalised to its own total, so a run of 100 and a run of 100,000 compare), with the
 * median of each marked. React draws the SVG; d3 supplies the scales and the step paths.
 */
import { area, curveStepAfter, scaleLinear, scaleLog } from 'd3';
import type { Ref } from 'react';
import { powersOfTen } from './axes';
import { ChartFigure, EmptyChart } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, XAxisTitle, XTickLabels, YGrid } from './svg-axes';
import { LegendEntry } from './svg-legend';

export interface LatencySeries {
  key: string;
  label: string;
  color: string;
  /** Bin edges in µs (log-spaced), one more than counts. */
  edgesUs: readonly number[];
  counts: readonly number[];
  medianUs?: number;
}

const WIDTH = 640;
const MARGIN = { top: 26, right: 16, bottom: 44, left: 52 };

export function formatMicros(us: number): string {
  if (us >= 1e6) return `${+(us / 1e6).toFixed(2)} s`;
  if (us >= 1e3) return `${+(us / 1e3).toFixed(2)} ms`;
  if (us >= 1) return `${+us.toFixed(1)} µs`;
  return `${Math.round(us * 1000)} ns`;
}

export function LatencyHistogram({
  series,
  title,
  height = 260,
  emptyText = 'Run to see the distribution.',
  testId,
  svgRef,
}: {
  series: readonly LatencySeries[];
  title: string;
  height?: number;
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const shown = series.filter((s) => s.counts.length > 0);
  if (shown.length === 0)
    return <EmptyChart text={emptyText} testId={testId} width={WIDTH} height={height} />;
  const plot = plotArea(WIDTH, height, MARGIN);
  const lo = Math.min(...shown.map((s) => s.edgesUs[0]!));
  const hi = Math.max(...shown.map((s) => s.edgesUs.at(-1)!));
  const x = scaleLog()
    .domain([lo, Math.max(hi, lo * 10)])
    .range([plot.left, plot.right]);
  const shares = shown.map((s) => {
    const total = s.counts.reduce((a, b) => a + b, 0) || 1;
    return s.counts.map((c) => c / total);
  });
  const yMax = Math.max(0.01, ...shares.flat());
  const y = scaleLinear()
    .domain([0, yMax * 1.1])
    .nice()
    .range([plot.bottom, plot.top]);
  const summary = `${title}: ${shown
    .map((s) => `${s.label}${s.medianUs !== undefined ? ` median ${formatMicros(s.medianUs)}` : ''}`)
    .join('; ')}.`;
  const [x0, x1] = x.domain() as [number, number];

  return (
    <ChartFigure width={WIDTH} height={height} label={summary} testId={testId} svgRef={svgRef}>
      <YGrid plot={plot} y={y} ticks={y.ticks(4)} format={(t) => `${Math.round(t * 100)}%`} fontSize={12} />
      {shown.map((s, i) => {
        const points: [number, number][] = s.edgesUs.map((edge, k) => [
          edge,
          shares[i]![Math.min(k, s.counts.length - 1)]!,
        ]);
        const path = area<[number, number]>()
          .x((p) => x(p[0]))
          .y0(y(0))
          .y1((p) => y(p[1]))
          .curve(curveStepAfter)(points);
        return (
          <path
            key={s.key}
            d={path ?? ''}
            fill={s.color}
            fillOpacity={0.22}
            stroke={s.color}
            strokeWidth={1.8}
          />
        );
      })}
      {shown.map((s, i) =>
        s.medianUs !== undefined && s.medianUs > 0 ? (
          <g key={`median-${s.key}`}>
            <line
              x1={x(s.medianUs)}
              x2={x(s.medianUs)}
              y1={plot.top}
              y2={plot.bottom}
              stroke={s.color}
              strokeDasharray="4 3"
              strokeWidth={1.5}
            />
            <text
              x={x(s.medianUs) + 4}
              y={plot.top + 12 + i * 14}
              fontSize={12}
              fill={s.color}
              fontWeight={600}
            >
              {`median ${formatMicros(s.medianUs)}`}
            </text>
          </g>
        ) : null,
      )}
      <Baseline plot={plot} />
      <XTickLabels plot={plot} x={x} ticks={powersOfTen(x0, x1)} format={formatMicros} />
      <XAxisTitle plot={plot}>round-trip time (log scale)</XAxisTitle>
      {shown.length > 1 &&
        shown.map((s, i) => (
          <LegendEntry
            key={`legend-${s.key}`}
            x={plot.right - 150}
            y={plot.top + 6 + i * 16}
            swatchWidth={12}
            label={s.label}
          >
            <rect width={12} height={10} y={-9} fill={s.color} fillOpacity={0.6} />
          </LegendEntry>
        ))}
    </ChartFigure>
  );
}
