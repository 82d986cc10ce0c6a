/**
 * Draws the pool's chunk lanes: one lane per worker, showing which chunk it holds over time.
 * DOM-free: it runs in chunk-lanes.worker.ts (or on the page where a canvas cannot be handed to
 * a worker), and the page posts it samples (worker-chunk-lanes.tsx). Two sources, neither of
 * which sends a message per chunk:
 *  - the chunk a worker holds right now, which it writes into shared-memory telemetry (sampled by
 *    the page: drawn as an open bar growing from when it was first seen);
 *  - the chunks already finished, with the start and end times the workers measured (they come
 *    back with the results anyway: drawn exactly, however short). A sample carries only the
 *    finished chunks the painter has not had yet.
 */
import { schemeTableau10 } from 'd3';
import {
  beginPainterFrame,
  type AnyCanvas,
  type CanvasPainter,
  type PainterSurface,
  type PainterTools,
  type SurfaceMessage,
} from './canvas-painter';
import { drawLaneTrack } from './lane-canvas';
import { laneGeometry } from './lane-layout';

export interface FinishedChunk {
  lane: number;
  chunk: number;
  /** performance.now() times on the page's clock. */
  startedAt: number;
  endedAt: number;
}

export interface LaneSample {
  /** Identifies one map call (one JobTiming); the lanes restart when it changes. */
  runKey: string;
  /** When the call was submitted (performance.now() time): the left edge of the lanes. */
  startedAt: number;
  /** Per worker: the index of the chunk it holds now, or null while idle. */
  chunks: readonly (number | null)[];
  /** The call's finished chunks from index `finishedFrom` on (the painter has the earlier ones). */
  finishedFrom: number;
  finished: readonly FinishedChunk[];
  /** What the lanes show, e.g. "timed · pool of 4 · 16 chunks of 4 tasks · repeat 2/3". */
  caption: string;
}

export type ChunkLanesMessage =
  | SurfaceMessage
  /**
   * `live`: the run goes on (open chunks grow to `now`); otherwise the picture freezes at `now`.
   * `rows`: lanes the chart is laid out for, at least the sample's workers (see chunkLanesHeight).
   */
  | { type: 'sample'; sample: LaneSample | null; now: number; live: boolean; rows: number };

const LANE_HEIGHT = 22;
const LABEL_WIDTH = 76;
const COUNT_WIDTH = 70;
const AXIS_HEIGHT = 22;

/**
 * The lanes' CSS height for `rows` lanes: the page sets it (a worker's canvas has no style). The
 * page keeps the rows of the run's largest pool for every call of the run, the serial baseline's
 * single lane too: a canvas whose height followed each call would move everything under it twice
 * a round, and relaying out and repainting that much of the page is what stretches a frame past
 * 50 ms while every core is busy with workers.
 */
export function chunkLanesHeight(rows: number): number {
  return Math.max(1, rows) * LANE_HEIGHT + AXIS_HEIGHT;
}

interface OpenChunk {
  chunk: number;
  firstSeenAt: number;
}

export class ChunkLanesPainter implements CanvasPainter<ChunkLanesMessage> {
  private surface: PainterSurface | null = null;
  private runKey = '';
  private open: (OpenChunk | null)[] = [];
  private finished: FinishedChunk[] = [];
  private last: LaneSample | null = null;
  /** The latest frame asked for: when, and whether the run was still going. */
  private now = 0;
  private live = false;
  private rows = 1;

  constructor(
    private readonly canvas: AnyCanvas,
    private readonly tools: Pick<PainterTools<never>, 'schedule'>,
  ) {}

  receive(message: ChunkLanesMessage): void {
    if (message.type === 'surface') {
      this.surface = message.surface;
    } else {
      if (message.sample) this.record(message.sample, message.now);
      this.now = message.now;
      this.live = message.live;
      this.rows = message.rows;
    }
    this.tools.schedule(() => this.draw());
  }

  private record(sample: LaneSample, now: number): void {
    if (sample.runKey !== this.runKey) {
      this.runKey = sample.runKey;
      this.open = [];
      this.finished = [];
    }
    this.open = sample.chunks.map((chunk, worker) => {
      if (chunk === null) return null;
      const open = this.open[worker];
      return open && open.chunk === chunk ? open : { chunk, firstSeenAt: now };
    });
    if (sample.finishedFrom !== this.finished.length)
      this.finished.length = Math.min(this.finished.length, sample.finishedFrom);
    this.finished.push(...sample.finished);
    this.last = sample;
  }

  private draw(): void {
    const surface = this.surface;
    if (!surface || surface.cssWidth <= 0) return;
    const { now, live } = this;
    const sample = this.last;
    const workers = Math.max(1, sample?.chunks.length ?? 0);
    const { cssWidth, ink } = surface;
    const rows = Math.max(workers, this.rows);
    const geometry = laneGeometry({
      lanes: rows,
      width: cssWidth,
      laneHeight: LANE_HEIGHT,
      labelWidth: LABEL_WIDTH,
      rightGap: COUNT_WIDTH,
      axisHeight: AXIS_HEIGHT,
    });
    const g = beginPainterFrame(this.canvas, cssWidth, geometry.height, surface.devicePixelRatio);
    if (!g) return;
    g.font = `11px ${surface.fontFamily}`;
    g.textBaseline = 'middle';

    const origin = sample?.startedAt ?? now;
    let lastEnd = 0;
    for (const c of this.finished) lastEnd = Math.max(lastEnd, c.endedAt);
    // The whole call always fits: the time axis stretches as it goes on. (A chunk can end after
    // the frame's timestamp: it finished while this frame was being prepared.)
    const end = live ? Math.max(now, lastEnd) : Math.max(lastEnd, origin + 1);
    const span = Math.max(20, end - origin);
    const plotWidth = Math.max(10, geometry.plotRight - geometry.plotLeft);
    const toX = (t: number) => LABEL_WIDTH + (Math.max(0, t - origin) / span) * plotWidth;
    const bar = (chunk: number, x0: number, x1: number, y: number) => {
      const width = Math.max(1.5, x1 - x0 - 1);
      g.fillStyle = schemeTableau10[chunk % schemeTableau10.length]!;
      g.fillRect(x0, y + 3, width, LANE_HEIGHT - 6);
      if (width > 18) {
        g.fillStyle = '#fff';
        g.fillText(String(chunk), x0 + 3, y + LANE_HEIGHT / 2);
      }
    };

    const done = new Array<number>(workers).fill(0);
    // Every row gets its track; before a run every row is labelled (the pool the run will
    // start), during one only the call's own workers are (the serial baseline has one).
    const labelled = sample ? workers : rows;
    for (let row = 0; row < rows; row++) {
      const y = row * LANE_HEIGHT;
      drawLaneTrack(g, geometry, y, ink, 0.08);
      if (row >= labelled) continue;
      g.fillStyle = ink;
      g.fillText(`worker ${row + 1}`, 4, y + LANE_HEIGHT / 2);
    }
    g.save();
    g.beginPath();
    g.rect(LABEL_WIDTH, 0, plotWidth, workers * LANE_HEIGHT);
    g.clip();
    for (const c of this.finished) {
      if (c.lane >= workers) continue;
      done[c.lane]!++;
      bar(c.chunk, toX(c.startedAt), toX(c.endedAt), c.lane * LANE_HEIGHT);
    }
    if (live) {
      this.open.forEach((open, worker) => {
        if (open) bar(open.chunk, toX(open.firstSeenAt), toX(end), worker * LANE_HEIGHT);
      });
    }
    g.restore();
    g.fillStyle = ink;
    done.forEach((n, worker) =>
      g.fillText(`${n} done`, LABEL_WIDTH + plotWidth + 6, worker * LANE_HEIGHT + LANE_HEIGHT / 2),
    );
    const footer = geometry.axisTop + 11;
    g.fillText(sample?.caption ?? 'Run the experiment to see chunks dealt to workers.', LABEL_WIDTH, footer);
    g.textAlign = 'right';
    g.fillText(`${span < 100 ? span.toFixed(1) : Math.round(span)} ms`, LABEL_WIDTH + plotWidth, footer);
    g.textAlign = 'left';
  }
}
