/**
 * Lifecycle lanes: one row per process, from created through running (asleep or waiting shown
 * apart) to exited. An exited process that was not joined yet is a zombie, drawn striped until
 * the parent joins it; after that its lane is empty (the process is gone) and the exit code sits
 * where it ended. Canvas, redrawn every animation frame from `sample()` while `active`; React
 * owns only the <canvas>.
 */
import { scaleLinear } from 'd3';
import { useEffect, useRef } from 'react';
import { formatElapsedTick, timeDomain } from './axes';
import { ChartCanvas } from './chart-figure';
import { beginCanvasFrame, observeCanvasSurface, readCanvasSurface, type CanvasSurface } from './canvas-surface';
import { drawLaneLabel, drawLaneTrack, hatchFill } from './lane-canvas';
import { laneGeometry } from './lane-layout';

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

const ZOMBIE_TINT = `${ZOMBIE_COLOR}44`;
const WAITING_TINT = `${WAITING_LANE_COLOR}44`;
const LANE = 26;
const LABEL = 132;

function draw(canvas: HTMLCanvasElement, surface: CanvasSurface, data: LifecycleLanesData): void {
  const lanes = data.lanes;
  const { ink, fontFamily } = surface;
  const cssWidth = surface.cssWidth || 640;
  // An empty chart keeps one lane's room, for the "No processes yet." line above the axis.
  const geometry = laneGeometry({
    lanes: Math.max(1, lanes.length),
    width: cssWidth,
    laneHeight: LANE,
    labelWidth: LABEL,
    rightGap: 34,
    axisHeight: 24,
  });
  const g = beginCanvasFrame(canvas, cssWidth, geometry.height);
  if (!g) return;
  g.textBaseline = 'middle';
  const x = scaleLinear()
    .domain(timeDomain(0, data.now, 1000))
    .range([geometry.plotLeft, geometry.plotRight]);
  const zombieFill = hatchFill(g, ZOMBIE_COLOR, ZOMBIE_TINT);
  const waitFill = hatchFill(g, WAITING_LANE_COLOR, WAITING_TINT);

  if (lanes.length === 0) {
    g.fillStyle = ink;
    g.globalAlpha = 0.6;
    g.font = `13px ${fontFamily}`;
    g.fillText('No processes yet.', LABEL, LANE / 2);
    g.globalAlpha = 1;
  }
  lanes.forEach((lane, i) => {
    const y = i * LANE;
    drawLaneTrack(g, geometry, y, ink, 0.06);
    g.font = `600 13px ${fontFamily}`;
    drawLaneLabel(g, lane, y + LANE / 2, ink, LABEL - 24);
    for (const seg of lane.segments) {
      const x0 = x(seg.from);
      const x1 = Math.max(x0 + 1.5, x(seg.to ?? data.now));
      const top = y + 4;
      const h = LANE - 8;
      switch (seg.state) {
        case 'created':
          g.strokeStyle = ink;
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
            g.font = `600 11px ${fontFamily}`;
            g.fillStyle = ZOMBIE_COLOR;
            g.fillText('zombie', x0 + 40, y + LANE / 2);
          }
          break;
        case 'joined':
          g.fillStyle = ink;
          g.globalAlpha = 0.25;
          g.fillRect(x0, y + LANE / 2 - 0.5, x1 - x0, 1);
          g.globalAlpha = 1;
          break;
      }
    }
    if (lane.exitCode !== null && lane.exitedAt !== null) {
      const text = String(lane.exitCode);
      g.font = `700 11px ${fontFamily}`;
      const w = g.measureText(text).width + 8;
      const bx = Math.min(x(lane.exitedAt) + 2, cssWidth - w - 2);
      g.fillStyle = lane.exitCode === 0 ? '#059669' : '#e11d48';
      g.fillRect(bx, y + 6, w, LANE - 12);
      g.fillStyle = '#ffffff';
      g.fillText(text, bx + 4, y + LANE / 2);
    }
  });

  // A baseline with small ticks and left-set labels: this chart's own axis style.
  const axisY = geometry.axisTop + 6;
  g.strokeStyle = ink;
  g.globalAlpha = 0.4;
  g.beginPath();
  g.moveTo(geometry.plotLeft, axisY);
  g.lineTo(geometry.plotRight, axisY);
  g.stroke();
  g.globalAlpha = 1;
  g.font = `11px ${fontFamily}`;
  g.fillStyle = ink;
  for (const t of x.ticks(6)) {
    const tx = x(t);
    g.fillRect(tx, axisY, 1, 4);
    g.fillText(formatElapsedTick(t), tx - 10, axisY + 12);
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
  // Read at the first draw, then kept current by resize and theme changes (never read per frame).
  const surfaceRef = useRef<CanvasSurface | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const surface = (surfaceRef.current ??= readCanvasSurface(canvas));
    if (!active) {
      draw(canvas, surface, sampleRef.current());
      return;
    }
    let frame = requestAnimationFrame(function tick() {
      draw(canvas, surfaceRef.current!, sampleRef.current());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active, version]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    return observeCanvasSurface(canvas, (surface) => {
      surfaceRef.current = surface;
      draw(canvas, surface, sampleRef.current());
    });
  }, []);

  return <ChartCanvas canvasRef={canvasRef} label={label} testId="lifecycle-lanes" />;
}
