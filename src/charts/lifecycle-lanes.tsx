/**
 * Lifecycle lanes: one row per process, from created through running (asleep or waiting shown
 * apart) to exited. An exited process that was not joined yet is a zombie, drawn striped until
 * the parent joins it; after that its lane is empty (the process is gone) and the exit code sits
 * where it ended. Canvas, redrawn every animation frame from `sample()` while `active`; React
 * owns only the <canvas>.
 */
import { scaleLinear } from 'd3';
import { useEffect, useRef } from 'react';

export type LifecycleLaneState = 'created' | 'running' | 'sleeping' | 'waiting' | 'zombie' | 'joined';

export interface LifecycleSegment {
  /** Milliseconds on the chart's time axis. */
  from: number;
  /** null: still in this state. */
  to: number | null;
  state: LifecycleLaneState;
}

export interface LifecycleLane {
  key: string;
  label: string;
  color: string;
  segments: readonly LifecycleSegment[];
  exitCode: number | null;
  /** Where the process ended (ms), for the exit code badge. */
  exitedAt: number | null;
}

export interface LifecycleLanesData {
  lanes: readonly LifecycleLane[];
  /** The chart's "now" (ms on the same axis). */
  now: number;
}

export const LIFECYCLE_STATE_LABELS: Record<LifecycleLaneState, string> = {
  created: 'created (not started)',
  running: 'running',
  sleeping: 'running, asleep (time.sleep)',
  waiting: 'blocked (queue, lock, event)',
  zombie: 'zombie: exited, not joined',
  joined: 'joined (reaped)',
};

export const ZOMBIE_COLOR = '#7c3aed';
export const WAITING_LANE_COLOR = '#f59e0b';

const LANE = 26;
const LABEL = 132;
const AXIS = 24;

function stripes(g: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return color;
  t.fillStyle = `${color}44`;
  t.fillRect(0, 0, 8, 8);
  t.strokeStyle = color;
  t.lineWidth = 2;
  t.beginPath();
  t.moveTo(-2, 10);
  t.lineTo(10, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.stroke();
  return g.createPattern(tile, 'repeat') ?? color;
}

function draw(canvas: HTMLCanvasElement, data: LifecycleLanesData): void {
  const lanes = data.lanes;
  const cssWidth = canvas.clientWidth || 640;
  const cssHeight = Math.max(1, lanes.length) * LANE + AXIS;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(cssWidth * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    canvas.style.height = `${cssHeight}px`;
  }
  const g = canvas.getContext('2d');
  if (!g) return;
  const style = getComputedStyle(canvas);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssWidth, cssHeight);
  g.textBaseline = 'middle';
  const x = scaleLinear()
    .domain([0, Math.max(1000, data.now)])
    .range([LABEL, cssWidth - 34]);
  const zombieFill = stripes(g, ZOMBIE_COLOR);
  const waitFill = stripes(g, WAITING_LANE_COLOR);

  if (lanes.length === 0) {
    g.fillStyle = style.color;
    g.globalAlpha = 0.6;
    g.font = `13px ${style.fontFamily}`;
    g.fillText('No processes yet.', LABEL, LANE / 2);
    g.globalAlpha = 1;
  }
  lanes.forEach((lane, i) => {
    const y = i * LANE;
    g.globalAlpha = 0.06;
    g.fillStyle = style.color;
    g.fillRect(LABEL, y + 2, x.range()[1]! - LABEL, LANE - 4);
    g.globalAlpha = 1;
    g.font = `600 13px ${style.fontFamily}`;
    g.fillStyle = lane.color;
    g.fillRect(4, y + LANE / 2 - 5, 10, 10);
    g.fillStyle = style.color;
    g.fillText(lane.label, 20, y + LANE / 2, LABEL - 24);
    for (const seg of lane.segments) {
      const x0 = x(seg.from);
      const x1 = Math.max(x0 + 1.5, x(seg.to ?? data.now));
      const top = y + 4;
      const h = LANE - 8;
      switch (seg.state) {
        case 'created':
          g.strokeStyle = style.color;
          g.globalAlpha = 0.4;
          g.strokeRect(x0 + 0.5, top + 0.5, x1 - x0 - 1, h - 1);
          g.globalAlpha = 1;
          break;
        case 'running':
          g.fillStyle = lane.color;
          g.fillRect(x0, top, x1 - x0, h);
          break;
        case 'sleeping':
          g.fillStyle = lane.color;
          g.globalAlpha = 0.5;
          g.fillRect(x0, top, x1 - x0, h);
          g.globalAlpha = 1;
          break;
        case 'waiting':
          g.fillStyle = waitFill;
          g.fillRect(x0, top, x1 - x0, h);
          break;
        case 'zombie':
          g.fillStyle = zombieFill;
          g.fillRect(x0, top, x1 - x0, h);
          // The label goes after the exit-code badge that sits where the zombie begins.
          if (x1 - x0 > 90) {
            g.font = `600 11px ${style.fontFamily}`;
            g.fillStyle = ZOMBIE_COLOR;
            g.fillText('zombie', x0 + 40, y + LANE / 2);
          }
          break;
        case 'joined':
          g.fillStyle = style.color;
          g.globalAlpha = 0.25;
          g.fillRect(x0, y + LANE / 2 - 0.5, x1 - x0, 1);
          g.globalAlpha = 1;
          break;
      }
    }
    if (lane.exitCode !== null && lane.exitedAt !== null) {
      const text = String(lane.exitCode);
      g.font = `700 11px ${style.fontFamily}`;
      const w = g.measureText(text).width + 8;
      const bx = Math.min(x(lane.exitedAt) + 2, cssWidth - w - 2);
      g.fillStyle = lane.exitCode === 0 ? '#059669' : '#e11d48';
      g.fillRect(bx, y + 6, w, LANE - 12);
      g.fillStyle = '#ffffff';
      g.fillText(text, bx + 4, y + LANE / 2);
    }
  });

  const axisY = lanes.length * LANE + 6;
  g.strokeStyle = style.color;
  g.globalAlpha = 0.4;
  g.beginPath();
  g.moveTo(LABEL, axisY);
  g.lineTo(x.range()[1]!, axisY);
  g.stroke();
  g.globalAlpha = 1;
  g.font = `11px ${style.fontFamily}`;
  g.fillStyle = style.color;
  for (const t of x.ticks(6)) {
    const tx = x(t);
    g.fillRect(tx, axisY, 1, 4);
    g.fillText(t >= 1000 ? `${t / 1000} s` : `${t} ms`, tx - 10, axisY + 12);
  }
}

export function LifecycleLanes({
  sample,
  active,
  version,
  label,
}: {
  /** The lanes now; called every frame while `active`, and whenever `version` changes. */
  sample: () => LifecycleLanesData;
  active: boolean;
  /** Bump to redraw while inactive (e.g. after a join from a button). */
  version: number;
  /** Accessible summary of the lanes. */
  label: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  }, [sample]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (!active) {
      draw(canvas, sampleRef.current());
      return;
    }
    let frame = requestAnimationFrame(function tick() {
      draw(canvas, sampleRef.current());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active, version]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => draw(canvas, sampleRef.current()));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  return (
    <canvas ref={canvasRef} className="block w-full text-slate-700 dark:text-slate-200" role="img" aria-label={label} data-testid="lifecycle-lanes" />
  );
}
