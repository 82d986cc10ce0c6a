/**
 * Latency distributions on a log time axis: one outlined, lightly filled histogram per series
 * (each normalised to its own total, so a run of 100 and a run of 100,000 compare), with the
 * median of each marked. React draws the SVG; d3 supplies the scales and the step paths.
 */
import { area, curveStepAfter, scaleLinear, scaleLog } from 'd3';
import type { Ref } from 'react';

export interface LatencySeries {
  key: string;
  label: string;
  color: string;
  /** Bin edges in µs (log-spaced), one more than counts. */
  edgesUs: readonly number[];
  counts: readonly number[];
  medianUs?: number;
}

const WIDTH = 640;
const MARGIN = { top: 26, right: 16, bottom: 44, left: 52 };

export function formatMicros(us: number): string {
  if (us >= 1e6) return `${+(us / 1e6).toFixed(2)} s`;
  if (us >= 1e3) return `${+(us / 1e3).toFixed(2)} ms`;
  if (us >= 1) return `${+us.toFixed(1)} µs`;
  return `${Math.round(us * 1000)} ns`;
}

export function LatencyHistogram({
  series,
  title,
  height = 260,
  emptyText = 'Run to see the distribution.',
  testId,
  svgRef,
}: {
  series: readonly LatencySeries[];
  title: string;
  height?: number;
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const shown = series.filter((s) => s.counts.length > 0);
  if (shown.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  const lo = Math.min(...shown.map((s) => s.edgesUs[0]!));
  const hi = Math.max(...shown.map((s) => s.edgesUs.at(-1)!));
  const x = scaleLog()
    .domain([lo, Math.max(hi, lo * 10)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const shares = shown.map((s) => {
    const total = s.counts.reduce((a, b) => a + b, 0) || 1;
    return s.counts.map((c) => c / total);
  });
  const yMax = Math.max(0.01, ...shares.flat());
  const y = scaleLinear()
    .domain([0, yMax * 1.1])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const summary = `${title}: ${shown
    .map((s) => `${s.label}${s.medianUs !== undefined ? ` median ${formatMicros(s.medianUs)}` : ''}`)
    .join('; ')}.`;
  const decades: number[] = [];
  for (let d = Math.floor(Math.log10(lo)); d <= Math.ceil(Math.log10(hi)); d++) {
    const v = 10 ** d;
    if (v >= x.domain()[0]! && v <= x.domain()[1]!) decades.push(v);
  }

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
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" fontSize={12} fill="currentColor">
              {`${Math.round(t * 100)}%`}
            </text>
          </g>
        ))}
        {shown.map((s, i) => {
          const points: [number, number][] = s.edgesUs.map((edge, k) => [
            edge,
            shares[i]![Math.min(k, s.counts.length - 1)]!,
          ]);
          const path = area<[number, number]>()
            .x((p) => x(p[0]))
            .y0(y(0))
            .y1((p) => y(p[1]))
            .curve(curveStepAfter)(points);
          return (
            <path
              key={s.key}
              d={path ?? ''}
              fill={s.color}
              fillOpacity={0.22}
              stroke={s.color}
              strokeWidth={1.8}
            />
          );
        })}
        {shown.map((s, i) =>
          s.medianUs !== undefined && s.medianUs > 0 ? (
            <g key={`median-${s.key}`}>
              <line
                x1={x(s.medianUs)}
                x2={x(s.medianUs)}
                y1={MARGIN.top}
                y2={height - MARGIN.bottom}
                stroke={s.color}
                strokeDasharray="4 3"
                strokeWidth={1.5}
              />
              <text
                x={x(s.medianUs) + 4}
                y={MARGIN.top + 12 + i * 14}
                fontSize={12}
                fill={s.color}
                fontWeight={600}
              >
                {`median ${formatMicros(s.medianUs)}`}
              </text>
            </g>
          ) : null,
        )}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={y(0)}
          y2={y(0)}
          stroke="currentColor"
          strokeOpacity={0.5}
        />
        {decades.map((t) => (
          <text
            key={t}
            x={x(t)}
            y={height - MARGIN.bottom + 18}
            textAnchor="middle"
            fontSize={13}
            fill="currentColor"
          >
            {formatMicros(t)}
          </text>
        ))}
        <text
          x={(MARGIN.left + WIDTH - MARGIN.right) / 2}
          y={height - 6}
          textAnchor="middle"
          fontSize={13}
          fill="currentColor"
          fillOpacity={0.75}
        >
          round-trip time (log scale)
        </text>
        {shown.length > 1 &&
          shown.map((s, i) => (
            <g
              key={`legend-${s.key}`}
              transform={`translate(${WIDTH - MARGIN.right - 150} ${MARGIN.top + 6 + i * 16})`}
            >
              <rect width={12} height={10} y={-9} fill={s.color} fillOpacity={0.6} />
              <text x={16} fontSize={12} fill="currentColor">
                {s.label}
              </text>
            </g>
          ))}
      </svg>
    </figure>
  );
}
