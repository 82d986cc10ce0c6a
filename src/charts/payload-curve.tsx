/**
 * A cost against payload size: one line of points per series, payload bytes on a symmetric-log
 * axis (0 B sits at the left, then 16 B … MiB), the cost on a log or linear axis. Used for
 * "round trip vs message size" and "copy cost vs payload size". React draws; d3 scales.
 */
import { line, scaleLinear, scaleLog, scaleSymlog } from 'd3';
import type { Ref } from 'react';

export interface PayloadSeries {
  key: string;
  label: string;
  color: string;
  /** [payload bytes, value] in increasing payload order. */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
}

const WIDTH = 640;
const MARGIN = { top: 20, right: 20, bottom: 44, left: 64 };

export function formatBytesShort(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function PayloadCurve({
  series,
  title,
  yLabel,
  formatY,
  logY = true,
  height = 260,
  emptyText = 'Run to see how size changes the cost.',
  testId,
  svgRef,
}: {
  series: readonly PayloadSeries[];
  title: string;
  yLabel: string;
  formatY: (v: number) => string;
  logY?: boolean;
  height?: number;
  emptyText?: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
}) {
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p[1]) && (!logY || p[1] > 0));
  if (all.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  const xMax = Math.max(16, ...all.map((p) => p[0]));
  const xMin = Math.min(...all.map((p) => p[0]));
  const x = scaleSymlog()
    .constant(8)
    .domain([Math.min(0, xMin), xMax])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const values = all.map((p) => p[1]);
  const yLo = Math.min(...values);
  const yHi = Math.max(...values);
  const y = logY
    ? scaleLog()
        .domain([yLo / 1.6, Math.max(yHi * 1.6, yLo * 10)])
        .range([height - MARGIN.bottom, MARGIN.top])
    : scaleLinear()
        .domain([0, yHi * 1.1 || 1])
        .nice()
        .range([height - MARGIN.bottom, MARGIN.top]);
  const yTicks = logY
    ? (() => {
        const out: number[] = [];
        for (
          let d = Math.floor(Math.log10(y.domain()[0]!));
          d <= Math.ceil(Math.log10(y.domain()[1]!));
          d++
        ) {
          const v = 10 ** d;
          if (v >= y.domain()[0]! && v <= y.domain()[1]!) out.push(v);
        }
        return out;
      })()
    : y.ticks(4);
  // Label the sizes that were measured; with many of them, fall back to powers of 16.
  const measured = [...new Set(all.map((p) => p[0]))].sort((a, b) => a - b);
  const xTicks =
    measured.length <= 7
      ? measured
      : [0, 16, 256, 4096, 65536, 1 << 20, 1 << 24].filter((t) => t >= x.domain()[0]! && t <= xMax * 1.001);
  const summary = `${title}: ${series
    .map((s) => `${s.label}: ${s.points.map(([b, v]) => `${formatBytesShort(b)} ${formatY(v)}`).join(', ')}`)
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
        {yTicks.map((t) => (
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
              {formatY(t)}
            </text>
          </g>
        ))}
        {series.map((s) => {
          const pts = s.points.filter((p) => Number.isFinite(p[1]) && (!logY || p[1] > 0));
          const d = line<readonly [number, number]>()
            .x((p) => x(p[0]))
            .y((p) => y(p[1]))(pts);
          return (
            <g key={s.key}>
              <path
                d={d ?? ''}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
              />
              {pts.map(([b, v]) => (
                <circle key={b} cx={x(b)} cy={y(v)} r={4} fill={s.color}>
                  <title>{`${s.label}: ${formatBytesShort(b)} → ${formatY(v)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={height - MARGIN.bottom}
          y2={height - MARGIN.bottom}
          stroke="currentColor"
          strokeOpacity={0.5}
        />
        {xTicks.map((t) => (
          <text
            key={t}
            x={x(t)}
            y={height - MARGIN.bottom + 18}
            textAnchor="middle"
            fontSize={12}
            fill="currentColor"
          >
            {formatBytesShort(t)}
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
          payload size
        </text>
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
              transform={`translate(${MARGIN.left + 10} ${MARGIN.top + 8 + i * 16})`}
            >
              <line
                x1={0}
                x2={14}
                y1={-4}
                y2={-4}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '4 2' : undefined}
              />
              <text x={18} fontSize={12} fill="currentColor">
                {s.label}
              </text>
            </g>
          ))}
      </svg>
    </figure>
  );
}
