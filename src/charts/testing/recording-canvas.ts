/**
 * For painter tests (vitest runs in Node, which has no canvas): a canvas whose 2D context accepts
 * every call, draws nothing, and records the text drawn and the points of every path.
 */
import type { AnyCanvas } from '../canvas-painter';

export interface RecordingCanvas {
  canvas: AnyCanvas;
  /** Every fillText, in order. */
  texts: string[];
  /** Every moveTo and lineTo, in order. */
  points: [number, number][];
}

export function recordingCanvas(): RecordingCanvas {
  const texts: string[] = [];
  const points: [number, number][] = [];
  const record = (x: number, y: number) => points.push([x, y]);
  const ctx = new Proxy(
    { fillText: (text: string) => texts.push(text), moveTo: record, lineTo: record } as Record<
      string,
      unknown
    >,
    {
      get: (target, key) => (key in target ? target[key as string] : () => undefined),
      set: (target, key, value) => ((target[key as string] = value), true),
    },
  );
  const canvas = { width: 0, height: 0, getContext: () => ctx } as unknown as AnyCanvas;
  return { canvas, texts, points };
}
