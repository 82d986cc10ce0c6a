/**
 * The elements a chart draws into, and what stands around them: the <svg> or <canvas> that
 * scales to its container and carries the chart's accessible name, the <figure> that carries its
 * test id, the placeholder shown before there is anything to draw, and the table screen readers
 * get instead of the bars.
 */
import type { ReactNode, Ref } from 'react';

/**
 * The chart's ink: SVG axes draw in `currentColor`, and canvas charts read this colour from the
 * canvas (canvas-surface.ts), so this one class themes both, light and dark.
 */
const CHART_INK = 'text-slate-700 dark:text-slate-200';

interface ChartSvgProps {
  /** The viewBox: the chart draws in these units and scales to the container's width. */
  width: number;
  height: number;
  /** The accessible name: what the chart shows, with its values where they fit. */
  label: string;
  /** For exporting the chart as an image. */
  svgRef?: Ref<SVGSVGElement>;
  testId?: string;
  children: ReactNode;
}

export function ChartSvg({
  width,
  height,
  label,
  svgRef,
  testId,
  className = `h-auto w-full ${CHART_INK}`,
  children,
}: ChartSvgProps & { className?: string }) {
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className={className}
      data-testid={testId}
    >
      {children}
    </svg>
  );
}

/** A chart in a <figure>: the test id goes on the figure, `extra` (e.g. a screen-reader table) after the SVG. */
export function ChartFigure({ testId, extra, ...svg }: ChartSvgProps & { extra?: ReactNode }) {
  return (
    <figure className="m-0" data-testid={testId}>
      <ChartSvg {...svg} />
      {extra}
    </figure>
  );
}

/**
 * The <canvas> of a canvas chart. Its height is set by the chart as it draws, or by CSS from
 * `aspect` (width over height): a painter worker's canvas has no style of its own to set.
 */
export function ChartCanvas({
  canvasRef,
  label,
  testId,
  aspect,
}: {
  canvasRef: Ref<HTMLCanvasElement>;
  /** The accessible name: the pixels say nothing to a screen reader. */
  label: string;
  testId?: string;
  aspect?: number;
}) {
  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label={label}
      className={`block w-full ${CHART_INK}`}
      style={aspect ? { aspectRatio: String(aspect) } : undefined}
      data-testid={testId}
    />
  );
}

/**
 * Stands where a chart will be until there is data; keeps the chart's test id. Given the chart's
 * viewBox, it takes the room the chart will take: a chart that grew from one line of text to its
 * full height when a run's first data came in would move the whole page under it, and laying that
 * out and painting it again mid-run is the costliest frame while every core is busy with workers.
 */
export function EmptyChart({
  text,
  testId,
  width,
  height,
}: {
  text: string;
  testId?: string;
  /** The chart's viewBox, for its aspect ratio. */
  width?: number;
  height?: number;
}) {
  const reserved = width && height ? { aspectRatio: `${width} / ${height}` } : undefined;
  return (
    <p
      className={`flex items-center justify-center text-center text-sm text-slate-500 dark:text-slate-400 ${
        reserved ? 'w-full rounded-md border border-dashed border-slate-300 dark:border-slate-700' : 'py-6'
      }`}
      style={reserved}
      data-testid={testId}
    >
      {text}
    </p>
  );
}

export interface ScreenReaderRow {
  key: string | number;
  label: string;
  value: ReactNode;
}

/** The chart's values as a table, read by screen readers and hidden on screen. */
export function ScreenReaderTable({ caption, rows }: { caption: string; rows: readonly ScreenReaderRow[] }) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
