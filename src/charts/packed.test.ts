import { describe, expect, it } from 'vitest';
import { packPoints, packSegments, unpackPoints, unpackSegments } from './packed';
import { DEFAULT_LANES_LOOK, lanesMessage, StateLanesPainter, type StateLane } from './state-lanes-painter';
import { recordingCanvas } from './testing/recording-canvas';

describe('chart data packed for painter messages', () => {
  it('points go into one Float64Array and come back the same', () => {
    const points: [number, number][] = [
      [0, 3],
      [16.5, 1e9],
      [33.25, -2],
    ];
    const packed = packPoints(points);
    expect(packed).toBeInstanceOf(Float64Array);
    expect(Array.from(packed)).toEqual([0, 3, 16.5, 1e9, 33.25, -2]);
    expect(unpackPoints(packed)).toEqual(points);
    expect(unpackPoints(packPoints([]))).toEqual([]);
  });

  it('segments keep their bounds and states, each state name stored once', () => {
    const segments = [
      { from: 0, to: 10, state: 'working' },
      { from: 10, to: 12.5, state: 'blocked-put' },
      { from: 12.5, to: 40, state: 'working' },
      { from: 40, to: 41, state: 'done' },
    ];
    const packed = packSegments(segments);
    expect(packed.states).toEqual(['working', 'blocked-put', 'done']);
    expect(Array.from(packed.state)).toEqual([0, 1, 0, 2]);
    expect(unpackSegments(packed)).toEqual(segments);
  });

  it('a lanes message holds typed arrays, survives a structured clone, and the painter draws it', () => {
    const lanes: StateLane[] = [
      { label: 'P1', color: '#f00', segments: [{ from: 0, to: 5, state: 'working' }] },
    ];
    const message = lanesMessage({
      lanes,
      states: [{ key: 'working', label: 'working', color: 'process', draw: 'solid' }],
      domain: [0, 5000],
      look: DEFAULT_LANES_LOOK,
    });
    if (message.type !== 'lanes') throw new Error('expected a lanes message');
    expect(message.lanes[0]!.segments.bounds).toBeInstanceOf(Float64Array);
    const recorded = recordingCanvas();
    const painter = new StateLanesPainter(recorded.canvas, { schedule: (draw) => draw() });
    painter.receive({
      type: 'surface',
      surface: { cssWidth: 640, ink: '#000', fontFamily: 'sans-serif', devicePixelRatio: 1 },
    });
    painter.receive(structuredClone(message));
    expect(recorded.texts).toContain('P1');
    expect(recorded.texts).toContain('5 s');
  });
});
