/**
 * The live picture of a GIL run, built from telemetry: one lane per worker over time (holding
 * the GIL and running / waiting for it / waiting on I/O with it released), who holds each GIL
 * now and who queues for it. Fed once per animation frame with the new ring events of a
 * snapshot; workers write those events only on slow paths (a wait that blocks), never per step.
 *
 * Event → state (the runtime's telemetry vocabulary):
 *   blocked, arg waiting-lock   → waiting for the GIL (a Lock wait, or the forced-switch wait)
 *   blocked, arg sleeping       → I/O: a blocking wait with the GIL released
 *   blocked, arg waiting-event  → at the start gate
 *   unblocked                   → running (for a thread: holding the GIL)
 *   state exited / exited       → done
 */
import { EventKind, ProcessState, type EventRecord, type TelemetrySnapshot } from '../../telemetry';
import type { GilMode } from './gil-result';
import type { GilPhase } from './run-gil';

export type GilLaneState = 'gate' | 'running' | 'waiting' | 'io' | 'done';

export interface GilSegment {
  /** ms since the phase's start gate opened. */
  from: number;
  to: number;
  state: GilLaneState;
}

export interface GilLaneView {
  pid: number;
  name: string;
  state: GilLaneState;
  segments: readonly GilSegment[];
  tasksDone: number;
}

export interface GilLockView {
  id: number;
  /** Name of the worker holding it, or null. */
  holder: string | null;
  /** Names of the workers waiting for it, first in line first. */
  waiters: string[];
}

export interface GilPhaseView {
  mode: GilMode;
  repeat: number;
  lanes: GilLaneView[];
  /** ms since the gate opened, up to the latest event or sample. */
  nowMs: number;
  gils: GilLockView[];
  finished: boolean;
}

/** A sliver of "running" shorter than this between two waits is a wake-up and re-wait: not drawn. */
const SLIVER_MS = 0.05;
const MAX_SEGMENTS = 6000;

function stateOfEvent(e: EventRecord): GilLaneState | null {
  switch (e.kindCode) {
    case EventKind.BLOCKED:
      if (e.arg === ProcessState.SLEEPING) return 'io';
      if (e.arg === ProcessState.WAITING_EVENT) return 'gate';
      return 'waiting';
    case EventKind.UNBLOCKED:
      return 'running';
    case EventKind.EXITED:
      return 'done';
    case EventKind.STATE:
      if (e.arg === ProcessState.EXITED) return 'done';
      if (e.arg === ProcessState.RUNNING) return 'running';
      return null;
    default:
      return null;
  }
}

interface LaneTrack {
  pid: number;
  name: string;
  state: GilLaneState;
  since: number;
  segments: GilSegment[];
}

/** The lanes of one measurement (one phase), accumulated from events. Mutable; `view()` copies. */
export class PhaseTrack {
  private readonly lanes: LaneTrack[];
  private nowMs = 0;
  private finished = false;

  constructor(readonly phase: GilPhase) {
    this.lanes = phase.workers.map((w) => ({ pid: w.pid, name: w.name, state: 'gate', since: 0, segments: [] }));
  }

  /** Adds the events of this phase's workers (in time order). */
  ingest(events: readonly EventRecord[], epochMs: number): void {
    for (const e of events) {
      const lane = this.lanes.find((l) => l.pid === e.pid);
      if (!lane) continue;
      const state = stateOfEvent(e);
      if (state === null) continue;
      const t = Math.max(0, epochMs + e.tUs / 1000 - this.phase.goAt);
      this.switchState(lane, state, t);
      this.nowMs = Math.max(this.nowMs, t);
    }
  }

  /** Moves the clock to `tMs` (a frame's time) so running lanes grow between events. */
  advanceTo(tMs: number): void {
    if (!this.done) this.nowMs = Math.max(this.nowMs, tMs);
  }

  finish(): void {
    for (const lane of this.lanes) if (lane.state !== 'done') this.switchState(lane, 'done', this.nowMs);
    this.finished = true;
  }

  get done(): boolean {
    return this.finished || this.lanes.every((l) => l.state === 'done');
  }

  private switchState(lane: LaneTrack, state: GilLaneState, t: number): void {
    if (state === lane.state) return;
    if (lane.state === 'done') return;
    const from = lane.since;
    const to = Math.max(from, t);
    const prev = lane.segments.at(-1);
    if (lane.state === 'running' && to - from < SLIVER_MS && prev && prev.state === state) {
      // waiting → (a few µs awake) → waiting: one wait.
      lane.since = prev.from;
      lane.segments.pop();
    } else if (to > from || lane.segments.length === 0) {
      if (prev && prev.state === lane.state) prev.to = to;
      else lane.segments.push({ from, to, state: lane.state });
      if (lane.segments.length > MAX_SEGMENTS) lane.segments.splice(0, lane.segments.length - MAX_SEGMENTS);
      lane.since = to;
    }
    lane.state = state;
  }

  view(snapshot: TelemetrySnapshot | null): GilPhaseView {
    const byPid = new Map(snapshot?.processes.map((p) => [p.pid, p]) ?? []);
    const now = this.nowMs;
    const lanes: GilLaneView[] = this.lanes.map((lane) => {
      const open = lane.state === 'done' ? [] : [{ from: lane.since, to: Math.max(lane.since, now), state: lane.state }];
      return {
        pid: lane.pid,
        name: lane.name,
        state: lane.state,
        segments: [...lane.segments, ...open],
        tasksDone: byPid.get(lane.pid)?.progress ?? 0,
      };
    });
    const nameOf = (pid: number) => this.lanes.find((l) => l.pid === pid)?.name ?? null;
    const gils = this.phase.gilIds.map((id) => {
      const resource = snapshot?.resources.find((r) => r.id === id);
      const holderPid = resource?.owner ?? -1;
      const waiters = (snapshot?.processes ?? [])
        .filter((p) => p.waitingOn === id && p.state === 'waiting-lock' && this.lanes.some((l) => l.pid === p.pid))
        .sort((a, b) => a.stateSinceUs - b.stateSinceUs)
        .map((p) => nameOf(p.pid)!)
        .filter((name) => name !== null);
      return { id, holder: this.finished || holderPid < 0 ? null : nameOf(holderPid), waiters: this.finished ? [] : waiters };
    });
    return { mode: this.phase.mode, repeat: this.phase.repeat, lanes, nowMs: now, gils, finished: this.finished };
  }
}

/** Time of a snapshot in the phase's clock (ms since its gate opened). */
export function snapshotMs(snapshot: TelemetrySnapshot, phase: GilPhase): number {
  return snapshot.epochMs + snapshot.tUs / 1000 - phase.goAt;
}
