/**
 * takeSnapshot(): the whole telemetry picture as plain objects, cheap enough for every
 * animation frame (65 slots + 256 resource slots + new ring records; no allocation per idle
 * slot).
 *
 *   takeSnapshot({ since?: cursor, events?: boolean = true })
 *     → { tUs, enabled, processes[], resources[], events[], cursor }
 *   Pass the previous snapshot's `cursor` as `since` to get only events written after it.
 *   Without `since`, events are whatever the rings still hold.
 *
 * Processes: every used slot (the parent is pid 0, "MainProcess"). Resources: every claimed
 * slot; owner comes from the resource's own memory (its probe) when the parent has one.
 * Counters are read without atomics: a value may be a few increments stale, never torn.
 */
import { telemetryBuffer } from './current';
import { processName, resourceEntry } from './directory';
import {
  E,
  EVENT_KIND_NAMES,
  MAX_PROCESSES,
  MAX_RESOURCES,
  P,
  PROCESS_STATE_NAMES,
  R,
  RESOURCE_KIND_NAMES,
  RING_CAPACITY,
  ProcessState,
  type ProcessStateName,
  type ResourceKindName,
} from './layout';
import type { TelemetryBuffer } from './buffer';

export interface ProcessSnapshot {
  slot: number;
  pid: number;
  name: string;
  generation: number;
  state: ProcessStateName;
  /** Resource id it waits on (0 = none). */
  waitingOn: number;
  ops: number;
  acquires: number;
  contended: number;
  blocks: number;
  waitUs: number;
  progress: number;
  current: number;
  stateSinceUs: number;
  exitCode: number | null;
}

export interface ResourceSnapshot {
  id: number;
  kind: ResourceKindName;
  name: string;
  /** pid holding it, -1 for none. */
  owner: number;
  waiters: number;
  value: number;
  capacity: number;
  total: number;
  generation: number;
}

export interface EventRecord {
  slot: number;
  pid: number;
  tUs: number;
  kind: string;
  kindCode: number;
  resource: number;
  arg: number;
  arg2: number;
}

export interface EventCursor {
  heads: number[];
  generations: number[];
}

export interface TelemetrySnapshot {
  /** µs since the buffer's epoch, when the snapshot was taken. */
  tUs: number;
  epochMs: number;
  enabled: boolean;
  processes: ProcessSnapshot[];
  resources: ResourceSnapshot[];
  events: EventRecord[];
  cursor: EventCursor;
}

export interface SnapshotOptions {
  since?: EventCursor;
  events?: boolean;
  buffer?: TelemetryBuffer;
}

/**
 * One process's state, read straight from its slot: what a per-frame sampler needs, without the
 * cost of a whole snapshot (every slot in use, with names, and the resources). null when the slot
 * is free or holds another process.
 */
export function readProcessState(
  slot: number,
  pid: number,
  buffer: TelemetryBuffer = telemetryBuffer(),
): ProcessStateName | null {
  if (slot < 0 || slot >= MAX_PROCESSES) return null;
  const b = buffer.processBase(slot);
  const stateCode = Atomics.load(buffer.i32, b + P.STATE);
  if (stateCode === ProcessState.FREE || buffer.i32[b + P.PID] !== pid) return null;
  return PROCESS_STATE_NAMES[stateCode] ?? 'running';
}

export function takeSnapshot(options: SnapshotOptions = {}): TelemetrySnapshot {
  const buf = options.buffer ?? telemetryBuffer();
  const i32 = buf.i32;
  const f64 = buf.f64;
  const processes: ProcessSnapshot[] = [];
  const cursor: EventCursor = { heads: [], generations: [] };
  const events: EventRecord[] = [];

  for (let slot = 0; slot < MAX_PROCESSES; slot++) {
    const b = buf.processBase(slot);
    const stateCode = Atomics.load(i32, b + P.STATE);
    const generation = i32[b + P.GENERATION];
    const head = Atomics.load(i32, b + P.RING_HEAD);
    cursor.heads.push(head);
    cursor.generations.push(generation);
    if (stateCode === ProcessState.FREE && slot !== 0) continue;
    const pid = i32[b + P.PID];
    processes.push({
      slot,
      pid,
      name: processName(pid) ?? `pid ${pid}`,
      generation,
      state: PROCESS_STATE_NAMES[stateCode] ?? 'running',
      waitingOn: i32[b + P.WAIT_RESOURCE],
      ops: i32[b + P.OPS],
      acquires: i32[b + P.ACQUIRES],
      contended: i32[b + P.CONTENDED],
      blocks: i32[b + P.BLOCKS],
      waitUs: f64[(b >> 1) + P.WAIT_US_F64],
      progress: i32[b + P.PROGRESS],
      current: i32[b + P.CURRENT],
      stateSinceUs: f64[(b >> 1) + P.STATE_SINCE_F64],
      exitCode: stateCode === ProcessState.EXITED ? i32[b + P.EXIT_CODE] : null,
    });
    if (options.events !== false) readRing(buf, slot, pid, head, generation, options.since, events);
  }
  events.sort((a, b) => a.tUs - b.tUs);

  const resources: ResourceSnapshot[] = [];
  for (let id = 1; id <= MAX_RESOURCES; id++) {
    const b = buf.resourceBase(id);
    const kindCode = Atomics.load(i32, b + R.KIND);
    if (kindCode === 0) continue;
    const entry = resourceEntry(id);
    const generation = i32[b + R.GENERATION];
    const kind = RESOURCE_KIND_NAMES[kindCode] ?? 'other';
    resources.push({
      id,
      kind,
      name: entry && entry.kind === kind ? entry.name : `${kind}-${id}`,
      owner: entry?.probe ? entry.probe.owner() : i32[b + R.OWNER],
      waiters: Math.max(0, i32[b + R.WAITERS]),
      value: entry?.probe?.value ? entry.probe.value() : i32[b + R.VALUE],
      capacity: i32[b + R.CAPACITY],
      total: i32[b + R.TOTAL],
      generation,
    });
  }

  return { tUs: buf.nowUs(), epochMs: buf.epochMs, enabled: buf.enabled, processes, resources, events, cursor };
}

function readRing(
  buf: TelemetryBuffer,
  slot: number,
  pid: number,
  head: number,
  generation: number,
  since: EventCursor | undefined,
  out: EventRecord[],
): void {
  const i32 = buf.i32;
  const f64 = buf.f64;
  let from = since && since.generations[slot] === generation ? since.heads[slot] : 0;
  if (from > head) from = 0;
  from = Math.max(from, head - RING_CAPACITY);
  const start = out.length;
  for (let n = from; n < head; n++) {
    const r = buf.recordBase(slot, n);
    const kindCode = i32[r + E.KIND];
    out.push({
      slot,
      pid,
      tUs: f64[(r >> 1) + E.T_F64],
      kind: EVENT_KIND_NAMES[kindCode] ?? `kind-${kindCode}`,
      kindCode,
      resource: i32[r + E.RESOURCE],
      arg: i32[r + E.ARG],
      arg2: i32[r + E.ARG2],
    });
  }
  // Records the writer overwrote while we read them are dropped rather than shown torn.
  const overwrittenBelow = Atomics.load(i32, buf.processBase(slot) + P.RING_HEAD) - RING_CAPACITY;
  if (overwrittenBelow > from) out.splice(start, Math.min(overwrittenBelow - from, out.length - start));
}

