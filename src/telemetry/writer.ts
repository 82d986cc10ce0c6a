/**
 * TelemetryWriter: how one process writes its own slot, its ring and the resource slots.
 *
 * Two speeds, on purpose:
 * - fast path (uncontended lock acquire, a counted op): a plain increment of a word in the
 *   writer's own 64-byte slot (`i32[base + P.X]++`), guarded by the ENABLED word. No timestamps,
 *   no ring writes, no atomics: only this process writes its slot, readers tolerate staleness.
 * - slow path (about to block): state + resource words, a timestamp, a ring record, the
 *   resource's waiter count. Blocking costs microseconds anyway, so this is noise there.
 */
import type { TelemetryBuffer } from './buffer';
import { E, EventKind, H, P, R, RECORD_WORDS, RING_CAPACITY, ProcessState, type EventKindCode, type ProcessStateCode } from './layout';

export class TelemetryWriter {
  /** The whole buffer as Int32 words: hot paths index it directly with `base`. */
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** Word index of this writer's process slot. */
  readonly base: number;
  private readonly ringBase: number;

  constructor(
    readonly buffer: TelemetryBuffer,
    readonly slot: number,
    readonly pid: number,
  ) {
    this.i32 = buffer.i32;
    this.f64 = buffer.f64;
    this.base = buffer.processBase(slot);
    this.ringBase = buffer.ringBase(slot);
  }

  get enabled(): boolean {
    return this.i32[H.ENABLED] !== 0;
  }

  /** Count `n` units of work (increments, items, …) in the OPS counter. */
  countOps(n = 1): void {
    if (this.i32[H.ENABLED] !== 0) this.i32[this.base + P.OPS] += n;
  }

  setProgress(value: number): void {
    if (this.i32[H.ENABLED] !== 0) Atomics.store(this.i32, this.base + P.PROGRESS, value);
  }

  setCurrent(taskOrChunk: number): void {
    if (this.i32[H.ENABLED] !== 0) Atomics.store(this.i32, this.base + P.CURRENT, taskOrChunk);
  }

  /** Lifecycle state changes are always written (the lanes need them even with tracing off). */
  setState(state: ProcessStateCode, resource = 0): void {
    const t = this.buffer.nowUs();
    Atomics.store(this.i32, this.base + P.WAIT_RESOURCE, resource);
    this.f64[(this.base >> 1) + P.STATE_SINCE_F64] = t;
    Atomics.store(this.i32, this.base + P.STATE, state);
    this.record(t, EventKind.STATE, resource, state, 0);
  }

  /**
   * About to block on `resource` in `state`. Returns the start timestamp (µs) to hand to
   * `endWait`, or -1 when telemetry is off.
   */
  beginWait(state: ProcessStateCode, resource: number): number {
    if (this.i32[H.ENABLED] === 0) return -1;
    const t = this.buffer.nowUs();
    const i32 = this.i32;
    i32[this.base + P.BLOCKS]++;
    // The waiter count and the BLOCKED record first, the state last: a snapshot that sees this
    // process waiting (it reads the state before the ring and the resources) also sees both.
    if (resource > 0) Atomics.add(i32, this.buffer.resourceBase(resource) + R.WAITERS, 1);
    this.record(t, EventKind.BLOCKED, resource, state, 0);
    Atomics.store(i32, this.base + P.WAIT_RESOURCE, resource);
    this.f64[(this.base >> 1) + P.STATE_SINCE_F64] = t;
    Atomics.store(i32, this.base + P.STATE, state);
    return t;
  }

  /** Done blocking (acquired, woke, or timed out). `t0` is what `beginWait` returned. */
  endWait(t0: number, resource: number, timedOut = false): void {
    if (t0 < 0) return;
    const t = this.buffer.nowUs();
    const i32 = this.i32;
    const waited = t - t0;
    this.f64[(this.base >> 1) + P.WAIT_US_F64] += waited;
    if (resource > 0) Atomics.sub(i32, this.buffer.resourceBase(resource) + R.WAITERS, 1);
    Atomics.store(i32, this.base + P.WAIT_RESOURCE, 0);
    this.f64[(this.base >> 1) + P.STATE_SINCE_F64] = t;
    Atomics.store(i32, this.base + P.STATE, ProcessState.RUNNING);
    this.record(t, EventKind.UNBLOCKED, resource, Math.min(0x7fffffff, Math.round(waited)), timedOut ? 1 : 0);
  }

  /** A contended acquisition (the lock was held when we tried), whether or not we blocked. */
  countContended(): void {
    if (this.i32[H.ENABLED] !== 0) this.i32[this.base + P.CONTENDED]++;
  }

  /** Append an event to this process's ring (skipped when telemetry is off). */
  event(kind: EventKindCode, resource = 0, arg = 0, arg2 = 0): void {
    if (this.i32[H.ENABLED] === 0) return;
    this.record(this.buffer.nowUs(), kind, resource, arg, arg2);
  }

  /** Resource-slot helpers for queues and other primitives (slow path or sampled). */
  setResourceValue(resource: number, value: number): void {
    if (resource > 0 && this.i32[H.ENABLED] !== 0) Atomics.store(this.i32, this.buffer.resourceBase(resource) + R.VALUE, value);
  }

  setResourceOwner(resource: number, pid: number): void {
    if (resource > 0) Atomics.store(this.i32, this.buffer.resourceBase(resource) + R.OWNER, pid);
  }

  addResourceTotal(resource: number, n = 1): void {
    if (resource > 0 && this.i32[H.ENABLED] !== 0) Atomics.add(this.i32, this.buffer.resourceBase(resource) + R.TOTAL, n);
  }

  private record(t: number, kind: number, resource: number, arg: number, arg2: number): void {
    const i32 = this.i32;
    const head = i32[this.base + P.RING_HEAD];
    const b = this.ringBase + (head % RING_CAPACITY) * RECORD_WORDS;
    this.f64[(b >> 1) + E.T_F64] = t;
    i32[b + E.KIND] = kind;
    i32[b + E.RESOURCE] = resource;
    i32[b + E.ARG] = arg;
    i32[b + E.ARG2] = arg2;
    // Publish after the record is written: readers read RING_HEAD first, then the records.
    Atomics.store(i32, this.base + P.RING_HEAD, (head + 1) & 0x7fffffff);
  }
}
