/**
 * WaitWatch: the deadlock detector of one run, fed by telemetry snapshots.
 *
 * Each `sample()` builds the runtime's wait-for graph from a snapshot (process → lock/queue it
 * waits on, lock → its holder) and adds what the telemetry cannot know but the run does:
 *   joins       MainProcess → the child it is joining (join() is a parent-side await)
 *   needs-get   a queue with a blocked putter → the processes that read it (only they make room)
 *   needs-put   a queue with a blocked getter → the processes that write to it
 * Then it looks for a cycle with the runtime's `findCycle`.
 *
 * A cycle is *named* at once and *confirmed* as a deadlock when it has stood for CONFIRM_MS: a
 * cycle of waits without timeouts never breaks, but with `acquire(timeout)` a cycle may form and
 * dissolve by itself (that is the fix working), so a brief one is counted as transient. The age
 * of a cycle does not depend on how often we sample: it is measured from the moment its newest
 * wait began (each process slot records when its state last changed). If there is no cycle but
 * every live process of the run has been blocked for CONFIRM_MS, that is a deadlock too (Go's
 * "all goroutines are asleep").
 *
 * Either is confirmed only when two samples in a row show it. A snapshot is not atomic: a process
 * that has just taken a lock still says "waiting" (since it began waiting) until it writes its
 * state, a few instructions later, so one torn sample could show it waiting for a lock it holds,
 * with the age of its whole wait. That happened, once, on a loaded machine: the fixed lock-order
 * run was named deadlocked. A real deadlock is still there 20 ms later.
 */
import {
  buildWaitForGraph,
  findCycle,
  processNode,
  resourceNode,
  takeSnapshot,
  telemetryBuffer,
  type ProcessSnapshot,
  type TelemetrySnapshot,
  type WaitForGraph,
} from '../../telemetry';
import type { DeadlockLogEntry } from './deadlock-result';

/** A cycle standing this long is a deadlock (longer than any timed acquire the fixes use). */
export const CONFIRM_MS = 300;

export interface CastProcess {
  pid: number;
  name: string;
  role: string;
  /**
   * The parent's own record of the exit code, when it has one: it wins over the telemetry slot.
   * (A browser worker runs on briefly after terminate(), and may still write its slot.)
   */
  exitCode?: () => number | null;
}

export interface CastResource {
  id: number;
  name: string;
  kind: 'lock' | 'queue';
  /** Queues: who reads it and who writes it (pids; 0 is the parent). */
  producers?: readonly number[];
  consumers?: readonly number[];
  capacity?: number;
}

/** Everything one run shows, in drawing order (a ring lays out nicely in this order). */
export interface Cast {
  processes: readonly CastProcess[];
  resources: readonly CastResource[];
  /** Node ids around the picture; processes and resources interleaved as the story goes. */
  order: readonly string[];
}

export type WatchEdgeKind = 'waits-on' | 'held-by' | 'joins' | 'needs-get' | 'needs-put';

export interface WatchEdge {
  from: string;
  to: string;
  kind: WatchEdgeKind;
}

export interface WatchNode {
  id: string;
  type: 'process' | 'resource';
  label: string;
  /** pid or resource id. */
  ref: number;
  /** Processes: running / waiting-lock / … / exited; resources: "held by worker-1", "4/4". */
  state: string;
  alive: boolean;
  exitCode: number | null;
  /** Resources: queue depth (value) and capacity. */
  depth?: number;
  capacity?: number;
}

export interface Detection {
  kind: 'cycle' | 'all-blocked';
  nodeIds: string[];
  names: string[];
  text: string;
  /** Since the run started. */
  formedAtMs: number;
  detectedAtMs: number;
}

export interface WatchFrame {
  /** Since the run started. */
  atMs: number;
  nodes: WatchNode[];
  edges: WatchEdge[];
  /** The cycle seen now (node ids, in wait-for order), confirmed or not. */
  cycle: string[] | null;
  cycleAgeMs: number;
  detection: Detection | null;
  transientCycles: number;
}

const PARENT_PID = 0;

function isWaiting(p: ProcessSnapshot | undefined): boolean {
  return !!p && p.state.startsWith('waiting');
}

export class WaitWatch {
  private joining: { pid: number; sinceUs: number } | null = null;
  private detection: Detection | null = null;
  /** The cycle (or everyone-blocked set) seen in the last sample: it is confirmed when seen again. */
  private current: { key: string } | null = null;
  private allBlocked: string | null = null;
  private transient = 0;
  private readonly previous = new Map<number, string>();
  readonly log: DeadlockLogEntry[] = [];
  private readonly names = new Map<string, string>();
  private readonly processByPid: Map<number, CastProcess>;

  constructor(
    readonly cast: Cast,
    /** Telemetry µs when the run's processes were started. */
    readonly startUs: number = telemetryBuffer().nowUs(),
  ) {
    this.processByPid = new Map(cast.processes.map((p) => [p.pid, p]));
    this.names.set(processNode(PARENT_PID), 'MainProcess');
    for (const p of cast.processes) this.names.set(processNode(p.pid), p.name);
    for (const r of cast.resources) this.names.set(resourceNode(r.id), r.name);
  }

  /** The parent is now awaiting `join()` of this child (null: it is not joining). */
  parentJoining(pid: number | null, nowUs = telemetryBuffer().nowUs()): void {
    this.joining = pid === null ? null : { pid, sinceUs: nowUs };
    if (pid !== null) this.note(nowUs, 'MainProcess', `join(${this.nameOf(processNode(pid))})`);
  }

  /** A step of the parent's script, for the log. */
  note(atUs: number, who: string, text: string): void {
    this.log.push({ atMs: Math.max(0, Math.round((atUs - this.startUs) / 100) / 10), who, text });
  }

  get detected(): Detection | null {
    return this.detection;
  }

  nameOf(nodeId: string): string {
    return this.names.get(nodeId) ?? nodeId;
  }

  sample(snapshot: TelemetrySnapshot = takeSnapshot({ events: false })): WatchFrame {
    const procs = new Map<number, ProcessSnapshot>();
    for (const p of snapshot.processes) {
      if (p.pid === PARENT_PID ? p.slot === 0 : this.processByPid.has(p.pid)) procs.set(p.pid, p);
    }
    const resById = new Map(snapshot.resources.map((r) => [r.id, r]));
    const castNodes = new Set<string>([
      processNode(PARENT_PID),
      ...this.cast.processes.map((p) => processNode(p.pid)),
    ]);
    for (const r of this.cast.resources) castNodes.add(resourceNode(r.id));

    // The runtime's graph, kept to this run's processes and resources.
    const base = buildWaitForGraph(snapshot);
    const edges: WatchEdge[] = base.edges
      .filter((e) => castNodes.has(e.from) && castNodes.has(e.to))
      .map((e) => ({ from: e.from, to: e.to, kind: e.type }));

    const alive = (pid: number) =>
      pid === PARENT_PID || (procs.has(pid) && procs.get(pid)!.state !== 'exited');
    if (this.joining && alive(this.joining.pid)) {
      edges.push({ from: processNode(PARENT_PID), to: processNode(this.joining.pid), kind: 'joins' });
    }
    for (const r of this.cast.resources) {
      if (r.kind !== 'queue') continue;
      const waiters = [...procs.values()].filter((p) => isWaiting(p) && p.waitingOn === r.id);
      const putBlocked = waiters.some((p) => p.state === 'waiting-queue-put');
      const getBlocked = waiters.some((p) => p.state === 'waiting-queue-get');
      if (putBlocked)
        for (const pid of r.consumers ?? [])
          if (alive(pid)) edges.push({ from: resourceNode(r.id), to: processNode(pid), kind: 'needs-get' });
      if (getBlocked)
        for (const pid of r.producers ?? [])
          if (alive(pid)) edges.push({ from: resourceNode(r.id), to: processNode(pid), kind: 'needs-put' });
    }

    this.logChanges(procs, resById);

    const waitSinceUs = (pid: number): number | null => {
      if (pid === PARENT_PID && this.joining) return this.joining.sinceUs;
      const p = procs.get(pid);
      return isWaiting(p) ? p!.stateSinceUs : null;
    };

    const graph: WaitForGraph = {
      nodes: [...castNodes].map((id) => ({
        id,
        type: id.startsWith('p:') ? 'process' : 'resource',
        label: this.nameOf(id),
        ref: Number(id.slice(2)),
      })),
      // findCycle follows edges whatever their kind; the runtime's type names only two.
      edges: edges.map((e) => ({
        from: e.from,
        to: e.to,
        type: e.kind === 'held-by' || e.kind.startsWith('needs') ? 'held-by' : 'waits-on',
      })),
    };
    const found = findCycle(graph);
    const cycle = found ? this.rotate(found) : null;
    const nowUs = snapshot.tUs;

    let cycleAgeMs = 0;
    if (cycle) {
      const since = cycle.filter((id) => id.startsWith('p:')).map((id) => waitSinceUs(Number(id.slice(2))));
      const formedUs = Math.max(...since.map((s) => s ?? nowUs));
      cycleAgeMs = Math.max(0, (nowUs - formedUs) / 1000);
      const key = `${cycle.join(',')}@${formedUs}`;
      const seenBefore = this.current?.key === key;
      if (!seenBefore) this.current = { key };
      if (!this.detection && seenBefore && cycleAgeMs >= CONFIRM_MS)
        this.confirm('cycle', cycle, formedUs, nowUs);
      this.allBlocked = null;
    } else {
      if (this.current && !this.detection) this.transient++;
      this.current = null;
      this.checkAllBlocked(procs, waitSinceUs, nowUs);
    }

    const nodes: WatchNode[] = [];
    for (const id of this.cast.order.filter((id) => castNodes.has(id)))
      nodes.push(this.describeNode(id, procs, resById));
    for (const id of castNodes)
      if (!this.cast.order.includes(id)) nodes.push(this.describeNode(id, procs, resById));

    return {
      atMs: (nowUs - this.startUs) / 1000,
      nodes,
      edges,
      cycle,
      cycleAgeMs,
      detection: this.detection,
      transientCycles: this.transient,
    };
  }

  private checkAllBlocked(
    procs: Map<number, ProcessSnapshot>,
    waitSinceUs: (pid: number) => number | null,
    nowUs: number,
  ): void {
    if (this.detection) return;
    // Only two samples in a row count (see the top of this file): every way out below forgets it.
    const previous = this.allBlocked;
    this.allBlocked = null;
    // A process not (or no longer) visible in telemetry may still be starting, or its slot was
    // briefly overwritten by a terminated worker of an earlier run: nothing can be concluded.
    if (this.cast.processes.some((p) => !procs.has(p.pid))) return;
    // Likewise a slot that says "exited" while the parent has not seen that process exit: a
    // terminated worker of an earlier run may have written it (seen after Reset: the fixed run
    // was named "everyone blocked" while its first worker was still running).
    const parentSaysRunning = (p: CastProcess) => p.exitCode !== undefined && p.exitCode() === null;
    if (this.cast.processes.some((p) => parentSaysRunning(p) && procs.get(p.pid)!.state === 'exited')) return;
    const live = this.cast.processes.filter((p) => procs.get(p.pid)!.state !== 'exited').map((p) => p.pid);
    if (live.length === 0) return;
    const parentBlocked = waitSinceUs(PARENT_PID) !== null;
    if (!parentBlocked) return; // the parent can still act: it may be about to help
    const all = [PARENT_PID, ...live];
    const since = all.map(waitSinceUs);
    if (since.some((s) => s === null)) return;
    const formedUs = Math.max(...(since as number[]));
    if ((nowUs - formedUs) / 1000 < CONFIRM_MS) return;
    const ids: string[] = [];
    for (const pid of all) {
      ids.push(processNode(pid));
      const p = procs.get(pid);
      if (pid !== PARENT_PID && p && p.waitingOn > 0) ids.push(resourceNode(p.waitingOn));
    }
    const key = `${ids.join(',')}@${formedUs}`;
    this.allBlocked = key;
    if (previous === key) this.confirm('all-blocked', ids, formedUs, nowUs);
  }

  private confirm(kind: Detection['kind'], nodeIds: string[], formedUs: number, nowUs: number): void {
    const names = nodeIds.map((id) => this.nameOf(id));
    const text =
      kind === 'cycle' ? [...names, names[0]].join(' → ') : `everyone is blocked: ${names.join(', ')}`;
    this.detection = {
      kind,
      nodeIds,
      names,
      text,
      formedAtMs: (formedUs - this.startUs) / 1000,
      detectedAtMs: (nowUs - this.startUs) / 1000,
    };
    this.note(nowUs, 'detector', kind === 'cycle' ? `deadlock: ${text}` : `deadlock: ${text}`);
  }

  /** Start the cycle at the first process in drawing order, so the same cycle always reads the same. */
  private rotate(cycle: string[]): string[] {
    const rank = (id: string) => {
      const i = this.cast.order.indexOf(id);
      return id.startsWith('p:') ? (i < 0 ? 1000 : i) : 10_000;
    };
    let best = 0;
    for (let i = 1; i < cycle.length; i++) if (rank(cycle[i]!) < rank(cycle[best]!)) best = i;
    return [...cycle.slice(best), ...cycle.slice(0, best)];
  }

  private describeNode(
    id: string,
    procs: Map<number, ProcessSnapshot>,
    resById: Map<number, TelemetrySnapshot['resources'][number]>,
  ): WatchNode {
    const ref = Number(id.slice(2));
    if (id.startsWith('p:')) {
      const p = procs.get(ref);
      const joiningNow = ref === PARENT_PID && this.joining !== null;
      const state = joiningNow ? `waiting-join` : (p?.state ?? 'created');
      const parentsRecord = this.processByPid.get(ref)?.exitCode?.() ?? null;
      return {
        id,
        type: 'process',
        label: this.nameOf(id),
        ref,
        state: parentsRecord !== null ? 'exited' : state,
        alive: parentsRecord === null && (ref === PARENT_PID || (!!p && p.state !== 'exited')),
        exitCode: parentsRecord ?? p?.exitCode ?? null,
      };
    }
    const r = resById.get(ref);
    const castRes = this.cast.resources.find((c) => c.id === ref);
    if (castRes?.kind === 'queue') {
      const depth = r?.value ?? 0;
      const capacity = castRes.capacity ?? r?.capacity ?? 0;
      return {
        id,
        type: 'resource',
        label: this.nameOf(id),
        ref,
        state: capacity > 0 ? `${depth}/${capacity}` : `${depth} queued`,
        alive: true,
        exitCode: null,
        depth,
        capacity,
      };
    }
    const owner = r?.owner ?? -1;
    return {
      id,
      type: 'resource',
      label: this.nameOf(id),
      ref,
      state: owner >= 0 ? `held by ${this.nameOf(processNode(owner))}` : 'free',
      alive: true,
      exitCode: null,
    };
  }

  /** Log each process's waits as they begin (timestamped by the process itself) and its exit. */
  private logChanges(
    procs: Map<number, ProcessSnapshot>,
    resById: Map<number, TelemetrySnapshot['resources'][number]>,
  ): void {
    for (const cp of this.cast.processes) {
      const p = procs.get(cp.pid);
      if (!p) continue;
      const key = `${p.state}:${p.waitingOn}:${p.stateSinceUs}`;
      if (this.previous.get(cp.pid) === key) continue;
      this.previous.set(cp.pid, key);
      if (p.state === 'exited') {
        this.note(p.stateSinceUs, cp.name, `exited with exit code ${cp.exitCode?.() ?? p.exitCode}`);
        continue;
      }
      if (!isWaiting(p) || p.waitingOn === 0) continue;
      const resource = this.cast.resources.find((r) => r.id === p.waitingOn);
      if (!resource) continue;
      const r = resById.get(resource.id);
      let text: string;
      if (p.state === 'waiting-lock') {
        const owner = r && r.owner >= 0 ? ` (held by ${this.nameOf(processNode(r.owner))})` : '';
        text = `waits for ${resource.name}${owner}`;
      } else if (p.state === 'waiting-queue-put') text = `put() blocks: ${resource.name} is full`;
      else if (p.state === 'waiting-queue-get') text = `get() blocks: ${resource.name} is empty`;
      else text = `${p.state} on ${resource.name}`;
      this.note(p.stateSinceUs, cp.name, text);
    }
  }
}
