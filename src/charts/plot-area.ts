/**
 * Where an SVG chart plots: its viewBox less the margins that hold tick labels, axis titles and
 * legends. Charts draw in viewBox units (they scale to their container), so this is computed
 * once per render, never measured.
 */

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotArea {
  /** The viewBox. */
  width: number;
  height: number;
  /** The plot's edges, in viewBox units. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Where axis titles are centred. */
  centerX: number;
  centerY: number;
}

export function plotArea(width: number, height: number, margin: Margin): PlotArea {
  const right = width - margin.right;
  const bottom = height - margin.bottom;
  return {
    width,
    height,
    left: margin.left,
    right,
    top: margin.top,
    bottom,
    centerX: (margin.left + right) / 2,
    centerY: (margin.top + bottom) / 2,
  };
}
