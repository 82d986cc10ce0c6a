/**
 * Parent-only allocation of telemetry process slots (slot 0 is the parent itself).
 *
 *   claimProcessSlot(pid) → slot   never-used slots first, then the slot of the process that
 *                                  exited longest ago (its history is the least interesting);
 *                                  OVERFLOW_SLOT if all are held by live processes
 *   releaseProcessSlot(slot)       the process exited: its slot keeps its data until reused
 *
 * A reused slot is zeroed and its GENERATION bumped, so a reader following it by cursor knows
 * to start over.
 */
import { telemetryBuffer } from './current';
import { MAX_PROCESSES, OVERFLOW_SLOT, P, PROCESS_SLOT_WORDS, ProcessState, R } from './layout';
import { TelemetryWriter } from './writer';

let nextFresh = 1;
const exitedOrder: number[] = [];

export function claimProcessSlot(pid: number): number {
  let slot: number;
  if (nextFresh < MAX_PROCESSES) slot = nextFresh++;
  else if (exitedOrder.length > 0) slot = exitedOrder.shift()!;
  else return OVERFLOW_SLOT;
  const buf = telemetryBuffer();
  const base = buf.processBase(slot);
  const i32 = buf.i32;
  const generation = i32[base + P.GENERATION];
  for (let w = 0; w < PROCESS_SLOT_WORDS; w++) Atomics.store(i32, base + w, 0);
  Atomics.store(i32, base + P.GENERATION, generation + 1);
  Atomics.store(i32, base + P.PID, pid);
  Atomics.store(i32, base + P.CURRENT, -1);
  new TelemetryWriter(buf, slot, pid).setState(ProcessState.CREATED);
  return slot;
}

export function releaseProcessSlot(slot: number): void {
  if (slot > 0 && slot < MAX_PROCESSES && !exitedOrder.includes(slot)) exitedOrder.push(slot);
}

/**
 * The parent records a process's end in its slot. A process killed while blocked never ran its
 * own "unblocked" bookkeeping, so its wait is closed here (the resource's waiter count too).
 */
export function markSlotExited(slot: number, pid: number, exitCode: number): void {
  if (slot <= 0 || slot >= MAX_PROCESSES) return;
  const buf = telemetryBuffer();
  const base = buf.processBase(slot);
  const i32 = buf.i32;
  if (Atomics.load(i32, base + P.PID) !== pid) return;
  const writer = new TelemetryWriter(buf, slot, pid);
  const state = Atomics.load(i32, base + P.STATE);
  if (state !== ProcessState.EXITED && state !== ProcessState.RUNNING && state !== ProcessState.CREATED) {
    const resource = Atomics.load(i32, base + P.WAIT_RESOURCE);
    if (resource > 0) Atomics.sub(i32, buf.resourceBase(resource) + R.WAITERS, 1);
  }
  Atomics.store(i32, base + P.EXIT_CODE, exitCode);
  if (state !== ProcessState.EXITED) writer.setState(ProcessState.EXITED);
}
