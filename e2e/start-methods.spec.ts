import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected, stopTheRun, typeSetting, waitForRunDone, waitForWorkers } from './scene-helpers';

interface Stats {
  median: number;
  min: number;
  max: number;
}
interface StartMethodsResult {
  coldStartMs: Stats;
  startJoinMs: Stats;
  moduleLoadMs: Stats;
  warmDispatchMs: Stats;
  poolStartupMs: number;
  sideEffectRuns: number;
  newWorkers: number;
  tasksRun: number;
  tasksPerPoolWorker: number[];
  parentTopLevelRuns: number;
  cpythonStartJoinMs: { fork: number; forkserver: number; spawn: number };
  coldSamples: unknown[];
  warmSamplesMs: number[];
}

test('cold starts and warm dispatches are measured, and the top-level side effect runs once per new worker', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const r = await runToResult<StartMethodsResult>(page, 'start-methods', { coldStarts: 6, poolSize: 2, warmDispatches: 200 });
  expect(r.coldSamples).toHaveLength(6);
  expect(r.warmSamplesMs).toHaveLength(200);
  for (const s of [r.coldStartMs, r.startJoinMs, r.warmDispatchMs]) {
    expect(s.min).toBeGreaterThan(0);
    expect(s.min).toBeLessThanOrEqual(s.median);
    expect(s.median).toBeLessThanOrEqual(s.max);
  }
  // A cold start includes loading the modules; a warm dispatch does not.
  expect(r.moduleLoadMs.median).toBeLessThanOrEqual(r.coldStartMs.median);
  expect(r.warmDispatchMs.median).toBeLessThan(r.coldStartMs.median);
  expect(r.poolStartupMs).toBeGreaterThan(0);
  // The lesson: once per new worker (6 cold + 2 pool), not once per task (206).
  expect(r.newWorkers).toBe(8);
  expect(r.sideEffectRuns).toBe(8);
  expect(r.tasksRun).toBe(206);
  expect(r.tasksPerPoolWorker.reduce((a, b) => a + b, 0)).toBe(200);
  expect(r.parentTopLevelRuns).toBe(1);
  expect(r.cpythonStartJoinMs).toEqual({ fork: 3.3, forkserver: 12, spawn: 68 });
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters are rejected with the parameter named', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'start-methods', [
    [{ coldStarts: 0 }, /coldStarts must be an integer from 3 to 50/],
    [{ coldStarts: 'many' }, /coldStarts/],
    [{ poolSize: 9 }, /poolSize must be an integer from 1 to 8/],
    [{ warmDispatches: -1 }, /warmDispatches must be an integer from 10 to 5000/],
    [{ method: 'fork' }, /unknown parameter "method"/],
  ]);
});

test('a run from the UI draws the comparison and counts the side effect; Stop leaves no worker', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'start-methods?coldStarts=5&warmDispatches=100');
  await clickRun(page);
  await waitForRunDone(page, 30_000);
  await expect(page.getByTestId('start-latency-chart').locator('svg')).toHaveAttribute(
    'aria-label',
    /CPython fork 3\.30 ms; CPython forkserver 12\.0 ms; CPython spawn 68\.0 ms; new worker [\d.]+ (ms|s); new worker [\d.]+ (ms|s); warm pool [\d.]+ (ms|µs)/,
  );
  await expect(page.getByTestId('side-effect-runs')).toHaveText('7');
  await expect(page.getByTestId('new-workers')).toHaveText('7');
  await expect(page.getByTestId('tasks-run')).toHaveText('105');
  await expect(page.getByTestId('side-effect-verdict')).toContainText('Once per new worker');
  await expect(page.getByTestId('start-stats-table').locator('tbody tr')).toHaveCount(4);
  await page.screenshot({ path: test.info().outputPath('start-methods-scene.png'), fullPage: true });
  expect(await liveWorkers(page)).toBe(0);

  // A long run: 50 cold starts, then 5,000 dispatches.
  await typeSetting(page, 'Cold starts', '50');
  await typeSetting(page, 'Tasks dispatched to the warm pool', '5000');
  await clickRun(page);
  await waitForWorkers(page);
  await stopTheRun(page, 'start-methods Stop (settings typed in)');
  watch.expectNoErrors();
});

test('out-of-range settings in the link are clamped with a visible message', async ({ page }) => {
  await openRoute(page, 'start-methods?coldStarts=1000&poolSize=abc');
  await expect(page.getByTestId('param-messages')).toContainText('coldStarts');
  await expect(page.getByTestId('param-messages')).toContainText('poolSize');
});
