/**
 * Test helpers: synchronise with processes through what they publish in telemetry (their state,
 * their counters), never with sleeps. Each polls with a generous deadline (CI runs on a loaded
 * 2-core machine where a worker can take seconds to start) and returns as soon as it holds.
 *
 *   until(probe, what, timeoutMs = 30 s) → the probe's first truthy value; throws naming `what`
 *   processSnapshot(p) → p's telemetry slot as the UI sees it (undefined if it has none yet)
 *   untilState(p, state) → resolves once p is in `state` (e.g. 'waiting-lock')
 *
 * Only tests import this module.
 */
import { takeSnapshot, type ProcessSnapshot } from '../../telemetry/snapshot';
import type { ProcessStateName } from '../../telemetry/layout';

export async function until<T>(probe: () => T, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function processSnapshot(p: { pid: number }): ProcessSnapshot | undefined {
  return takeSnapshot({ events: false }).processes.find((s) => s.pid === p.pid);
}

export async function untilState(p: { pid: number; name?: string }, state: ProcessStateName, timeoutMs = 30_000): Promise<void> {
  await until(() => processSnapshot(p)?.state === state, `${p.name ?? `pid ${p.pid}`} is ${state}`, timeoutMs);
}
