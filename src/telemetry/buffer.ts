/**
 * TelemetryBuffer: typed views over the shared telemetry memory (layout in `layout.ts`), plus
 * the operations any thread may do: enable/disable, claim and free resource slots.
 * Process slots are claimed only by the parent (see `process-slots.ts`).
 */
import {

  H,
  MAGIC,
  MAX_RESOURCES,
  PROCESS_BASE,
  PROCESS_SLOT_WORDS,
  PROCESS_SLOTS,
  R,
  RECORD_WORDS,
  RESOURCE_BASE,
  RESOURCE_SLOT_WORDS,
  RING_BASE,
  RING_CAPACITY,
  TOTAL_BYTES,
  type ResourceKindCode,
} from './layout';

function clockNow(): number {
  return performance.timeOrigin + performance.now();
}

export class TelemetryBuffer {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly epochMs: number;

  private constructor(readonly sab: SharedArrayBuffer) {
    this.i32 = new Int32Array(sab);
    this.f64 = new Float64Array(sab);
    if (this.i32[H.MAGIC] !== MAGIC) throw new Error('not a telemetry buffer');
    this.epochMs = this.f64[H.EPOCH_F64];
  }

  static create(): TelemetryBuffer {
    const sab = new SharedArrayBuffer(TOTAL_BYTES);
    const i32 = new Int32Array(sab);
    i32[H.MAGIC] = MAGIC;
    i32[H.ENABLED] = 1;
    i32[H.PROCESS_SLOTS] = PROCESS_SLOTS;
    i32[H.MAX_RESOURCES] = MAX_RESOURCES;
    i32[H.RING_CAPACITY] = RING_CAPACITY;
    new Float64Array(sab)[H.EPOCH_F64] = clockNow();
    return new TelemetryBuffer(sab);
  }

  static attach(sab: SharedArrayBuffer): TelemetryBuffer {
    return new TelemetryBuffer(sab);
  }

  /** Microseconds since this buffer's epoch: the timestamp unit of every record. */
  nowUs(): number {
    return (clockNow() - this.epochMs) * 1000;
  }

  get enabled(): boolean {
    return Atomics.load(this.i32, H.ENABLED) !== 0;
  }

  /** Disabled telemetry skips counters, states and rings (to measure what tracing costs). */
  setEnabled(on: boolean): void {
    Atomics.store(this.i32, H.ENABLED, on ? 1 : 0);
  }

  processBase(slot: number): number {
    return PROCESS_BASE + slot * PROCESS_SLOT_WORDS;
  }

  resourceBase(id: number): number {
    return RESOURCE_BASE + (id - 1) * RESOURCE_SLOT_WORDS;
  }

  ringBase(slot: number): number {
    return RING_BASE + slot * RING_CAPACITY * RECORD_WORDS;
  }

  /**
   * Claims a resource slot from any thread. Returns its id (1…MAX_RESOURCES), or 0 when all are
   * in use: the resource then works normally but is not traced.
   */
  claimResource(kind: ResourceKindCode, capacity = 0): number {
    for (let w = 0; w < MAX_RESOURCES / 32; w++) {
      for (;;) {
        const bits = Atomics.load(this.i32, H.BITMAP + w);
        if (bits === -1) break;
        const free = Math.clz32(~bits & (bits + 1)) ^ 31; // index of the lowest clear bit
        if (Atomics.compareExchange(this.i32, H.BITMAP + w, bits, bits | (1 << free)) !== bits) continue;
        const id = w * 32 + free + 1;
        const b = this.resourceBase(id);
        Atomics.store(this.i32, b + R.OWNER, -1);
        Atomics.store(this.i32, b + R.WAITERS, 0);
        Atomics.store(this.i32, b + R.VALUE, 0);
        Atomics.store(this.i32, b + R.CAPACITY, capacity);
        Atomics.store(this.i32, b + R.TOTAL, 0);
        Atomics.add(this.i32, b + R.GENERATION, 1);
        Atomics.store(this.i32, b + R.KIND, kind);
        return id;
      }
    }
    return 0;
  }

  freeResource(id: number): void {
    if (id <= 0) return;
    Atomics.store(this.i32, this.resourceBase(id) + R.KIND, 0);
    const w = (id - 1) >> 5;
    Atomics.and(this.i32, H.BITMAP + w, ~(1 << ((id - 1) & 31)));
  }

  /** Index of record `n` (0-based count of records ever written) in a slot's ring. */
  recordBase(slot: number, n: number): number {
    return this.ringBase(slot) + (n % RING_CAPACITY) * RECORD_WORDS;
  }
}

