import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected, waitForRunDone } from './scene-helpers';

interface RaceResultJson {
  expected: number;
  runs: { final: number; lostUpdates: number; ms: number }[];
  lostUpdates: number;
  incrementsPerSec: number;
  exact: boolean;
  code: { python: string; go: string };
}

const runRace = (page: Page, params: Record<string, unknown>) =>
  runToResult<RaceResultJson>(page, 'race', params);

const lockSwitch = (page: Page) => page.getByRole('switch', { name: 'Lock around the increment' });

test.describe('race: automation API', () => {
  test('lock off loses updates; the result has the documented shape', async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page);
    const result = await runRace(page, { processes: 2, increments: 1_000_000, sync: 'none', repeats: 3 });
    expect(result.expected).toBe(2_000_000);
    expect(result.runs).toHaveLength(3);
    for (const run of result.runs) {
      expect(run.final).toBeLessThanOrEqual(2_000_000);
      expect(run.lostUpdates).toBe(2_000_000 - run.final);
      expect(run.ms).toBeGreaterThan(0);
    }
    // Two workers overlapping a million unlocked increments each on two cores: losses every time, in practice.
    expect(Math.max(...result.runs.map((r) => r.lostUpdates))).toBeGreaterThan(0);
    const sorted = result.runs.map((r) => r.lostUpdates).sort((a, b) => a - b);
    expect(result.lostUpdates).toBe(sorted[1]);
    expect(result.incrementsPerSec).toBeGreaterThan(0);
    expect(result.code.python).toContain('counter.value += 1');
    expect(result.code.python).toContain('print(f"final: {counter.value}")');
    expect(result.code.go).toContain('sync.WaitGroup');
    await expect.poll(() => liveWorkers(page)).toBe(0);
    watch.expectNoErrors();
  });

  test('Value(lock=True) still loses updates; a lock or an atomic add is exact', async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page);
    const valueLock = await runRace(page, {
      processes: 2,
      increments: 1_000_000,
      sync: 'value-lock',
      repeats: 3,
    });
    expect(Math.max(...valueLock.runs.map((r) => r.lostUpdates))).toBeGreaterThan(0);
    for (const sync of ['lock', 'atomic']) {
      const result = await runRace(page, { processes: 2, increments: 1_000_000, sync, repeats: 2 });
      expect(result.runs.map((r) => r.final)).toEqual([2_000_000, 2_000_000]);
      expect(result.lostUpdates).toBe(0);
      expect(result.exact).toBe(true);
    }
    await expect.poll(() => liveWorkers(page)).toBe(0);
    watch.expectNoErrors();
  });

  test('bad parameters reject, naming the parameter and its range', async ({ page }) => {
    await openRoute(page);
    await expectRejected(page, 'race', [
      [{ processes: 0 }, /processes must be an integer from 1 to 16/],
      [{ increments: 'many' }, /increments must be an integer from 1000 to 10000000/],
      [{ sync: 'mutex' }, /sync must be one of "none", "value-lock", "lock", "atomic"/],
      [{ repeats: 101 }, /repeats must be an integer from 1 to 100/],
    ]);
  });

  // Stopping a long run (from the UI and with playground.stop()) is timed in stop.spec.ts.
});

test.describe('race: the scene', () => {
  test('lock off loses updates and lock on is exact, through the UI; Export JSON and CSV agree', async ({
    page,
  }) => {
    const watch = watchErrors(page);
    await openRoute(page, 'race?repeats=2');
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'false');
    await clickRun(page, 'Run 2 repeats');
    await waitForRunDone(page, 30_000);
    await expect(page.getByTestId('race-runs').locator('tbody tr')).toHaveCount(2);
    const lostText = await page.getByTestId('race-lost').textContent();
    expect(Number(lostText!.replace(/,/g, ''))).toBeGreaterThan(0);
    await expect(page.getByTestId('race-explanation')).toContainText('lost updates');

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as RaceResultJson;
    expect(exported.runs).toHaveLength(2);
    expect(exported.expected).toBe(2_000_000);
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = (await readFile((await csvDownload.path())!, 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/^repeat,processes,increments,sync,batch,expected,final,lostUpdates/);
    expect(csv).toHaveLength(3);
    expect(csv[1]!.split(',')[6]).toBe(String(exported.runs[0]!.final));

    await page.keyboard.press('l');
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'true');
    await clickRun(page, 'Run 2 repeats');
    await waitForRunDone(page, 30_000);
    await expect(page.getByTestId('race-final')).toHaveText('2,000,000');
    await expect(page.getByTestId('race-lost')).toHaveText('0');
    await expect(page.getByTestId('race-explanation')).toContainText('What the lock costs here');
    await expect.poll(() => liveWorkers(page)).toBe(0);
    watch.expectNoErrors();
  });

  test('the lock switch and the URL agree', async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page, 'race?sync=lock');
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('sync-lock')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('code-python')).toContainText('with lock:');

    await lockSwitch(page).click();
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'false');
    await expect(page).not.toHaveURL(/sync=lock/);
    await expect(page.getByTestId('code-python')).not.toContainText('with lock:');

    await page.keyboard.press('L');
    await expect(page).toHaveURL(/sync=lock/);
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'true');

    await page.getByTestId('sync-value-lock').click();
    await expect(page).toHaveURL(/sync=value-lock/);
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'false');

    await page.goto('/#/race?sync=none');
    await expect(lockSwitch(page)).toHaveAttribute('aria-checked', 'false');
    watch.expectNoErrors();
  });

  test('out-of-range settings in the URL are clamped with a visible message', async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page, 'race?processes=99&increments=abc');
    const messages = page.getByTestId('param-messages');
    await expect(messages).toContainText('processes=99 is out of range');
    await expect(messages).toContainText('"abc" is not a number');
    await expect(page.getByRole('textbox', { name: 'Processes' })).toHaveValue('16');
    watch.expectNoErrors();
  });

  test('step-through: a chosen schedule loses an update, step back undoes it', async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page, 'race?view=step');
    const step = (pid: number) => page.getByRole('button', { name: new RegExp(`^Step P${pid}`) }).click();
    // P1 loads 0, P2 loads 0, P1 adds and stores 1, P2 adds and stores 1 over it.
    for (const pid of [1, 2, 1, 1, 2]) await step(pid);
    await expect(page.getByTestId('sim-register-2')).toHaveText('1');
    await expect(page.getByTestId('sim-outcome')).toHaveAttribute('data-lost', '0');
    await step(2);
    await expect(page.getByTestId('sim-counter')).toHaveText('1');
    await expect(page.getByTestId('sim-outcome')).toHaveAttribute('data-lost', '1');
    await expect(page.getByTestId('sim-log')).toContainText('update lost');

    await page.getByRole('button', { name: '← Step back' }).click();
    await expect(page.getByTestId('sim-outcome')).toHaveAttribute('data-lost', '0');
    await page.keyboard.press('2');
    await expect(page.getByTestId('sim-outcome')).toHaveAttribute('data-lost', '1');

    // Finish so that the counter ends at 2, the smallest possible: the challenge is solved.
    await page.getByRole('button', { name: 'Reset' }).click();
    for (const pid of [1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]) await step(pid);
    await expect(page.getByTestId('sim-counter')).toHaveText('2');
    await expect(page.getByTestId('challenge-status')).toHaveAttribute('data-solved', 'true');
    watch.expectNoErrors();
  });

  test('step-through: exploring every interleaving counts 924 for 2 × 2, all exact with the lock', async ({
    page,
  }) => {
    const watch = watchErrors(page);
    await openRoute(page, 'race?view=step');
    await page.getByRole('button', { name: 'Explore all interleavings' }).click();
    await expect(page.getByTestId('explore-summary')).toHaveAttribute('data-total', '924');
    await expect(page.getByTestId('explore-summary')).toHaveAttribute('data-losing', '918');

    await page.keyboard.press('l');
    await expect(page).toHaveURL(/sync=lock/);
    await page.getByRole('button', { name: 'Explore all interleavings' }).click();
    await expect(page.getByTestId('explore-summary')).toHaveAttribute('data-total', '6');
    await expect(page.getByTestId('explore-summary')).toHaveAttribute('data-losing', '0');
    // With the lock, a process that reaches acquire while another holds it cannot step.
    await page.getByRole('button', { name: /^Step P1/ }).click();
    await expect(page.getByTestId('sim-status-2')).toContainText('waiting for the lock');
    await expect(page.getByRole('button', { name: /^Step P2/ })).toBeDisabled();
    watch.expectNoErrors();
  });
});
