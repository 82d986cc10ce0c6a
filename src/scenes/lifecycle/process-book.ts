/**
 * ProcessBook: the parent's view of every process the scene started (by the guided run or by
 * the user), turned into lifecycle lanes and table rows. `sample()` is called once per frame:
 * one telemetry snapshot gives each running process's fine state (asleep, blocked on a queue…);
 * the Process object gives the lifecycle (created → running → exited → joined). Reading
 * `proc.state` never reaps a zombie (calling `isAlive()` would, as in Python).
 */
import { now, type Process } from '../../runtime';
import { takeSnapshot, type ProcessSnapshot } from '../../telemetry';
import { processColor } from '../../charts/process-colors';
import type { LifecycleLane, LifecycleLaneState, LifecycleLanesData, LifecycleSegment } from '../../charts/lifecycle-lanes';

export type Origin = 'guided' | 'sandbox';

export interface BookEntry {
  proc: Process;
  origin: Origin;
  /** Which lesson started it ("exit-codes", …) or "yours". */
  group: string;
  /** The call, e.g. "work(4, 100) then return". */
  call: string;
  color: string;
  segments: LifecycleSegment[];
  /** The parent is awaiting join() on it (from a button). */
  joining: string | null;
  /** It was a zombie at some point. */
  wasZombie: boolean;
}

export interface BookRow {
  key: string;
  name: string;
  pid: number;
  origin: Origin;
  group: string;
  call: string;
  daemon: boolean;
  /** created / running / sleeping / waiting-queue-get / zombie / joined */
  state: string;
  isAlive: boolean;
  exitCode: number | null;
  zombie: boolean;
  joining: string | null;
  error: { name: string; message: string; stack: string } | null;
  color: string;
}

export class ProcessBook {
  t0 = now();
  entries: BookEntry[] = [];
  /** Bumped on every change a table would show. */
  version = 0;
  private telemetry = new Map<number, ProcessSnapshot>();

  add(proc: Process, origin: Origin, group: string, call: string): BookEntry {
    if (this.entries.length === 0) this.t0 = now();
    const entry: BookEntry = {
      proc,
      origin,
      group,
      call,
      color: processColor(this.entries.length),
      segments: [{ from: this.at(), to: null, state: 'created' }],
      joining: null,
      wasZombie: false,
    };
    this.entries.push(entry);
    this.version++;
    return entry;
  }

  clear(): void {
    this.entries = [];
    this.telemetry.clear();
    this.version++;
  }

  find(proc: Process): BookEntry | undefined {
    return this.entries.find((e) => e.proc === proc);
  }

  at(t = now()): number {
    return t - this.t0;
  }

  /** One look at every process: extends the lanes; returns whether any row changed. */
  sample(): boolean {
    const before = this.version;
    this.telemetry = new Map(takeSnapshot({ events: false }).processes.filter((p) => p.slot > 0).map((p) => [p.pid, p]));
    for (const e of this.entries) {
      const state = this.laneState(e);
      if (e.segments.at(-1)!.state === state) continue;
      this.advance(e, state);
      if (state === 'zombie') e.wasZombie = true;
      this.version++;
    }
    return this.version !== before;
  }

  /** Closes the open segment and opens `state`, placing boundaries at the process's own timestamps. */
  private advance(e: BookEntry, state: LifecycleLaneState): void {
    const p = e.proc;
    const nowMs = this.at();
    const exitedAt = p.exitedAt !== null ? this.at(p.exitedAt) : nowMs;
    const push = (from: number, next: LifecycleLaneState) => {
      const open = e.segments.at(-1)!;
      open.to = Math.max(open.from, Math.min(from, nowMs));
      e.segments.push({ from: open.to, to: null, state: next });
    };
    if (e.segments.at(-1)!.state === 'created') {
      const startedAt = p.startedAt !== null ? this.at(p.startedAt) : nowMs;
      push(startedAt, state === 'sleeping' || state === 'waiting' ? state : 'running');
      if (state === 'running' || state === 'sleeping' || state === 'waiting') return;
    }
    if (state === 'zombie') return push(exitedAt, 'zombie');
    if (state === 'joined') {
      // Reaped between two looks: it was still a zombie from its exit until now.
      if (e.segments.at(-1)!.state !== 'zombie') push(exitedAt, 'zombie');
      return push(nowMs, 'joined');
    }
    push(nowMs, state);
  }

  private laneState(e: BookEntry): LifecycleLaneState {
    const p = e.proc;
    switch (p.state) {
      case 'created':
        return 'created';
      case 'exited':
        return 'zombie';
      case 'joined':
        return 'joined';
      case 'running': {
        const t = this.telemetry.get(p.pid);
        if (!t) return 'running';
        if (t.state === 'sleeping') return 'sleeping';
        if (t.state.startsWith('waiting')) return 'waiting';
        return 'running';
      }
    }
  }

  markJoining(proc: Process, how: string | null): void {
    const e = this.find(proc);
    if (e) {
      e.joining = how;
      this.version++;
    }
  }

  lanes(): LifecycleLanesData {
    const lanes: LifecycleLane[] = this.entries.map((e) => ({
      key: String(e.proc.pid),
      label: `${e.proc.name} (${e.proc.pid})`,
      color: e.color,
      segments: e.segments,
      exitCode: e.proc.exitCode,
      exitedAt: e.proc.exitedAt !== null ? this.at(e.proc.exitedAt) : null,
    }));
    return { lanes, now: this.entries.length ? this.at() : 0 };
  }

  rows(): BookRow[] {
    return this.entries.map((e) => {
      const p = e.proc;
      const t = this.telemetry.get(p.pid);
      const state = p.state === 'exited' ? 'zombie' : p.state === 'running' ? (t?.state ?? 'running') : p.state;
      return {
        key: String(p.pid),
        name: p.name,
        pid: p.pid,
        origin: e.origin,
        group: e.group,
        call: e.call,
        daemon: p.daemon,
        state,
        isAlive: p.state === 'running',
        exitCode: p.exitCode,
        zombie: p.zombie,
        joining: e.joining,
        error: p.error ? { name: p.error.name, message: p.error.message, stack: p.error.stack ?? '' } : null,
        color: e.color,
      };
    });
  }

  /** Changes exactly when a process changes its lifecycle (not its fine, per-frame state). */
  signature(): string {
    return this.entries.map((e) => `${e.proc.pid}:${e.proc.state}:${e.proc.exitCode}:${e.joining}`).join('|');
  }

  /** A summary for screen readers: one clause per process. */
  describe(): string {
    if (this.entries.length === 0) return 'Lifecycle lanes: no processes yet.';
    return `Lifecycle lanes: ${this.rows()
      .map((r) => `${r.name} ${r.state}${r.exitCode !== null ? `, exit code ${r.exitCode}` : ''}`)
      .join('; ')}.`;
  }
}
