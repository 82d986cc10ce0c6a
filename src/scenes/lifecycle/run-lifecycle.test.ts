import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { supervisedExitCode } from '../../runtime/tasks/lifecycle-tasks';
import { defaults } from '../shared/params';
import { lifecycleParams, type LifecycleParams } from './lifecycle-params';
import { runLifecycle } from './run-lifecycle';

afterEach(() => terminateAll());

const base = { ...defaults(lifecycleParams), workMs: 120, joinTimeoutMs: 150 };
const run = (p: Partial<LifecycleParams>) => runLifecycle({ ...base, ...p }, { signal: new AbortController().signal });

describe('lifecycle guided run on real workers', () => {
  it('exit codes: 0, 1 with a traceback, 3, -15 and -9; join(timeout) returns while alive', async () => {
    const r = await run({ part: 'exit-codes' });
    expect(r.exitCodes?.exitCodes).toEqual({ returns: 0, raises: 1, 'sys-exit-3': 3, terminated: -15, killed: -9 });
    expect(r.exitCodes?.joinTimeout).toMatchObject({ timeoutMs: 150, aliveAfter: true, exitCodeAfter: null });
    expect(r.exitCodes?.joinTimeout.returnedAfterMs).toBeGreaterThanOrEqual(140);
    expect(r.exitCodes?.traceback).toContain("invalid literal for int() with base 10: 'not-a-number'");
    expect(r.exitCodes?.traceback).toContain('parse_record');
    const raised = r.processes.find((p) => p.name === 'raises');
    expect(raised?.error?.name).toBe('ValueError');
    expect(r.processes.every((p) => p.joinedAtMs !== null)).toBe(true);
    expect(liveWorkerCount()).toBe(0);
  });

  it('zombies: three children stay zombies until joined, then none remain', async () => {
    const r = await run({ part: 'zombies' });
    expect(r.zombies).toMatchObject({ names: ['zombie-1', 'zombie-2', 'zombie-3'], maxAtOnce: 3, remaining: 0 });
    for (const p of r.processes) {
      expect(p.zombieObserved).toBe(true);
      expect(p.zombieMs).toBeGreaterThan(300);
      expect(p.joinedAtMs).toBeGreaterThan(p.exitedAtMs!);
    }
  });

  it('supervision: each exit code by name, the failures named in a warning, replayable from the seed', async () => {
    const seed = 4242;
    const r = await run({ part: 'supervision', seed, workers: 5, failPercent: 50 });
    const expected = [0, 1, 2, 3, 4].map((i) => supervisedExitCode(seed + i, 50));
    expect(r.supervision?.workers.map((w) => w.exitCode)).toEqual(expected);
    const failed = r.supervision!.workers.filter((w) => w.exitCode === 1).map((w) => w.name);
    expect(r.supervision?.failed).toEqual(failed);
    expect(r.supervision?.warning).toBe(failed.length ? `WARNING: ${failed.length} of 5 workers failed: ${failed.join(', ')}` : null);
    const all = await run({ part: 'supervision', workers: 3, failPercent: 0 });
    expect(all.supervision).toMatchObject({ failed: [], warning: null });
    expect(all.seed).toBeGreaterThan(0);
  });

  it('daemon: terminated at parent shutdown (-15); the non-daemon child keeps the parent waiting and exits 0', async () => {
    const r = await run({ part: 'daemon' });
    expect(r.daemon?.daemon).toEqual({ name: 'heartbeat', exitCode: -15 });
    expect(r.daemon?.nonDaemon).toEqual({ name: 'writer', exitCode: 0 });
    expect(r.daemon?.parentWaitedMs).toBeGreaterThan(100);
  });

  it('go-context: poison pill, stop Event and terminate() each end one worker; all results correct', async () => {
    const r = await run({ part: 'go-context' });
    const g = r.goContext!;
    expect(g).toMatchObject({ jobs: 8, results: 6, resultsCorrect: true });
    expect(g.workers.map((w) => w.ending).sort()).toEqual(['poison-pill', 'stop-event', 'terminated']);
    const byEnding = Object.fromEntries(g.workers.map((w) => [w.ending, w.exitCode]));
    expect(byEnding).toEqual({ 'poison-pill': 0, 'stop-event': 0, terminated: -15 });
    expect(g.steps.some((s) => s.text.startsWith('stop.set()'))).toBe(true);
    expect(liveWorkerCount()).toBe(0);
  });

  it('a stopped run rejects and leaves no worker behind', async () => {
    const controller = new AbortController();
    const pending = runLifecycle({ ...base, part: 'daemon', workMs: 2000 }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(liveWorkerCount()).toBe(0);
  });
});
