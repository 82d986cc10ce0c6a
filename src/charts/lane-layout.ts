/**
 * The geometry of a lane chart: one horizontal lane per process over time, a label column on the
 * left, a time axis under the lanes. Pure: the canvas charts compute it once per frame from the
 * width they were given, never by measuring the page.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import { timeDomain } from './axes';

export interface LaneGeometry {
  laneHeight: number;
  /** Time runs from plotLeft to plotRight; the label column is left of plotLeft. */
  plotLeft: number;
  plotRight: number;
  /** Just under the last lane. */
  axisTop: number;
  /** The whole chart: lanes and axis, CSS px. */
  height: number;
}

/**
 * A lane height that fits `lanes` lanes into about `budget` px, kept within [min, max]: a few
 * lanes do not become slabs, and sixteen stay readable.
 */
export function fitLaneHeight(
  lanes: number,
  { min, max, budget }: { min: number; max: number; budget: number },
): number {
  return Math.max(min, Math.min(max, budget / Math.max(1, lanes)));
}

export function laneGeometry({
  lanes,
  width,
  laneHeight,
  labelWidth,
  rightGap,
  axisHeight,
}: {
  lanes: number;
  /** CSS px. */
  width: number;
  laneHeight: number;
  labelWidth: number;
  /** Room right of the plot (the last tick label, an exit-code badge). */
  rightGap: number;
  axisHeight: number;
}): LaneGeometry {
  const axisTop = lanes * laneHeight;
  return {
    laneHeight,
    plotLeft: labelWidth,
    plotRight: width - rightGap,
    axisTop,
    height: axisTop + axisHeight,
  };
}

/**
 * Time (ms) across the plot. Clamped: a segment that began before the domain or runs past it
 * is drawn to the plot's edge, never over the labels.
 */
export function laneTimeScale(
  geometry: LaneGeometry,
  start: number,
  end: number,
): ScaleLinear<number, number> {
  return scaleLinear()
    .domain(timeDomain(start, end))
    .range([geometry.plotLeft, geometry.plotRight])
    .clamp(true);
}
