import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, coloursOnCanvas, expectRejected, waitForRunDone } from './scene-helpers';

interface PipelineRun {
  tasks: number;
  workers: number;
  counts: Record<string, number>;
  shared: { tasksCounted: number; sum: number; expectedSum: number; lostUpdates: number };
  collectedSum: number;
  countsAddUp: boolean;
  discrepancies: string[];
  perWorker: { name: string; tasks: number; exitCode: number | null }[];
}

test('a headless run: every count along the flowchart adds up', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const r = await runToResult<PipelineRun>(page, 'pipeline', {
    workers: 4,
    tasks: 2_000,
    workUs: 0,
    holdUs: 5,
  });
  expect(r.countsAddUp).toBe(true);
  expect(r.discrepancies).toEqual([]);
  expect(r.counts).toEqual({
    tasksPut: 2_000,
    tasksTaken: 2_000,
    lockAcquisitions: 2_000,
    sharedUpdates: 2_000,
    resultsPut: 2_000,
    resultsCollected: 2_000,
    sentinelsSent: 4,
    sentinelsTaken: 4,
  });
  expect(r.shared.tasksCounted).toBe(2_000);
  expect(r.shared.sum).toBe(r.shared.expectedSum);
  expect(r.collectedSum).toBe(r.shared.expectedSum);
  expect(r.perWorker.reduce((s, w) => s + w.tasks, 0)).toBe(2_000);
  expect(r.perWorker.every((w) => w.exitCode === 0)).toBe(true);
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('the flowchart lights up while it runs, and the ledger adds up at the end', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'pipeline?workers=4&tasks=600&workUs=6000&holdUs=400');
  await clickRun(page);
  const chart = page.getByTestId('pipeline-flowchart');
  // About a second of work (600 × 6 ms on 4 workers), so the poll below sees tokens in flight.
  // Tokens travel along the arrows while tasks move (drawn on the canvas over the flowchart, in
  // the arrows' colours: task blue, lock red, update green, result violet).
  await expect
    .poll(
      () =>
        coloursOnCanvas(page.getByTestId('pipeline-flow-canvas'), [
          '#0ea5e9',
          '#f43f5e',
          '#10b981',
          '#8b5cf6',
        ]),
      { timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: test.info().outputPath('pipeline-running.png'), fullPage: true });
  await waitForRunDone(page, 45_000);
  const verdict = page.getByTestId('counts-verdict');
  await expect(verdict).toHaveAttribute('data-adds-up', 'true');
  await expect(verdict).toContainText('Every count adds up: 600 tasks in, 600 results out');
  for (const key of [
    'tasksPut',
    'tasksTaken',
    'lockAcquisitions',
    'sharedUpdates',
    'resultsPut',
    'resultsCollected',
  ]) {
    await expect(page.getByTestId(`ledger-${key}`).locator('td').nth(1)).toHaveText('600');
  }
  await expect(page.getByTestId('ledger-sentinelsTaken').locator('td').nth(1)).toHaveText('4');
  await expect(page.getByTestId('pipeline-worker-table').locator('tbody tr')).toHaveCount(4);
  await expect(chart).toContainText('tasks counted 600');
  await page.screenshot({ path: test.info().outputPath('pipeline-done.png'), fullPage: true });
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('without the lock the shared tally loses updates and the ledger says so', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'pipeline?workers=4&tasks=400&workUs=0&holdUs=300&lock=false');
  await clickRun(page);
  await waitForRunDone(page, 45_000);
  const verdict = page.getByTestId('counts-verdict');
  await expect(verdict).toHaveAttribute('data-adds-up', 'false');
  await expect(verdict).toContainText(/[\d,]+ of 400 updates to the shared tally were lost/);
  await expect(verdict).toContainText('Every result still reached main');
  await expect(page.getByTestId('ledger-resultsCollected').locator('td').nth(1)).toHaveText('400');
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters are rejected with the parameter named', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'pipeline', [
    [{ workers: 0 }, /workers must be an integer from 1 to 16/],
    [{ workers: 2.5 }, /workers must be an integer/],
    [{ tasks: -1 }, /tasks must be an integer from 1 to 100000/],
    [{ tasks: 'many' }, /tasks must be an integer/],
    [{ holdUs: 1e9 }, /holdUs must be an integer from 0 to 20000/],
    [{ lock: 'yes' }, /lock must be true or false/],
    [{ pool: 4 }, /unknown parameter "pool"/],
  ]);
});

// Stop is timed with every other scene's in stop.spec.ts.
