/**
 * Numbers over time: one or more series as lines (or a stepped area), with optional horizontal
 * reference lines (a queue's maxsize…). A painter worker draws the canvas
 * (series-timeline-painter.ts): the page only posts the series when they change. React owns the
 * <canvas> and its accessible name, which gives each series' peak and last value.
 */
import { max } from 'd3';
import { useEffect, useRef, type RefObject } from 'react';
import { formatShortNumber } from './axes';
import { ChartCanvas } from './chart-figure';
import { readCanvasSurface } from './canvas-surface';
import { createPainterHost, usePainterHost, usePainterSurface } from './painter-host';
import {
  chartMessage,
  paintTimeline,
  SeriesTimelinePainter,
  type SeriesTimelineMessage,
  type TimelineChart,
  type TimelineReference,
  type TimelineSeries,
} from './series-timeline-painter';

export type { TimelineReference, TimelineSeries } from './series-timeline-painter';

/** The chart drawn afresh on a page canvas (the on-screen one belongs to its worker), for export. */
export type TimelineSnapshot = () => HTMLCanvasElement | null;

const NO_REFERENCES: readonly TimelineReference[] = [];

export function SeriesTimeline({
  series,
  title,
  yLabel,
  references = NO_REFERENCES,
  aspect = 220 / 640,
  domainMs,
  emptyText = 'Run to see it over time.',
  testId,
  snapshotRef,
}: {
  series: readonly TimelineSeries[];
  /** The chart's accessible name. */
  title: string;
  yLabel: string;
  references?: readonly TimelineReference[];
  /** Height over width. */
  aspect?: number;
  /** Fixed [start, end] of the time axis in ms; defaults to the data's extent. */
  domainMs?: readonly [number, number];
  emptyText?: string;
  testId?: string;
  /** Set to a function that draws the chart on a new page canvas (to export it as a PNG). */
  snapshotRef?: RefObject<TimelineSnapshot | null>;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = usePainterHost(canvasRef, (canvas) =>
    createPainterHost<SeriesTimelineMessage>(canvas, {
      what: 'The chart',
      startWorker: () =>
        new Worker(new URL('./series-timeline.worker.ts', import.meta.url), {
          type: 'module',
          name: 'series timeline painter',
        }),
      createPainter: (target, tools) => new SeriesTimelinePainter(target, tools),
    }),
  );
  usePainterSurface(canvasRef, painter);
  const chartRef = useRef<TimelineChart | null>(null);

  useEffect(() => {
    const chart: TimelineChart = { series, yLabel, references, domainMs, emptyText, aspect };
    chartRef.current = chart;
    painter()?.post(chartMessage(chart));
  }, [painter, series, yLabel, references, domainMs, emptyText, aspect]);

  useEffect(() => {
    if (!snapshotRef) return;
    snapshotRef.current = () => {
      const onScreen = canvasRef.current;
      const chart = chartRef.current;
      if (!onScreen || !chart) return null;
      const copy = document.createElement('canvas');
      // Twice the CSS size, as the SVG charts export: sharp on any screen it is shown on later.
      paintTimeline(copy, { ...readCanvasSurface(onScreen), devicePixelRatio: 2 }, chart);
      return copy;
    };
    return () => {
      snapshotRef.current = null;
    };
  }, [snapshotRef]);

  const summary = series.every((s) => s.points.length === 0)
    ? `${title}: ${emptyText}`
    : `${title}: ${series
        .map(
          (s) =>
            `${s.label} peaks at ${formatShortNumber(max(s.points, (p) => p[1]) ?? 0)}, ends at ${formatShortNumber(s.points.at(-1)?.[1] ?? 0)}`,
        )
        .join('; ')}.`;

  return (
    <figure className="m-0" data-testid={testId}>
      <ChartCanvas canvasRef={canvasRef} label={summary} aspect={1 / aspect} />
    </figure>
  );
}
