/**
 * Holds the live picture outside React so that only the picture re-renders every frame, not the
 * whole scene. The runner's observer feeds it repeat starts and ends; `sampleFrame()` (called
 * once per animation frame) reads telemetry and the counter and advances the picture, and React
 * hears of it a few times a second.
 */
import { takeSnapshot, type EventCursor } from '../../telemetry';
import { advance, completeRepeat, emptyPicture, type LivePicture } from './live-picture';
import type { RaceRun } from './race-result';
import type { RaceObserver, RepeatLive } from './run-race';
import { sampleRepeat } from './sample-race';

/**
 * While a repeat runs, React re-renders the picture at most this often, though it is sampled every
 * frame: each render of its charts costs the main thread layout and paint, which it cannot afford
 * every frame while the processes hold the cores (traced: 38-41 fps with 8 processes).
 */
const RENDER_MS = 66;

export class LivePictureStore {
  private picture: LivePicture | null = null;
  private repeat: { live: RepeatLive; cursor: EventCursor | undefined } | null = null;
  private t0 = 0;
  private renderedAt = -Infinity;
  private readonly listeners = new Set<() => void>();

  /** Hand this to `runRace`. */
  readonly observer: RaceObserver = {
    repeatStarted: (live) => {
      this.repeat = { live, cursor: undefined };
    },
    repeatEnded: (run: RaceRun) => {
      this.repeat = null;
      if (this.picture) {
        const expected = run.final + run.lostUpdates;
        this.set(completeRepeat(this.picture, run.repeat, expected, run.final, this.elapsed()));
      }
    },
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LivePicture | null => this.picture;

  /** A new run: an empty picture with one lane per process, and the clock at zero. */
  begin(processes: number): void {
    this.repeat = null;
    this.t0 = performance.now();
    this.set(emptyPicture(processes));
  }

  clear(): void {
    this.repeat = null;
    this.set(null);
  }

  /** One frame: a telemetry snapshot (only events since the last one) and the counter. */
  sampleFrame(): void {
    const repeat = this.repeat;
    if (!repeat || !this.picture) return;
    const { live } = repeat;
    const snapshot = takeSnapshot({ since: repeat.cursor });
    repeat.cursor = snapshot.cursor;
    const sample = sampleRepeat(
      { repeat: live.repeat, pids: live.processes.map((p) => p.pid), lockId: live.lock?.id ?? null },
      snapshot,
      live.readCounter(),
      this.elapsed(),
    );
    this.set(advance(this.picture, sample), false);
  }

  private elapsed(): number {
    return performance.now() - this.t0;
  }

  /** `now`: tell React at once (a repeat began or ended); otherwise at most every RENDER_MS. */
  private set(picture: LivePicture | null, now = true): void {
    this.picture = picture;
    const t = performance.now();
    if (!now && t - this.renderedAt < RENDER_MS) return;
    this.renderedAt = t;
    for (const listener of this.listeners) listener();
  }
}
