/**
 * Start latency bars: horizontal bars on a log-scale time axis, because starting a process and
 * handing a task to a warm one differ by a thousand times. Each row is one way to get code
 * running (CPython's fork / forkserver / spawn, a new worker, a warm pool); a row may carry its
 * individual samples as dots over the bar (the bar is their median). React draws the SVG; d3
 * computes the scale.
 */
import { scaleLog } from 'd3';
import type { Ref } from 'react';
import { powersOfTen } from './axes';
import { ChartFigure } from './chart-figure';
import { plotArea } from './plot-area';
import { XAxisTitle, XGrid, XTickLabels } from './svg-axes';

export interface StartLatencyRow {
  key: string;
  label: string;
  /** A second line under the label, e.g. "reference figure" or "measured, median of 15". */
  note?: string;
  ms: number;
  color: string;
  /** Drawn as dots over the bar. */
  samples?: readonly number[];
  /** A reference figure rather than a measurement: drawn hatched. */
  reference?: boolean;
}

const WIDTH = 680;
const ROW = 46;
const MARGIN = { top: 10, right: 86, bottom: 40, left: 210 };

function label(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${ms.toFixed(3)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function StartLatencyBars({
  rows,
  title,
  svgRef,
  testId,
}: {
  rows: readonly StartLatencyRow[];
  title: string;
  svgRef?: Ref<SVGSVGElement>;
  testId?: string;
}) {
  const plot = plotArea(WIDTH, MARGIN.top + rows.length * ROW + MARGIN.bottom, MARGIN);
  const values = rows.flatMap((r) => [r.ms, ...(r.samples ?? [])]).filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.min(0.01, ...values) * 0.8;
  const hi = Math.max(100, ...values) * 1.25;
  const x = scaleLog().domain([lo, hi]).range([plot.left, plot.right]).clamp(true);
  const ticks = powersOfTen(lo, hi);
  const summary = rows.map((r) => `${r.label} ${label(r.ms)}`).join('; ');

  return (
    <ChartFigure width={WIDTH} height={plot.height} label={`${title}: ${summary}`} testId={testId} svgRef={svgRef}>
      <defs>
        <pattern id="start-latency-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="currentColor" fillOpacity={0.12} />
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeOpacity={0.45} strokeWidth={2.5} />
        </pattern>
      </defs>
      <XGrid plot={plot} x={x} ticks={ticks} strokeOpacity={0.1} />
      <XTickLabels plot={plot} x={x} ticks={ticks} format={label} />
      <XAxisTitle plot={plot}>time until the code runs (log scale)</XAxisTitle>
      {rows.map((r, i) => {
        const top = plot.top + i * ROW;
        const end = x(Math.max(lo, r.ms));
        return (
          <g key={r.key}>
            <text x={plot.left - 10} y={top + ROW / 2 - (r.note ? 7 : 0)} dy="0.32em" textAnchor="end" fontSize={14} fontWeight={600} fill="currentColor">
              {r.label}
            </text>
            {r.note && (
              <text x={plot.left - 10} y={top + ROW / 2 + 10} dy="0.32em" textAnchor="end" fontSize={12} fill="currentColor" fillOpacity={0.7}>
                {r.note}
              </text>
            )}
            <rect
              x={plot.left}
              y={top + 9}
              width={Math.max(1, end - plot.left)}
              height={ROW - 18}
              rx={3}
              fill={r.reference ? 'url(#start-latency-hatch)' : r.color}
              stroke={r.color}
              strokeWidth={r.reference ? 2 : 0}
              fillOpacity={r.reference ? 1 : 0.85}
            />
            {r.samples?.map((s, j) => (
              <circle
                key={j}
                cx={x(Math.max(lo, s))}
                cy={top + ROW / 2 + (((j * 7) % 11) - 5) * 1.3}
                r={2.6}
                fill="currentColor"
                fillOpacity={0.55}
              />
            ))}
            <text
              x={Math.min(plot.right + 4, Math.max(end, ...(r.samples ?? []).map((s) => x(Math.max(lo, s)))) + 8)}
              y={top + ROW / 2}
              dy="0.32em"
              fontSize={14}
              fontWeight={600}
              fill="currentColor"
            >
              {label(r.ms)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
