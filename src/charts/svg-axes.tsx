/**
 * Axes of the SVG charts, in `currentColor` so they follow the theme: gridlines, tick labels,
 * the baseline and axis titles. Each takes the chart's PlotArea and a scale (any function from
 * value to viewBox units: linear, log or symlog) and the tick values the chart chose.
 */
import type { ReactNode } from 'react';
import type { PlotArea } from './plot-area';

type Scale = (value: number) => number;

/** Labelled ticks: the values the chart chose and how each reads. */
interface LabelledTicks {
  plot: PlotArea;
  ticks: readonly number[];
  format: (value: number) => string;
  fontSize?: number;
}

/** Horizontal gridlines across the plot, each labelled with its value left of the plot. */
export function YGrid({
  plot,
  y,
  ticks,
  format,
  fontSize = 13,
  strokeOpacity = 0.12,
}: LabelledTicks & { y: Scale; strokeOpacity?: number }) {
  return ticks.map((t) => (
    <g key={t}>
      <line
        x1={plot.left}
        x2={plot.right}
        y1={y(t)}
        y2={y(t)}
        stroke="currentColor"
        strokeOpacity={strokeOpacity}
      />
      <text x={plot.left - 6} y={y(t) + 4} textAnchor="end" fontSize={fontSize} fill="currentColor">
        {format(t)}
      </text>
    </g>
  ));
}

/** Vertical gridlines through the plot at each tick (label them with XTickLabels). */
export function XGrid({
  plot,
  x,
  ticks,
  strokeOpacity = 0.12,
}: {
  plot: PlotArea;
  x: Scale;
  ticks: readonly number[];
  strokeOpacity?: number;
}) {
  return ticks.map((t) => (
    <line
      key={t}
      x1={x(t)}
      x2={x(t)}
      y1={plot.top}
      y2={plot.bottom}
      stroke="currentColor"
      strokeOpacity={strokeOpacity}
    />
  ));
}

/** Tick values under the plot, centred on their ticks. */
export function XTickLabels({
  plot,
  x,
  ticks,
  format,
  fontSize = 13,
  offset = 18,
}: LabelledTicks & {
  x: Scale;
  /** From the plot's bottom edge to the labels' baseline. */
  offset?: number;
}) {
  return ticks.map((t) => (
    <text
      key={t}
      x={x(t)}
      y={plot.bottom + offset}
      textAnchor="middle"
      fontSize={fontSize}
      fill="currentColor"
    >
      {format(t)}
    </text>
  ));
}

/** The line along the plot's bottom edge: zero on a value axis that starts at zero. */
export function Baseline({ plot, strokeOpacity = 0.5 }: { plot: PlotArea; strokeOpacity?: number }) {
  return (
    <line
      x1={plot.left}
      x2={plot.right}
      y1={plot.bottom}
      y2={plot.bottom}
      stroke="currentColor"
      strokeOpacity={strokeOpacity}
    />
  );
}

/** What the horizontal axis measures, centred under the tick labels. */
export function XAxisTitle({
  plot,
  fontSize = 13,
  offset = 6,
  children,
}: {
  plot: PlotArea;
  fontSize?: number;
  /** From the bottom of the viewBox up to the title's baseline. */
  offset?: number;
  children: ReactNode;
}) {
  return (
    <text
      x={plot.centerX}
      y={plot.height - offset}
      textAnchor="middle"
      fontSize={fontSize}
      fill="currentColor"
      fillOpacity={0.75}
    >
      {children}
    </text>
  );
}

/** What the vertical axis measures, turned to read bottom to top along the left edge. */
export function YAxisTitle({
  plot,
  fillOpacity = 0.75,
  children,
}: {
  plot: PlotArea;
  fillOpacity?: number;
  children: ReactNode;
}) {
  return (
    <text
      transform={`translate(14 ${plot.centerY}) rotate(-90)`}
      textAnchor="middle"
      fontSize={13}
      fill="currentColor"
      fillOpacity={fillOpacity}
    >
      {children}
    </text>
  );
}
