import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected, waitForRunDone } from './scene-helpers';

interface ManagerRun {
  processes: number;
  opsPerProcess: number;
  managerSlowerBy: number;
  methods: {
    method: string;
    usPerOp: number;
    opsPerSec: number;
    finalCount: number;
    expected: number;
    correct: boolean;
  }[];
  serialization: { kind: string; payloadBytes: number; pickleUs: number; unpickleUs: number }[];
  picklingErrors: { what: string; error: string; message: string }[];
}

test('the Manager is slower per operation than shared memory, and every way counts exactly', async ({
  page,
}) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const r = await runToResult<ManagerRun>(page, 'manager', {
    processes: 2,
    opsPerProcess: 1_000,
    payloadSizes: [16, 65_536],
  });
  expect(r.methods.map((m) => m.method)).toEqual(['manager-dict', 'shared-value', 'message-passing']);
  for (const m of r.methods) {
    expect(m.finalCount).toBe(2_000);
    expect(m.correct).toBe(true);
    expect(m.usPerOp).toBeGreaterThan(0);
  }
  const manager = r.methods[0]!;
  const shared = r.methods[1]!;
  expect(manager.usPerOp).toBeGreaterThan(shared.usPerOp);
  expect(manager.opsPerSec).toBeLessThan(shared.opsPerSec);
  expect(r.managerSlowerBy).toBeGreaterThan(1);
  expect(r.serialization).toHaveLength(4);
  // A function, a function as a process argument, a Lock in a message, a DOM node.
  expect(r.picklingErrors.map((f) => f.error)).toEqual([
    'PicklingError',
    'PicklingError',
    'PicklingError',
    'PicklingError',
  ]);
  expect(r.picklingErrors[0]!.message).toMatch(/function/);
  expect(r.picklingErrors[3]!.what).toMatch(/DOM node/);
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('a run from the UI charts the cost per increment and shows the pickling failures', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'manager?processes=2&opsPerProcess=1500');
  await clickRun(page);
  await expect(page.getByTestId('manager-phase')).toBeVisible();
  await waitForRunDone(page, 60_000);
  const verdict = page.getByTestId('manager-verdict');
  await expect(verdict).toContainText(
    /The Manager took [\d.]+ (ns|µs|ms) per increment: [\d,.]+× the shared Value/,
  );
  const bars = page.getByTestId('cost-bars').getByRole('img');
  await expect(bars).toHaveAttribute(
    'aria-label',
    /Manager\(\)\.dict\(\) proxy [\d.]+ (µs|ms) \([\d,]+× the cheapest\)/,
  );
  for (const method of ['manager-dict', 'shared-value', 'message-passing']) {
    await expect(page.getByTestId(`method-${method}-cost`)).toContainText('count 3,000 ✓');
  }
  await expect(page.getByTestId('pickling-errors').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('pickling-errors')).toContainText('PicklingError');
  await expect(page.getByTestId('copy-cost').getByRole('img')).toBeVisible();
  await expect(page.getByTestId('copy-cost-table').locator('tbody tr')).toHaveCount(8);
  await page.screenshot({ path: test.info().outputPath('manager-done.png'), fullPage: true });
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters are rejected with the parameter named', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'manager', [
    [{ processes: 0 }, /processes must be an integer from 1 to 8/],
    [{ processes: 9 }, /processes must be an integer from 1 to 8/],
    [{ opsPerProcess: -5 }, /opsPerProcess must be an integer from 1 to 200000/],
    [{ opsPerProcess: 'lots' }, /opsPerProcess must be an integer/],
    [{ payloadSizes: [16, -1] }, /payloadSizes/],
    [{ payloadSizes: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, /payloadSizes must be a list of 1 to 8 integers/],
    [{ method: 'manager' }, /unknown parameter "method"/],
  ]);
});

// Stop is timed with every other scene's in stop.spec.ts.
