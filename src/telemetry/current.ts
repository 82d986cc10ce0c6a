/**
 * This thread's telemetry: the shared buffer and the writer for this thread's process slot.
 *
 * - In the parent (the page, or the Node test process) the buffer is created on first use and
 *   the writer is slot 0 / pid 0.
 * - In a worker, `installWorkerTelemetry` runs at boot, before any argument is rebuilt, with
 *   the buffer and slot the parent assigned.
 * Primitives cache `currentWriter()` when they are built, so the hot path reads no globals.
 */
import { TelemetryBuffer } from './buffer';
import { ProcessState } from './layout';
import { TelemetryWriter } from './writer';

let buffer: TelemetryBuffer | null = null;
let writer: TelemetryWriter | null = null;

export function telemetryBuffer(): TelemetryBuffer {
  if (!buffer) {
    buffer = TelemetryBuffer.create();
    writer = new TelemetryWriter(buffer, 0, 0);
    writer.setState(ProcessState.RUNNING);
  }
  return buffer;
}

export function currentWriter(): TelemetryWriter {
  if (!writer) telemetryBuffer();
  return writer!;
}

export function installWorkerTelemetry(sab: SharedArrayBuffer, slot: number, pid: number): TelemetryWriter {
  buffer = TelemetryBuffer.attach(sab);
  writer = new TelemetryWriter(buffer, slot, pid);
  return writer;
}

/** Turn tracing on or off for every process sharing this buffer. */
export function setTelemetryEnabled(on: boolean): void {
  telemetryBuffer().setEnabled(on);
}
