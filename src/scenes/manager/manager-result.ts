/**
 * What a manager run resolves with (plain JSON: "Export JSON" and
 * `window.playground.run('manager')`).
 */
import type { Method } from './manager-params';

export interface MethodResult {
  method: Method;
  label: string;
  python: string;
  processes: number;
  ops: number;
  /** From the moment all processes were released (a Barrier) until the last increment landed. */
  wallMs: number;
  /** wallMs / ops: the cost of one increment, all processes together. */
  usPerOp: number;
  opsPerSec: number;
  /** Each process's own time per increment (its loop time / its increments), averaged. */
  perProcessUsPerOp: number;
  finalCount: number;
  expected: number;
  correct: boolean;
}

export interface CopyCostRow {
  kind: 'bytes' | 'list';
  payloadBytes: number;
  encodedBytes: number;
  pickleUs: number;
  unpickleUs: number;
  structuredCloneUs: number;
  /** Payload megabytes per second through pickle + unpickle. */
  mbPerSec: number;
}

export interface PicklingFailure {
  /** What was sent, in words. */
  what: string;
  /** How the same mistake reads in Python, and what CPython says. */
  python: string;
  pythonError: string;
  /** The error our runtime raised. */
  error: string;
  message: string;
}

export interface ManagerResult {
  scene: 'manager';
  processes: number;
  opsPerProcess: number;
  methods: MethodResult[];
  /** Manager µs per increment ÷ shared Value µs per increment. */
  managerSlowerBy: number;
  managerStartupMs: number;
  serialization: CopyCostRow[];
  picklingErrors: PicklingFailure[];
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function methodResult(input: {
  method: Method;
  label: string;
  python: string;
  processes: number;
  ops: number;
  spans: readonly { startedAt: number; endedAt: number; ops: number }[];
  /** When the last increment landed, if later than every process's end (the aggregator). */
  landedAt?: number;
  finalCount: number;
}): MethodResult {
  const start = Math.min(...input.spans.map((s) => s.startedAt));
  const end = Math.max(input.landedAt ?? 0, ...input.spans.map((s) => s.endedAt));
  const wallMs = Math.max(0, end - start);
  const perProcess = input.spans.map((s) => ((s.endedAt - s.startedAt) * 1000) / Math.max(1, s.ops));
  return {
    method: input.method,
    label: input.label,
    python: input.python,
    processes: input.processes,
    ops: input.ops,
    wallMs: round(wallMs),
    usPerOp: round((wallMs * 1000) / Math.max(1, input.ops), 4),
    opsPerSec: wallMs > 0 ? Math.round((input.ops * 1000) / wallMs) : 0,
    perProcessUsPerOp: round(perProcess.reduce((a, b) => a + b, 0) / Math.max(1, perProcess.length), 4),
    finalCount: input.finalCount,
    expected: input.ops,
    correct: input.finalCount === input.ops,
  };
}

export function managerCsvRows(r: ManagerResult) {
  return r.methods.map((m) => ({
    method: m.method,
    processes: m.processes,
    ops: m.ops,
    wallMs: m.wallMs,
    usPerOp: m.usPerOp,
    opsPerSec: m.opsPerSec,
    perProcessUsPerOp: m.perProcessUsPerOp,
    finalCount: m.finalCount,
    expected: m.expected,
    correct: m.correct,
    managerSlowerBy: r.managerSlowerBy,
  }));
}
