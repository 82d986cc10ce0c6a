/**
 * Speedup against pool size: measured medians with min–max bars, the ideal line (speedup = n),
 * the core count, the fitted Amdahl curve and the efficiency (right axis). React draws the SVG;
 * d3 only supplies scales and path strings.
 */
import { line, scaleLinear } from 'd3';
import { useId, type Ref } from 'react';
import { ChartSvg } from './chart-figure';
import { amdahlSpeedup } from './speedup-math';

export interface SpeedupChartPoint {
  poolSize: number;
  /** Median speedup. */
  speedup: number;
  /** Speedup of the slowest and fastest repeat (the min–max bar). */
  low: number;
  high: number;
  efficiency: number;
}

export interface EarlierRun {
  key: string;
  label: string;
  points: { poolSize: number; speedup: number }[];
}

export interface SpeedupChartProps {
  points: readonly SpeedupChartPoint[];
  cores: number;
  serialFraction: number | null;
  /** CPU-bound work can use one core per worker at most; that caps the Amdahl curve. */
  cpuBound: boolean;
  earlierRuns?: readonly EarlierRun[];
  svgRef?: Ref<SVGSVGElement>;
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { top: 36, right: 56, bottom: 44, left: 52 };
const PLOT_BOTTOM = HEIGHT - MARGIN.bottom;
const PLOT_RIGHT = WIDTH - MARGIN.right;

export function SpeedupChart({
  points,
  cores,
  serialFraction,
  cpuBound,
  earlierRuns = [],
  svgRef,
}: SpeedupChartProps) {
  const clipId = useId();
  const sizes = [
    ...new Set([
      ...points.map((p) => p.poolSize),
      ...earlierRuns.flatMap((r) => r.points.map((p) => p.poolSize)),
    ]),
  ];
  const maxN = Math.max(2, cores, ...sizes);
  const highest = Math.max(
    1,
    ...points.map((p) => p.high),
    ...earlierRuns.flatMap((r) => r.points.map((p) => p.speedup)),
  );
  const x = scaleLinear().domain([1, maxN]).range([MARGIN.left, PLOT_RIGHT]);
  // Room for the measured values and the cores; the ideal line beyond that is clipped, so a
  // sweep to 4 × cores does not squash every measured point into the bottom fifth.
  const y = scaleLinear()
    .domain([0, Math.max(highest, Math.min(maxN, cores + 1)) * 1.1])
    .nice()
    .range([PLOT_BOTTOM, MARGIN.top]);
  // Efficiency above 100% happens (a noisy serial run, or cache effects): keep it on the chart.
  const eff = scaleLinear()
    .domain([0, Math.max(1.2, ...points.map((p) => p.efficiency * 1.05))])
    .range([PLOT_BOTTOM, MARGIN.top]);
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const byPoolSize = [...points].sort((a, b) => a.poolSize - b.poolSize);
  const amdahl =
    serialFraction === null
      ? null
      : path(
          Array.from({ length: 120 }, (_, i) => {
            const n = 1 + ((maxN - 1) * i) / 119;
            return [n, amdahlSpeedup(serialFraction, cpuBound ? Math.min(n, cores) : n)] as [number, number];
          }),
        );
  const xTicks = [...new Set([1, ...sizes, cores])].filter((n) => n <= maxN).sort((a, b) => a - b);
  const label = describeChart(byPoolSize, cores, serialFraction);

  return (
    <ChartSvg
      width={WIDTH}
      height={HEIGHT}
      label={label}
      svgRef={svgRef}
      testId="speedup-chart"
      className="h-auto w-full font-sans text-[11px]"
    >
      <title>{label}</title>
      <defs>
        <clipPath id={clipId}>
          <rect
            x={MARGIN.left}
            y={MARGIN.top}
            width={PLOT_RIGHT - MARGIN.left}
            height={PLOT_BOTTOM - MARGIN.top}
          />
        </clipPath>
      </defs>
      <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="fill-white dark:fill-slate-900" />

      {y.ticks(6).map((t) => (
        <g key={`y${t}`}>
          <line
            x1={MARGIN.left}
            x2={PLOT_RIGHT}
            y1={y(t)}
            y2={y(t)}
            className="stroke-slate-200 dark:stroke-slate-700"
          />
          <text
            x={MARGIN.left - 6}
            y={y(t)}
            dy="0.32em"
            textAnchor="end"
            className="fill-slate-600 dark:fill-slate-300"
          >
            {t}×
          </text>
        </g>
      ))}
      {xTicks.map((n) => (
        <text
          key={`x${n}`}
          x={x(n)}
          y={PLOT_BOTTOM + 16}
          textAnchor="middle"
          className="fill-slate-600 dark:fill-slate-300"
        >
          {n}
        </text>
      ))}
      {[0, 0.5, 1].map((t) => (
        <text
          key={`e${t}`}
          x={PLOT_RIGHT + 6}
          y={eff(t)}
          dy="0.32em"
          className="fill-amber-700 dark:fill-amber-300"
        >
          {t * 100}%
        </text>
      ))}
      <text
        x={(MARGIN.left + PLOT_RIGHT) / 2}
        y={HEIGHT - 6}
        textAnchor="middle"
        className="fill-slate-700 dark:fill-slate-200"
      >
        pool size (workers)
      </text>
      <text
        transform={`translate(14 ${(MARGIN.top + PLOT_BOTTOM) / 2}) rotate(-90)`}
        textAnchor="middle"
        className="fill-slate-700 dark:fill-slate-200"
      >
        speedup vs serial
      </text>
      <text
        transform={`translate(${WIDTH - 8} ${(MARGIN.top + PLOT_BOTTOM) / 2}) rotate(90)`}
        textAnchor="middle"
        className="fill-amber-700 dark:fill-amber-300"
      >
        efficiency
      </text>
      <line x1={MARGIN.left} x2={PLOT_RIGHT} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} className="stroke-slate-500" />

      <g clipPath={`url(#${clipId})`}>
        <line
          x1={x(1)}
          y1={y(1)}
          x2={x(maxN)}
          y2={y(maxN)}
          strokeDasharray="6 4"
          className="stroke-slate-400 dark:stroke-slate-500"
          strokeWidth={1.5}
        />
        {cores <= maxN && (
          <line
            x1={x(cores)}
            x2={x(cores)}
            y1={MARGIN.top}
            y2={PLOT_BOTTOM}
            strokeDasharray="2 3"
            className="stroke-rose-500"
            strokeWidth={1.5}
          />
        )}
        {earlierRuns.map((run) => (
          <path
            key={run.key}
            d={
              path(
                run.points
                  .map((p) => [p.poolSize, p.speedup] as [number, number])
                  .sort((a, b) => a[0] - b[0]),
              ) ?? ''
            }
            fill="none"
            className="stroke-slate-400 dark:stroke-slate-500"
            strokeOpacity={0.6}
            strokeWidth={1.5}
          >
            <title>{run.label}</title>
          </path>
        ))}
        {amdahl && <path d={amdahl} fill="none" className="stroke-violet-500" strokeWidth={2} />}
        {byPoolSize.length > 1 && (
          <path
            d={
              line<SpeedupChartPoint>()
                .x((p) => x(p.poolSize))
                .y((p) => eff(p.efficiency))(byPoolSize) ?? ''
            }
            fill="none"
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-amber-600 dark:stroke-amber-400"
            strokeWidth={2}
          />
        )}
        {byPoolSize.map((p) => (
          <rect
            key={`eff${p.poolSize}`}
            x={x(p.poolSize) - 3}
            y={eff(p.efficiency) - 3}
            width={6}
            height={6}
            className="fill-amber-600 dark:fill-amber-400"
          />
        ))}
        {byPoolSize.length > 1 && (
          <path
            d={path(byPoolSize.map((p) => [p.poolSize, p.speedup]))!}
            fill="none"
            className="stroke-sky-600 dark:stroke-sky-400"
            strokeWidth={2.5}
          />
        )}
        {byPoolSize.map((p) => (
          <g key={p.poolSize}>
            <line
              x1={x(p.poolSize)}
              x2={x(p.poolSize)}
              y1={y(p.low)}
              y2={y(p.high)}
              className="stroke-sky-600 dark:stroke-sky-400"
              strokeWidth={1.5}
            />
            <circle
              cx={x(p.poolSize)}
              cy={y(p.speedup)}
              r={4.5}
              className="fill-sky-600 stroke-white dark:fill-sky-400 dark:stroke-slate-900"
              strokeWidth={1.5}
            >
              <title>{`pool of ${p.poolSize}: ${p.speedup.toFixed(2)}× (min–max ${p.low.toFixed(2)}–${p.high.toFixed(2)}×), efficiency ${(p.efficiency * 100).toFixed(0)}%`}</title>
            </circle>
          </g>
        ))}
      </g>
      {cores <= maxN && (
        <text x={x(cores) + 4} y={MARGIN.top + 12} className="fill-rose-600 dark:fill-rose-400">
          {cores} cores
        </text>
      )}

      <Legend serialFraction={serialFraction} />
    </ChartSvg>
  );
}

function Legend({ serialFraction }: { serialFraction: number | null }) {
  const items: { label: string; className: string; dash?: string }[] = [
    { label: 'measured (median, min–max)', className: 'stroke-sky-600 dark:stroke-sky-400' },
    { label: 'ideal', className: 'stroke-slate-400 dark:stroke-slate-500', dash: '6 4' },
    {
      label:
        serialFraction === null
          ? 'Amdahl fit (needs a pool > 1)'
          : `Amdahl fit, serial ${(serialFraction * 100).toFixed(1)}%`,
      className: 'stroke-violet-500',
    },
    { label: 'efficiency', className: 'stroke-amber-600 dark:stroke-amber-400', dash: '1 3' },
  ];
  let offset = MARGIN.left;
  return (
    <g>
      {items.map((item) => {
        const x0 = offset;
        offset += 34 + item.label.length * 5.6;
        return (
          <g key={item.label} transform={`translate(${x0} 16)`}>
            <line
              x1={0}
              x2={18}
              y1={0}
              y2={0}
              strokeWidth={2.5}
              strokeDasharray={item.dash}
              className={item.className}
            />
            <text x={22} y={0} dy="0.32em" className="fill-slate-700 dark:fill-slate-200">
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function describeChart(
  points: readonly SpeedupChartPoint[],
  cores: number,
  serialFraction: number | null,
): string {
  if (points.length === 0) return `Speedup chart: no measurements yet (${cores} cores).`;
  const parts = points.map((p) => `${p.poolSize} workers ${p.speedup.toFixed(2)}×`);
  const fit = serialFraction === null ? '' : `; Amdahl serial fraction ${(serialFraction * 100).toFixed(1)}%`;
  return `Speedup vs pool size on ${cores} cores: ${parts.join(', ')}${fit}.`;
}
