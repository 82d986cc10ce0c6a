/**
 * GIL speedup bars: for each workload, the speedup of N threads and of N processes over one
 * thread, with the min–max range of the repeats as a whisker, and reference lines at 1× (no
 * gain) and N× (every worker busy all the time). React draws the SVG; d3 computes the scales.
 */
import { scaleBand, scaleLinear } from 'd3';
import type { Ref } from 'react';
import { ChartFigure } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, YAxisTitle, YGrid } from './svg-axes';

export interface GilSpeedupBar {
  key: string;
  label: string;
  speedup: number;
  /** Whisker: lowest and highest speedup over the repeats. */
  low: number;
  high: number;
  color: string;
}

export interface GilSpeedupGroup {
  key: string;
  label: string;
  bars: readonly GilSpeedupBar[];
}

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 18, right: 112, bottom: 54, left: 48 };

export function GilSpeedupBars({
  groups,
  workers,
  title,
  svgRef,
  testId,
}: {
  groups: readonly GilSpeedupGroup[];
  /** N: where the ideal line goes. */
  workers: number;
  /** Accessible name; the values are appended. */
  title: string;
  svgRef?: Ref<SVGSVGElement>;
  testId?: string;
}) {
  const plot = plotArea(WIDTH, HEIGHT, MARGIN);
  const top = Math.max(workers, 2, ...groups.flatMap((g) => g.bars.map((b) => b.high))) * 1.08;
  const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]).nice();
  const outer = scaleBand<string>()
    .domain(groups.map((g) => g.key))
    .range([plot.left, plot.right])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const barKeys = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.key)))];
  const inner = scaleBand<string>().domain(barKeys).range([0, outer.bandwidth()]).padding(0.12);
  const summary = groups
    .map((g) => `${g.label}: ${g.bars.map((b) => `${b.label} ${b.speedup.toFixed(2)}×`).join(', ')}`)
    .join('; ');
  const refLine = (value: number, label: string) => (
    <g key={label}>
      <line x1={plot.left} x2={plot.right} y1={y(value)} y2={y(value)} stroke="currentColor" strokeOpacity={0.55} strokeDasharray="5 4" />
      <text x={plot.right + 6} y={y(value)} dy="0.32em" fontSize={13} fill="currentColor" fillOpacity={0.85}>
        {label}
      </text>
    </g>
  );

  return (
    <ChartFigure
      width={WIDTH}
      height={HEIGHT}
      label={groups.length ? `${title}: ${summary}` : `${title}: no measurement yet`}
      testId={testId}
      svgRef={svgRef}
    >
      <YGrid plot={plot} y={y} ticks={y.ticks(5)} format={(t) => `${t}×`} strokeOpacity={0.08} />
      <Baseline plot={plot} />
      {refLine(1, '1× one thread')}
      {workers > 1 && refLine(workers, `${workers}× all busy`)}
      {groups.map((g) => (
        <g key={g.key} transform={`translate(${outer(g.key)},0)`}>
          {g.bars.map((b) => {
            const x0 = inner(b.key)!;
            const w = inner.bandwidth();
            const yTop = y(Math.max(0, b.speedup));
            return (
              <g key={b.key}>
                <rect x={x0} width={w} y={yTop} height={Math.max(0, y(0) - yTop)} rx={3} fill={b.color} fillOpacity={0.9} />
                <line x1={x0 + w / 2} x2={x0 + w / 2} y1={y(b.low)} y2={y(b.high)} stroke="currentColor" strokeWidth={1.5} />
                <line x1={x0 + w / 2 - 6} x2={x0 + w / 2 + 6} y1={y(b.low)} y2={y(b.low)} stroke="currentColor" strokeWidth={1.5} />
                <line x1={x0 + w / 2 - 6} x2={x0 + w / 2 + 6} y1={y(b.high)} y2={y(b.high)} stroke="currentColor" strokeWidth={1.5} />
                <text x={x0 + w / 2} y={Math.min(yTop, y(b.high)) - 6} textAnchor="middle" fontSize={14} fontWeight={600} fill="currentColor">
                  {b.speedup.toFixed(2)}×
                </text>
                <text x={x0 + w / 2} y={plot.bottom + 17} textAnchor="middle" fontSize={13} fill="currentColor">
                  {b.label}
                </text>
              </g>
            );
          })}
          <text x={outer.bandwidth() / 2} y={plot.bottom + 38} textAnchor="middle" fontSize={14} fontWeight={700} fill="currentColor">
            {g.label}
          </text>
        </g>
      ))}
      <YAxisTitle plot={plot} fillOpacity={0.8}>
        speedup over one thread
      </YAxisTitle>
    </ChartFigure>
  );
}
