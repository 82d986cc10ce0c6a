/**
 * A histogram of numbers (lost updates over repeats, waits for a lock…). Bins on a linear or a
 * log10 axis: waits span microseconds to milliseconds, so they read better on a log axis.
 */
import { bin, max, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { ChartFigure, EmptyChart, ScreenReaderTable } from './chart-figure';
import { plotArea } from './plot-area';
import { Baseline, XAxisTitle, XTickLabels, YGrid } from './svg-axes';

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
  let points: readonly number[] = values;
  if (options.log) {
    let smallest = Infinity;
    for (const v of values) if (v > 0 && v < smallest) smallest = v;
    const floor = Number.isFinite(smallest) ? smallest : 1;
    points = values.map((v) => Math.log10(Math.max(v, floor)));
  }
  // Loops, not Math.min(...points): spreading a long array is slow, and past ~100,000 values throws.
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
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
  const bins = useMemo(() => histogramBins(values, { log }), [values, log]);
  if (bins.length === 0) return <EmptyChart text={emptyText} testId={testId} width={WIDTH} height={height} />;
  const plot = plotArea(WIDTH, height, MARGIN);
  const lo = bins[0]!.x0;
  const hi = bins.at(-1)!.x1;
  const x = scaleLinear().domain([lo, hi]).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count) || 1])
    .nice()
    .range([plot.bottom, plot.top]);
  const shown = (v: number) => formatX(log ? 10 ** v : v);
  const binLabel = (b: HistogramBin) => `${shown(b.x0)} – ${shown(b.x1)}`;
  // One bin (all values equal): label its centre only, not ticks inside an artificial range.
  const ticks = bins.length === 1 ? [(lo + hi) / 2] : x.ticks(5);
  const countTicks = y.ticks(Math.min(4, y.domain()[1]!)).filter((t) => Number.isInteger(t));

  return (
    <ChartFigure
      width={WIDTH}
      height={height}
      label={title}
      testId={testId}
      extra={
        <ScreenReaderTable
          caption={title}
          rows={bins.map((b, i) => ({ key: i, label: binLabel(b), value: b.count }))}
        />
      }
    >
      <YGrid plot={plot} y={y} ticks={countTicks} format={String} />
      {bins.map((b, i) => (
        <rect
          key={i}
          x={x(b.x0) + 1}
          width={Math.max(1, x(b.x1) - x(b.x0) - 2)}
          y={y(b.count)}
          height={plot.bottom - y(b.count)}
          fill={color}
          rx={2}
        >
          <title>{`${binLabel(b)}: ${b.count}`}</title>
        </rect>
      ))}
      <Baseline plot={plot} />
      <XTickLabels plot={plot} x={x} ticks={ticks} format={shown} />
      <XAxisTitle plot={plot}>{xLabel}</XAxisTitle>
    </ChartFigure>
  );
}
