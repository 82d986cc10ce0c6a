/**
 * One entry of a legend drawn inside an SVG chart: the series' swatch (a bar, a line…, drawn by
 * the chart from its origin at the text's baseline) and its name after it.
 */
import type { ReactNode } from 'react';

export function LegendEntry({
  x,
  y,
  swatchWidth,
  label,
  children,
}: {
  /** Where the entry starts, at the text's baseline. */
  x: number;
  y: number;
  swatchWidth: number;
  label: string;
  /** The swatch. */
  children: ReactNode;
}) {
  return (
    <g transform={`translate(${x} ${y})`}>
      {children}
      <text x={swatchWidth + 4} fontSize={12} fill="currentColor">
        {label}
      </text>
    </g>
  );
}
