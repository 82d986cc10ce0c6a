import { expect, test } from '@playwright/test';
import { openRoute } from './helpers';
test('dark', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openRoute(page, 'gil?workload=cpu-bound&tasks=16&cpuWork=5&repeats=1');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(700);
  await page.screenshot({ path: '/tmp/gil-dark-live.png' });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await page.screenshot({ path: '/tmp/gil-dark.png', fullPage: true });
  await openRoute(page, 'start-methods?coldStarts=5&warmDispatches=100');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await page.screenshot({ path: '/tmp/sm-dark.png', fullPage: false });
});
