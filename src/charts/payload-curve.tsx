/**
 * A cost against payload size: one line of points per series, payload bytes on a symmetric-log
 * axis (0 B sits at the left, then 16 B … MiB), the cost on a log or linear axis. Used for
 * "round trip vs message size" and "copy cost vs payload size". React draws; d3 scales.
 */
import { line, scaleLinear, scaleLog, scaleSymlog } from 'd3';
import type { Ref } from 'react';
import { powersOfTen } from './axes';
import { ChartFigure, EmptyChart } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, XAxisTitle, XTickLabels, YAxisTitle, YGrid } from './svg-axes';
import { LegendEntry } from './svg-legend';

export interface PayloadSeries {
  key: string;
  label: string;
  color: string;
  /** [payload bytes, value] in increasing payload order. */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
}

const WIDTH = 640;
const MARGIN = { top: 20, right: 20, bottom: 44, left: 64 };

export function formatBytesShort(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function PayloadCurve({
  series,
  title,
  yLabel,
  formatY,
  logY = true,
  height = 260,
  emptyText = 'Run to see how size changes the cost.',
  testId,
  svgRef,
}: {
  series: readonly PayloadSeries[];
  title: string;
  yLabel: string;
  formatY: (v: number) => string;
  logY?: boolean;
  height?: number;
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const drawable = (p: readonly [number, number]) => Number.isFinite(p[1]) && (!logY || p[1] > 0);
  const all = series.flatMap((s) => s.points).filter(drawable);
  if (all.length === 0) return <EmptyChart text={emptyText} testId={testId} width={WIDTH} height={height} />;
  const plot = plotArea(WIDTH, height, MARGIN);
  const xMax = Math.max(16, ...all.map((p) => p[0]));
  const xMin = Math.min(...all.map((p) => p[0]));
  const x = scaleSymlog()
    .constant(8)
    .domain([Math.min(0, xMin), xMax])
    .range([plot.left, plot.right]);
  const values = all.map((p) => p[1]);
  const yLo = Math.min(...values);
  const yHi = Math.max(...values);
  const y = logY
    ? scaleLog()
        .domain([yLo / 1.6, Math.max(yHi * 1.6, yLo * 10)])
        .range([plot.bottom, plot.top])
    : scaleLinear()
        .domain([0, yHi * 1.1 || 1])
        .nice()
        .range([plot.bottom, plot.top]);
  const yTicks = logY ? powersOfTen(y.domain()[0]!, y.domain()[1]!) : y.ticks(4);
  // Label the sizes that were measured; with many of them, fall back to powers of 16.
  const measured = [...new Set(all.map((p) => p[0]))].sort((a, b) => a - b);
  const xTicks =
    measured.length <= 7
      ? measured
      : [0, 16, 256, 4096, 65536, 1 << 20, 1 << 24].filter((t) => t >= x.domain()[0]! && t <= xMax * 1.001);
  const summary = `${title}: ${series
    .map((s) => `${s.label}: ${s.points.map(([b, v]) => `${formatBytesShort(b)} ${formatY(v)}`).join(', ')}`)
    .join('; ')}.`;

  return (
    <ChartFigure width={WIDTH} height={height} label={summary} testId={testId} svgRef={svgRef}>
      <YGrid plot={plot} y={y} ticks={yTicks} format={formatY} fontSize={12} />
      {series.map((s) => {
        const pts = s.points.filter(drawable);
        const d = line<readonly [number, number]>()
          .x((p) => x(p[0]))
          .y((p) => y(p[1]))(pts);
        return (
          <g key={s.key}>
            <path
              d={d ?? ''}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '6 4' : undefined}
            />
            {pts.map(([b, v]) => (
              <circle key={b} cx={x(b)} cy={y(v)} r={4} fill={s.color}>
                <title>{`${s.label}: ${formatBytesShort(b)} → ${formatY(v)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
      <Baseline plot={plot} />
      <XTickLabels plot={plot} x={x} ticks={xTicks} format={formatBytesShort} fontSize={12} />
      <XAxisTitle plot={plot}>payload size</XAxisTitle>
      <YAxisTitle plot={plot}>{yLabel}</YAxisTitle>
      {series.length > 1 &&
        series.map((s, i) => (
          <LegendEntry
            key={`legend-${s.key}`}
            x={plot.left + 10}
            y={plot.top + 8 + i * 16}
            swatchWidth={14}
            label={s.label}
          >
            <line
              x1={0}
              x2={14}
              y1={-4}
              y2={-4}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '4 2' : undefined}
            />
          </LegendEntry>
        ))}
    </ChartFigure>
  );
}
