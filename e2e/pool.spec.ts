import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, coloursOnCanvas, expectRejected, waitForRunDone } from './scene-helpers';

/** Small enough to finish in a second or two on a 2-core CI machine. */
const SMALL = { workload: 'sum-squares', size: 2_000_000, poolSizes: [1, 2], repeats: 1, warm: true };

test('a headless run returns one point per pool size with a positive speedup', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const result = await runToResult<{
    cores: number;
    serialMs: number;
    amdahlSerialFraction: number | null;
    answersAgree: boolean;
    points: {
      poolSize: number;
      medianMs: number;
      minMs: number;
      maxMs: number;
      speedup: number;
      efficiency: number;
    }[];
  }>(page, 'pool', SMALL);
  expect(result.cores).toBe(await page.evaluate(() => navigator.hardwareConcurrency));
  expect(result.serialMs).toBeGreaterThan(0);
  expect(result.answersAgree).toBe(true);
  expect(result.points.map((p) => p.poolSize)).toEqual([1, 2]);
  for (const p of result.points) {
    expect(p.speedup).toBeGreaterThan(0);
    expect(p.efficiency).toBeCloseTo(p.speedup / p.poolSize, 6);
    expect(p.minMs).toBeLessThanOrEqual(p.medianMs);
    expect(p.medianMs).toBeLessThanOrEqual(p.maxMs);
  }
  const fit = result.amdahlSerialFraction;
  expect(fit === null || (fit >= 0 && fit <= 1)).toBe(true);
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters reject with the parameter named', async ({ page }) => {
  await openRoute(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expectRejected(page, 'pool', [
    [{ poolSizes: [0, 2] }, /poolSizes must be a list .* from 1 to \d+/],
    [{ poolSizes: [-3] }, /poolSizes/],
    [{ poolSizes: [1.5] }, /poolSizes/],
    [{ poolSizes: [] }, /poolSizes/],
    [{ poolSizes: [4 * cores + 1] }, new RegExp(`poolSizes .* to ${4 * cores}`)],
    [{ poolSizes: 'abc' }, /poolSizes/],
    [{ repeats: 0 }, /repeats must be an integer from 1 to/],
    [{ workload: 'bogo-sort' }, /workload must be one of/],
    [
      { workload: 'primes', size: 400_000_000 },
      /size must be an integer from 1,000 to 10,000,000 for workload "primes"/,
    ],
    [{ chunk: 4 }, /unknown parameter "chunk"/],
  ]);
});

test('a run from the UI draws the chart, the breakdown and the table', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'pool?size=2000000&poolSizes=1,2&repeats=1&tasks=16');
  await clickRun(page);
  await waitForRunDone(page, 45_000);
  const chart = page.getByTestId('speedup-chart');
  await expect(chart.locator('circle')).toHaveCount(2);
  await expect(chart).toHaveAttribute(
    'aria-label',
    /Speedup vs pool size on \d+ cores: 1 workers [\d.]+×, 2 workers [\d.]+×/,
  );
  await expect(page.getByTestId('time-breakdown')).toBeVisible();
  await expect(page.getByTestId('pool-results-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('pool-history').locator('li')).toHaveCount(1);
  // The chunk lanes (drawn by a painter worker) show the last call's chunks as coloured bars.
  const tableau10 = [
    '#4e79a7',
    '#f28e2c',
    '#e15759',
    '#76b7b2',
    '#59a14f',
    '#edc949',
    '#af7aa1',
    '#ff9da7',
    '#9c755f',
    '#bab0ab',
  ];
  await expect
    .poll(() => coloursOnCanvas(page.getByTestId('worker-chunk-lanes'), tableau10))
    .toBeGreaterThanOrEqual(2);
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

// Stop, from the UI and from playground.stop(), is timed for every scene in stop.spec.ts.

test('pool sizes from the URL are clamped with a visible message', async ({ page }) => {
  await openRoute(page, 'pool?poolSizes=0,2,10000');
  await expect(page.getByTestId('param-messages')).toContainText('poolSizes');
  await expect(page).toHaveURL(/poolSizes=1%2C2%2C\d+|poolSizes=1,2,\d+/);
});

test('the Pool semantics demos run for real and show what CPython would', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'pool');
  const expectations: Record<string, RegExp[]> = {
    ordering: [
      /map\(sleep_ms, \[900, 300, 600\]\) → \[\d+, \d+, \d+\] .*: input order/,
      /imap_unordered yielded \d+ at \d+ ms, \d+ at \d+ ms, \d+ at \d+ ms: finish order/,
    ],
    timeout: [/get\(timeout=100 ms\) raised TimeoutError/, /get\(\) → 42 after/],
    exceptions: [
      /starmap.* re-raised InvalidArgumentError: end must be/,
      /ready\(\) = true, successful\(\) = false/,
      /get\(\) raised it now/,
    ],
    initializer: [
      /counter\.value = 40,000 \(4 tasks; exact\)/,
      /refused: PicklingError: .*Lock objects should only be shared between processes through inheritance/,
    ],
  };
  for (const [id, lines] of Object.entries(expectations)) {
    const card = page.getByTestId(`demo-${id}`);
    await card.getByRole('button', { name: /Run the demo/ }).click();
    const log = card.getByRole('log');
    for (const line of lines) await expect(log).toContainText(line, { timeout: 20_000 });
    if (id === 'ordering') {
      // Sleeps overshoot on a busy machine, so compare the order, not the exact milliseconds.
      const text = await log.innerText();
      const slept = (label: string) =>
        [...new RegExp(`${label} yielded (\\d+) at \\d+ ms, (\\d+) at \\d+ ms, (\\d+) at`).exec(text)!]
          .slice(1)
          .map(Number);
      const [first, , last] = slept('imap_unordered');
      expect(first).toBeLessThan(last!);
      const [head] = slept('\\bimap');
      expect(head).toBeGreaterThan(800); // imap yields the 900 ms task first: input order
    }
  }
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});
