/**
 * Waiting workloads: what I/O-bound work looks like to a scheduler (the process sleeps, the
 * core is free), for the GIL scene's "threads overlap on I/O" and for lifecycle lanes.
 *
 *   sleepMs(ctx, ms) → ms actually slept
 *   ioLike(ctx, ms, cpuMs = 0) → { cpuMs, waitedMs }   a request handler: a little CPU, then a wait
 */
import { checkInt } from '../errors';
import type { TaskContext } from './task-context';

export function sleepMs(ctx: TaskContext, ms: number): number {
  checkInt('ms', ms, 0, 3_600_000);
  const t0 = ctx.now();
  ctx.sleep(ms);
  return ctx.now() - t0;
}

export function ioLike(ctx: TaskContext, ms: number, cpuMs = 0): { cpuMs: number; waitedMs: number } {
  checkInt('ms', ms, 0, 3_600_000);
  checkInt('cpuMs', cpuMs, 0, 60_000);
  const t0 = ctx.now();
  let spins = 0;
  while (ctx.now() - t0 < cpuMs) spins++;
  ctx.telemetry.countOps(spins);
  const t1 = ctx.now();
  ctx.sleep(ms);
  return { cpuMs: t1 - t0, waitedMs: ctx.now() - t1 };
}

export const waitTasks = { sleepMs, ioLike };
