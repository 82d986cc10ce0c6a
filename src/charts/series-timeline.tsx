/**
 * Numbers over time: one or more series as lines (or a stepped area), with optional horizontal
 * reference lines (a queue's maxsize…). React draws the SVG; d3 supplies scales and path strings.
 * The data is also given as a small table for screen readers.
 */
import { area, curveStepAfter, line, max, scaleLinear } from 'd3';
import type { Ref } from 'react';

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

const WIDTH = 640;
const MARGIN = { top: 18, right: 16, bottom: 40, left: 58 };

function shortNumber(n: number): string {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(+n.toFixed(2));
}

export function SeriesTimeline({
  series,
  title,
  yLabel,
  references = [],
  height = 220,
  domainMs,
  emptyText = 'Run to see it over time.',
  testId,
  svgRef,
}: {
  series: readonly TimelineSeries[];
  /** The chart's accessible name. */
  title: string;
  yLabel: string;
  references?: readonly TimelineReference[];
  height?: number;
  /** Fixed [start, end] of the time axis in ms; defaults to the data's extent. */
  domainMs?: readonly [number, number];
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  const tMax = domainMs ? domainMs[1] : (max(all, (p) => p[0]) ?? 1);
  const tMin = domainMs ? domainMs[0] : 0;
  const yMax = Math.max(1, max(all, (p) => p[1]) ?? 0, ...references.map((r) => r.value));
  const x = scaleLinear()
    .domain([tMin, Math.max(tMin + 1, tMax)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, yMax * 1.05])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const last = (s: TimelineSeries) => s.points.at(-1)?.[1];
  const summary = `${title}: ${series
    .map(
      (s) =>
        `${s.label} peaks at ${shortNumber(max(s.points, (p) => p[1]) ?? 0)}, ends at ${shortNumber(last(s) ?? 0)}`,
    )
    .join('; ')}.`;

  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
      >
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
              stroke="currentColor"
              strokeOpacity={0.12}
            />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" fontSize={13} fill="currentColor">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {series.map((s) => {
          const curve = s.stepped ? curveStepAfter : undefined;
          const linePath = line<readonly [number, number]>()
            .x((p) => x(p[0]))
            .y((p) => y(p[1]));
          if (curve) linePath.curve(curve);
          const areaPath = area<readonly [number, number]>()
            .x((p) => x(p[0]))
            .y0(y(0))
            .y1((p) => y(p[1]));
          if (curve) areaPath.curve(curve);
          return (
            <g key={s.key}>
              {s.filled && <path d={areaPath(s.points) ?? ''} fill={s.color} fillOpacity={0.25} />}
              <path d={linePath(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={2} />
            </g>
          );
        })}
        {references.map((r) => (
          <g key={r.label}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(r.value)}
              y2={y(r.value)}
              stroke="currentColor"
              strokeDasharray="6 4"
              strokeOpacity={0.7}
            />
            <text
              x={WIDTH - MARGIN.right - 4}
              y={y(r.value) - 5}
              textAnchor="end"
              fontSize={12}
              fill="currentColor"
            >
              {r.label}
            </text>
          </g>
        ))}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={y(0)}
          y2={y(0)}
          stroke="currentColor"
          strokeOpacity={0.5}
        />
        {x.ticks(6).map((t) => (
          <text
            key={t}
            x={x(t)}
            y={height - MARGIN.bottom + 18}
            textAnchor="middle"
            fontSize={13}
            fill="currentColor"
          >
            {`${+(t / 1000).toFixed(2)} s`}
          </text>
        ))}
        <text
          transform={`translate(14 ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={13}
          fill="currentColor"
          fillOpacity={0.75}
        >
          {yLabel}
        </text>
        {series.length > 1 &&
          series.map((s, i) => (
            <g
              key={`legend-${s.key}`}
              transform={`translate(${MARGIN.left + 8 + i * 150} ${MARGIN.top - 4})`}
            >
              <rect width={12} height={4} y={-4} fill={s.color} />
              <text x={16} fontSize={12} fill="currentColor">
                {s.label}
              </text>
            </g>
          ))}
      </svg>
    </figure>
  );
}
