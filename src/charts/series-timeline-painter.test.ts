import { describe, expect, it } from 'vitest';
import { chartMessage, SeriesTimelinePainter, type TimelineChart } from './series-timeline-painter';
import { recordingCanvas } from './testing/recording-canvas';

const surface = { cssWidth: 640, ink: '#000', fontFamily: 'sans-serif', devicePixelRatio: 2 };

function chart(points: [number, number][], capacity?: number): TimelineChart {
  return {
    series: [{ key: 'depth', label: 'depth', color: '#38bdf8', points, filled: true, stepped: true }],
    yLabel: 'items in the queue',
    references: capacity ? [{ value: capacity, label: `maxsize ${capacity}` }] : [],
    emptyText: 'Run to see it over time.',
    aspect: 220 / 640,
  };
}

function painted(message: TimelineChart) {
  const recorded = recordingCanvas();
  const painter = new SeriesTimelinePainter(recorded.canvas, { schedule: (draw) => draw() });
  painter.receive({ type: 'surface', surface });
  painter.receive(chartMessage(message));
  return recorded;
}

describe('SeriesTimelinePainter', () => {
  it('sizes the canvas from its width and aspect, at the pixel ratio', () => {
    const { canvas } = painted(chart([[0, 1]]));
    expect(canvas.width).toBe(640 * 2);
    expect(canvas.height).toBe(220 * 2);
  });

  it('draws the empty text until there are points', () => {
    const { texts } = painted(chart([]));
    expect(texts).toEqual(['Run to see it over time.']);
  });

  it('labels the axes and the reference, and scales the time axis to the data', () => {
    const { texts } = painted(
      chart(
        [
          [0, 0],
          [1_000, 40],
          [2_000, 10],
        ],
        50,
      ),
    );
    expect(texts).toContain('maxsize 50');
    expect(texts).toContain('items in the queue');
    expect(texts).toContain('2 s');
    expect(texts).not.toContain('3 s');
    // The value axis reaches the reference, not only the data.
    expect(texts).toContain('50');
  });

  it('steps a stepped series: the value holds until the next point, then jumps', () => {
    const line = (stepped: boolean) =>
      painted({
        ...chart([]),
        series: [
          {
            key: 'depth',
            label: 'depth',
            color: '#38bdf8',
            points: [
              [0, 10],
              [1_000, 20],
              [2_000, 20],
            ],
            stepped,
          },
        ],
      }).points;
    // 1 s is the middle of the plot: a step draws two points there (up from 10 to 20), a slope one.
    const middle = (58 + (640 - 16)) / 2;
    const heightsAtMiddle = (points: [number, number][]) =>
      new Set(points.filter(([x]) => Math.abs(x - middle) < 0.5).map(([, y]) => Math.round(y))).size;
    expect(heightsAtMiddle(line(true))).toBe(2);
    expect(heightsAtMiddle(line(false))).toBe(1);
  });
});
