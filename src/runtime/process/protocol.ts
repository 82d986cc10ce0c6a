/**
 * The messages between the parent and a process's worker. Deliberately few: the boot message,
 * one "started", optional user messages, and ONE "exit" at the end. Everything that happens
 * in between (states, waits, counters) goes through shared-memory telemetry, never postMessage.
 */
import type { ErrorInfo } from '../errors';

export interface BootMessage {
  type: 'boot';
  pid: number;
  /** Telemetry process slot. */
  slot: number;
  name: string;
  task: string;
  /** Encoded arguments: handles in place of primitives (memory/handles.ts). */
  args: unknown[];
  telemetry: SharedArrayBuffer;
  /** The process's private control block (tasks/task-context.ts: STOP word). */
  control: SharedArrayBuffer;
}

export interface StartedMessage {
  type: 'started';
  /** Worker clock (epoch ms) when the task is about to run: its first instruction. */
  at: number;
}

export interface UserMessage {
  type: 'user';
  data: unknown;
}

export interface ExitMessage {
  type: 'exit';
  code: number;
  error?: ErrorInfo;
  /** The task's return value if it could be cloned (an extension: Python discards it). */
  result?: unknown;
}

export type FromWorker = StartedMessage | UserMessage | ExitMessage;

export function isFromWorker(m: unknown): m is FromWorker {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
