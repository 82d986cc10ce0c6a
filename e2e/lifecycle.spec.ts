import { expect, test, type Page } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected } from './scene-helpers';

interface LifecycleOutcome {
  seed: number;
  processes: { name: string; exitCode: number | null; zombieObserved: boolean; zombieMs: number | null; joinedAtMs: number | null }[];
  exitCodes: { exitCodes: Record<string, number | null>; traceback: string; joinTimeout: { aliveAfter: boolean; exitCodeAfter: number | null } } | null;
  zombies: { names: string[]; maxAtOnce: number; remaining: number } | null;
  supervision: { workers: { name: string; exitCode: number }[]; failed: string[]; warning: string | null } | null;
  daemon: { daemon: { exitCode: number }; nonDaemon: { exitCode: number }; parentWaitedMs: number } | null;
  goContext: { results: number; resultsCorrect: boolean; workers: { ending: string; exitCode: number }[] } | null;
}

const FAST = { workMs: 120, joinTimeoutMs: 150 };

test('headless: exit codes 0, 1 (with the traceback), 3, -15, -9, and zombies until joined', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const r = await runToResult<LifecycleOutcome>(page, 'lifecycle', { part: 'exit-codes', ...FAST });
  expect(r.exitCodes?.exitCodes).toEqual({ returns: 0, raises: 1, 'sys-exit-3': 3, terminated: -15, killed: -9 });
  expect(r.exitCodes?.traceback).toContain("ValueError: invalid literal for int() with base 10: 'not-a-number'");
  expect(r.exitCodes?.joinTimeout).toMatchObject({ aliveAfter: true, exitCodeAfter: null });
  await expect.poll(() => liveWorkers(page)).toBe(0);

  const zr = await runToResult<LifecycleOutcome>(page, 'lifecycle', { part: 'zombies', ...FAST });
  expect(zr.zombies).toEqual({ names: ['zombie-1', 'zombie-2', 'zombie-3'], maxAtOnce: 3, remaining: 0 });
  for (const p of zr.processes) {
    expect(p.zombieObserved).toBe(true);
    expect(p.zombieMs).toBeGreaterThan(0);
    expect(p.joinedAtMs).not.toBeNull();
  }
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('headless: supervision, daemon shutdown and the Go-style pool', async ({ page }) => {
  await openRoute(page);
  const sr = await runToResult<LifecycleOutcome>(page, 'lifecycle', { part: 'supervision', seed: 77, failPercent: 100, workers: 4, ...FAST });
  expect(sr.seed).toBe(77);
  expect(sr.supervision?.workers.map((w) => w.exitCode)).toEqual([1, 1, 1, 1]);
  expect(sr.supervision?.warning).toBe('WARNING: 4 of 4 workers failed: worker-1, worker-2, worker-3, worker-4');

  const dr = await runToResult<LifecycleOutcome>(page, 'lifecycle', { part: 'daemon', ...FAST });
  expect(dr.daemon?.daemon.exitCode).toBe(-15);
  expect(dr.daemon?.nonDaemon.exitCode).toBe(0);

  const gr = await runToResult<LifecycleOutcome>(page, 'lifecycle', { part: 'go-context', ...FAST });
  expect(gr.goContext).toMatchObject({ results: 6, resultsCorrect: true });
  expect(gr.goContext?.workers.map((w) => `${w.ending} ${w.exitCode}`).sort()).toEqual(['poison-pill 0', 'stop-event 0', 'terminated -15']);
  await expect.poll(() => liveWorkers(page)).toBe(0);
});

async function startOwn(page: Page, name: string, does: string, options: { steps?: string; stepMs?: string } = {}) {
  const sandbox = page.getByTestId('sandbox');
  await sandbox.getByLabel('name').fill(name);
  await sandbox.getByLabel('target does').selectOption({ label: does });
  if (options.steps) await sandbox.getByLabel('steps').fill(options.steps);
  if (options.stepMs) await sandbox.getByLabel('ms per step').fill(options.stepMs);
  await sandbox.getByRole('button', { name: 'Start process' }).click();
  await expect(page.getByTestId(`lifecycle-row-${name}`)).toBeVisible();
}

test('your own processes: terminate -15, kill -9, a raise shows its traceback, a zombie until joined, Stop ends all', async ({ page }, testInfo) => {
  const watch = watchErrors(page);
  await openRoute(page, 'lifecycle');
  await startOwn(page, 'spinner', 'work forever', { stepMs: '100' });
  await startOwn(page, 'victim', 'work forever');
  const spinner = page.getByTestId('lifecycle-row-spinner');
  await expect(spinner).not.toHaveAttribute('data-state', 'created');
  await expect(spinner).toContainText('True');
  expect(await liveWorkers(page)).toBe(2);

  await page.getByRole('button', { name: 'terminate spinner' }).click();
  await expect(spinner).toHaveAttribute('data-exit-code', '-15');
  await page.getByRole('button', { name: 'kill victim' }).click();
  await expect(page.getByTestId('lifecycle-row-victim')).toHaveAttribute('data-exit-code', '-9');

  await startOwn(page, 'broken', 'work, then raise ValueError', { steps: '1', stepMs: '50' });
  await expect(page.getByTestId('lifecycle-row-broken')).toHaveAttribute('data-exit-code', '1');
  await expect(page.getByTestId('traceback-broken')).toContainText("ValueError: invalid literal for int() with base 10: 'not-a-number'");
  await expect(page.getByTestId('traceback-broken')).toContainText('parse_record');

  await startOwn(page, 'quick', 'work, then return', { steps: '1', stepMs: '50' });
  const quick = page.getByTestId('lifecycle-row-quick');
  await expect(quick).toHaveAttribute('data-state', 'zombie');
  await expect(quick).toHaveAttribute('data-exit-code', '0');
  await expect(quick).toContainText('False');
  await page.getByRole('button', { name: 'join quick', exact: true }).click();
  await expect(quick).toHaveAttribute('data-state', 'joined');
  await expect(page.getByTestId('lifecycle-log')).toContainText('quick.join() returned after');

  // join(timeout) on a process that keeps running returns with exitcode None.
  await startOwn(page, 'forever', 'work forever');
  await page.getByRole('button', { name: /^join forever with timeout/ }).click();
  await expect(page.getByTestId('lifecycle-log')).toContainText('still running, exitcode None');
  await expect(page.getByTestId('lifecycle-row-forever')).toHaveAttribute('data-exit-code', '');
  await page.screenshot({ path: testInfo.outputPath('lifecycle-own-processes.png'), fullPage: true });

  await page.getByRole('button', { name: 'Stop (terminate all)' }).click();
  await expect.poll(() => liveWorkers(page)).toBe(0);
  await expect(page.getByTestId('lifecycle-row-forever')).toHaveAttribute('data-exit-code', '-15');
  watch.expectNoErrors();
});

test('parent exits: the daemon is terminated, the non-daemon child is waited for', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'lifecycle');
  const sandbox = page.getByTestId('sandbox');
  await sandbox.getByLabel('daemon').check();
  await startOwn(page, 'ghost', 'work forever');
  await sandbox.getByLabel('daemon').uncheck();
  await startOwn(page, 'writer', 'work, then return', { steps: '4', stepMs: '150' });
  await sandbox.getByRole('button', { name: 'Parent exits' }).click();
  await expect(page.getByTestId('lifecycle-row-ghost')).toHaveAttribute('data-exit-code', '-15');
  await expect(page.getByTestId('lifecycle-row-writer')).toHaveAttribute('data-exit-code', '0');
  await expect(page.getByTestId('sandbox-status')).toHaveText('the parent exited');
  await expect(page.getByTestId('lifecycle-log')).toContainText('ghost is a daemon: terminate()');
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('the guided run draws every lesson; Reset leaves no worker', async ({ page }, testInfo) => {
  const watch = watchErrors(page);
  await openRoute(page, 'lifecycle?workMs=150&joinTimeoutMs=200&seed=5');
  await clickRun(page, 'Run all five lessons');
  await expect(page.getByTestId('lifecycle-table')).toBeVisible();
  await expect(page.getByTestId('lifecycle-outcomes')).toBeVisible({ timeout: 45_000 });
  const codes = page.getByTestId('outcome-exit-codes');
  for (const [name, c] of [['returns', '0'], ['raises', '1'], ['terminated', '-15'], ['killed', '-9']]) await expect(codes).toContainText(`${name}: ${c}`);
  await expect(page.getByTestId('outcome-zombies')).toContainText('0 remain');
  await expect(page.getByTestId('supervision-warning')).toBeVisible();
  await expect(page.getByTestId('outcome-daemon')).toContainText('heartbeat (daemon): -15');
  await expect(page.getByTestId('outcome-go-context')).toContainText('terminate() after join(timeout)');
  await expect(page.getByTestId('traceback-raises')).toContainText('ValueError');
  await expect(page.getByTestId('lifecycle-row-zombie-1')).toHaveAttribute('data-state', 'joined');
  await page.screenshot({ path: testInfo.outputPath('lifecycle-guided.png'), fullPage: true });
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => liveWorkers(page)).toBe(0);
  await expect(page.getByTestId('lifecycle-table')).toHaveCount(0);
  watch.expectNoErrors();
});

// Stop during the guided run is timed with every other scene's in stop.spec.ts.

test('bad parameters: rejected by the API, corrected from the URL', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'lifecycle', [
    [{ part: 'everything' }, /part must be one of "all", "exit-codes", "zombies", "supervision", "daemon", "go-context"/],
    [{ workers: 0 }, /workers must be an integer from 1 to 12/],
    [{ failPercent: 101 }, /failPercent must be an integer from 0 to 100/],
    [{ workMs: 'slow' }, /workMs must be an integer from 50 to 3000/],
    [{ seed: 1.5 }, /seed must be an integer/],
  ]);
  await openRoute(page, 'lifecycle?workers=99&joinTimeoutMs=abc');
  const messages = page.getByTestId('param-messages');
  await expect(messages).toContainText('workers=99 is out of range');
  await expect(messages).toContainText('"abc" is not a number');
});
