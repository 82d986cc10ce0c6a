/**
 * The shared counter against the increments actually performed. The diagonal is "nothing lost":
 * every increment done shows up in the counter. A line sagging below it is updates being lost,
 * live; its end point is the run's final value. Earlier runs stay, faded, for comparison.
 */
import { line, scaleLinear } from 'd3';

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

function shortNumber(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}

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
  const domain = Math.max(1, expected);
  const x = scaleLinear()
    .domain([0, domain])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, domain])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const path = line<ClimbPoint>()
    .x((p) => x(p.done))
    .y((p) => y(p.counter));
  const ticks = x.ticks(4);
  const current = series.at(-1);
  const last = current?.points.at(-1);

  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={title}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
              stroke="currentColor"
              strokeOpacity={0.1}
            />
            <text x={MARGIN.left - 8} y={y(t) + 4} textAnchor="end" fontSize={13} fill="currentColor">
              {shortNumber(t)}
            </text>
            <text
              x={x(t)}
              y={height - MARGIN.bottom + 18}
              textAnchor="middle"
              fontSize={13}
              fill="currentColor"
            >
              {shortNumber(t)}
            </text>
          </g>
        ))}
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
        <text
          x={(MARGIN.left + WIDTH - MARGIN.right) / 2}
          y={height - 8}
          textAnchor="middle"
          fontSize={13}
          fill="currentColor"
          fillOpacity={0.75}
        >
          increments performed (all processes)
        </text>
        <text
          transform={`translate(16 ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={13}
          fill="currentColor"
          fillOpacity={0.75}
        >
          counter.value
        </text>
      </svg>
    </figure>
  );
}
