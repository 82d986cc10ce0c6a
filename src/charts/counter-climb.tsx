/**
 * The shared counter against the increments actually performed. The diagonal is "nothing lost":
 * every increment done shows up in the counter. A line sagging below it is updates being lost,
 * live; its end point is the run's final value. Earlier runs stay, faded, for comparison.
 */
import { line, scaleLinear } from 'd3';
import { formatShortNumber } from './axes';
import { ChartFigure } from './chart-figure';
import { plotArea } from './plot-area';
import { XAxisTitle, XTickLabels, YAxisTitle, YGrid } from './svg-axes';

export interface ClimbPoint {
  /** Increments performed so far, all processes together. */
  done: number;
  /** The shared counter's value at that moment. */
  counter: number;
}

export interface ClimbSeries {
  id: number;
  points: readonly ClimbPoint[];
  /** The last point is the run's final value (live samples are read a moment apart, so only approximate). */
  complete: boolean;
}

const WIDTH = 640;
const MARGIN = { top: 16, right: 20, bottom: 48, left: 70 };

export function CounterClimb({
  series,
  expected,
  title,
  height = 300,
  color = '#38bdf8',
  testId,
}: {
  /** The last series is the current run. */
  series: readonly ClimbSeries[];
  expected: number;
  title: string;
  height?: number;
  color?: string;
  testId?: string;
}) {
  const plot = plotArea(WIDTH, height, MARGIN);
  const domain = Math.max(1, expected);
  const x = scaleLinear().domain([0, domain]).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, domain]).range([plot.bottom, plot.top]);
  const path = line<ClimbPoint>()
    .x((p) => x(p.done))
    .y((p) => y(p.counter));
  // Both axes count increments over the same range: one set of ticks serves both.
  const ticks = x.ticks(4);
  const current = series.at(-1);
  const last = current?.points.at(-1);

  return (
    <ChartFigure width={WIDTH} height={height} label={title} testId={testId}>
      <YGrid plot={plot} y={y} ticks={ticks} format={formatShortNumber} strokeOpacity={0.1} />
      <XTickLabels plot={plot} x={x} ticks={ticks} format={formatShortNumber} />
      <line
        x1={x(0)}
        y1={y(0)}
        x2={x(domain)}
        y2={y(domain)}
        stroke="currentColor"
        strokeDasharray="6 5"
        strokeWidth={2}
        strokeOpacity={0.7}
      />
      <text
        transform={`translate(${x(domain * 0.3) - 6} ${y(domain * 0.3) - 8}) rotate(${(Math.atan2(y(domain) - y(0), x(domain) - x(0)) * 180) / Math.PI})`}
        fontSize={13}
        fill="currentColor"
      >
        expected: nothing lost
      </text>
      {series.map((s, i) => {
        const isCurrent = i === series.length - 1;
        return (
          <path
            key={s.id}
            d={path([{ done: 0, counter: 0 }, ...s.points]) ?? ''}
            fill="none"
            stroke={color}
            strokeWidth={isCurrent ? 3.5 : 1.5}
            strokeOpacity={isCurrent ? 1 : 0.35}
          />
        );
      })}
      {current && last && (
        <g>
          <line
            x1={x(last.done)}
            x2={x(last.done)}
            y1={y(last.done)}
            y2={y(last.counter)}
            stroke="#f43f5e"
            strokeWidth={3}
          />
          <circle cx={x(last.done)} cy={y(last.counter)} r={5} fill={color} />
          {current.complete && last.done - last.counter > 0 && (
            <text
              x={x(last.done) - 8}
              y={(y(last.done) + y(last.counter)) / 2 + 5}
              textAnchor="end"
              fontSize={14}
              fontWeight={600}
              fill="#f43f5e"
            >
              {`${(last.done - last.counter).toLocaleString('en-US')} lost`}
            </text>
          )}
        </g>
      )}
      <XAxisTitle plot={plot}>increments performed (all processes)</XAxisTitle>
      <YAxisTitle plot={plot}>counter.value</YAxisTitle>
    </ChartFigure>
  );
}
