/**
 * Draws numbers over time on a canvas: one or more series as lines (or a stepped area), with
 * optional horizontal reference lines (a queue's maxsize…), gridlines, tick labels and an axis
 * title. DOM-free: it runs in series-timeline.worker.ts, on the page where a canvas cannot be
 * handed to a worker, and on a fresh page canvas when the chart is exported as a PNG.
 *
 * Why a canvas: these charts change a few times a second during a run, while every core is busy
 * with workers. As SVG, each change re-rendered, laid out and painted dozens of elements on the
 * page's main thread; the painter worker redraws the whole chart off it.
 */
import { area, curveStepAfter, line, max, scaleLinear } from 'd3';
import { formatSecondsTick, formatShortNumber, timeDomain } from './axes';
import {
  beginPainterFrame,
  type AnyCanvas,
  type CanvasPainter,
  type Context2D,
  type PainterSurface,
  type PainterTools,
  type SurfaceMessage,
} from './canvas-painter';
import { packPoints, unpackPoints, type PackedPoints } from './packed';
import { plotArea } from './plot-area';

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

/** Everything the chart shows; the page posts it whenever it changes. */
export interface TimelineChart {
  series: readonly TimelineSeries[];
  yLabel: string;
  references: readonly TimelineReference[];
  /** Fixed [start, end] of the time axis in ms; defaults to the data's extent. */
  domainMs?: readonly [number, number];
  /** Drawn in place of the chart while there are no points. */
  emptyText: string;
  /** Height over width: the page gives the canvas the same CSS aspect ratio. */
  aspect: number;
}

/** The chart as posted: each series' points packed (see packed.ts). */
export interface PackedTimelineChart extends Omit<TimelineChart, 'series'> {
  series: readonly (Omit<TimelineSeries, 'points'> & { points: PackedPoints })[];
}

export type SeriesTimelineMessage = SurfaceMessage | { type: 'chart'; chart: PackedTimelineChart };

/** The message that shows `chart`. */
export function chartMessage(chart: TimelineChart): SeriesTimelineMessage {
  return {
    type: 'chart',
    chart: { ...chart, series: chart.series.map((s) => ({ ...s, points: packPoints(s.points) })) },
  };
}

const MARGIN = { top: 18, right: 16, bottom: 40, left: 58 };
const FONT_PX = 12;

export class SeriesTimelinePainter implements CanvasPainter<SeriesTimelineMessage> {
  private surface: PainterSurface | null = null;
  private chart: TimelineChart | null = null;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: Pick<PainterTools<never>, 'schedule'>,
  ) {}

  receive(message: SeriesTimelineMessage): void {
    if (message.type === 'surface') this.surface = message.surface;
    else
      this.chart = {
        ...message.chart,
        series: message.chart.series.map((s) => ({ ...s, points: unpackPoints(s.points) })),
      };
    this.tools.schedule(() => {
      if (this.surface && this.chart) paintTimeline(this.canvas, this.surface, this.chart);
    });
  }
}

/** Draws `chart` on `canvas` at the surface's width (its height follows the chart's aspect). */
export function paintTimeline(canvas: AnyCanvas, surface: PainterSurface, chart: TimelineChart): void {
  const width = surface.cssWidth;
  if (width <= 0) return;
  const height = Math.round(width * chart.aspect);
  const g = beginPainterFrame(canvas, width, height, surface.devicePixelRatio);
  if (!g) return;
  g.font = `${FONT_PX}px ${surface.fontFamily}`;
  const all = chart.series.flatMap((s) => s.points);
  if (all.length === 0) {
    drawEmpty(g, width, height, surface.ink, chart.emptyText);
    return;
  }

  const plot = plotArea(width, height, MARGIN);
  const tMin = chart.domainMs ? chart.domainMs[0] : 0;
  const tMax = chart.domainMs ? chart.domainMs[1] : (max(all, (p) => p[0]) ?? 1);
  const yMax = Math.max(1, max(all, (p) => p[1]) ?? 0, ...chart.references.map((r) => r.value));
  const x = scaleLinear().domain(timeDomain(tMin, tMax)).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain([0, yMax * 1.05])
    .nice()
    .range([plot.bottom, plot.top]);
  const ink = surface.ink;
  const hline = (at: number, alpha: number) => {
    g.globalAlpha = alpha;
    g.beginPath();
    g.moveTo(plot.left, Math.round(at) + 0.5);
    g.lineTo(plot.right, Math.round(at) + 0.5);
    g.stroke();
  };

  // Gridlines, each labelled with its value left of the plot.
  g.strokeStyle = ink;
  g.lineWidth = 1;
  g.fillStyle = ink;
  g.textAlign = 'end';
  g.textBaseline = 'middle';
  for (const t of y.ticks(4)) {
    hline(y(t), 0.12);
    g.globalAlpha = 1;
    g.fillText(formatShortNumber(t), plot.left - 6, y(t));
  }

  // The series: a translucent area under a depth, then its line.
  g.save();
  g.beginPath();
  g.rect(plot.left, plot.top - 2, plot.right - plot.left, plot.bottom - plot.top + 2);
  g.clip();
  for (const s of chart.series) {
    const linePath = line<readonly [number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]))
      .context(g as CanvasRenderingContext2D);
    const areaPath = area<readonly [number, number]>()
      .x((p) => x(p[0]))
      .y0(y(0))
      .y1((p) => y(p[1]))
      .context(g as CanvasRenderingContext2D);
    if (s.stepped) {
      linePath.curve(curveStepAfter);
      areaPath.curve(curveStepAfter);
    }
    if (s.filled) {
      g.globalAlpha = 0.25;
      g.fillStyle = s.color;
      g.beginPath();
      areaPath(s.points);
      g.fill();
    }
    g.globalAlpha = 1;
    g.strokeStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    linePath(s.points);
    g.stroke();
  }
  g.restore();

  // Reference lines, dashed, labelled at the right end.
  g.strokeStyle = ink;
  g.fillStyle = ink;
  g.lineWidth = 1;
  g.textAlign = 'end';
  g.textBaseline = 'alphabetic';
  for (const r of chart.references) {
    g.setLineDash([6, 4]);
    hline(y(r.value), 0.7);
    g.setLineDash([]);
    g.globalAlpha = 1;
    g.fillText(r.label, plot.right - 4, y(r.value) - 5);
  }

  hline(plot.bottom, 0.5);
  g.globalAlpha = 1;
  g.textAlign = 'center';
  g.textBaseline = 'alphabetic';
  for (const t of x.ticks(6)) g.fillText(formatSecondsTick(t), x(t), plot.bottom + 18);

  // The value axis's title, read bottom to top along the left edge.
  g.save();
  g.translate(14, plot.centerY);
  g.rotate(-Math.PI / 2);
  g.globalAlpha = 0.75;
  g.textBaseline = 'middle';
  g.fillText(chart.yLabel, 0, 0);
  g.restore();

  if (chart.series.length > 1) {
    g.textAlign = 'start';
    g.textBaseline = 'alphabetic';
    chart.series.forEach((s, i) => {
      const left = plot.left + 8 + i * 150;
      g.fillStyle = s.color;
      g.fillRect(left, plot.top - 8, 12, 4);
      g.fillStyle = ink;
      g.fillText(s.label, left + 16, plot.top - 4);
    });
  }
}

/** The placeholder before there are points: a dashed outline with the text in the middle. */
function drawEmpty(g: Context2D, width: number, height: number, ink: string, text: string): void {
  g.strokeStyle = ink;
  g.globalAlpha = 0.3;
  g.setLineDash([4, 3]);
  g.strokeRect(0.5, 0.5, width - 1, height - 1);
  g.setLineDash([]);
  g.globalAlpha = 0.7;
  g.fillStyle = ink;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(text, width / 2, height / 2);
  g.globalAlpha = 1;
}
