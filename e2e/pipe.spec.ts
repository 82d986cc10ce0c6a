import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected, waitForRunDone } from './scene-helpers';

interface PipeRun {
  duplex: boolean;
  msgsPerSec: number;
  medianRoundTripUs: number;
  points: {
    payloadBytes: number;
    roundTrips: number;
    msgsPerSec: number;
    mbPerSec: number;
    minUs: number;
    medianUs: number;
    p99Us: number;
    maxUs: number;
    histogram: { edgesUs: number[]; counts: number[] };
  }[];
}

test('a headless run times every round trip of every payload size', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const r = await runToResult<PipeRun>(page, 'pipe', { roundTrips: 2_000, payloadSizes: [0, 65_536] });
  expect(r.duplex).toBe(true);
  expect(r.points.map((p) => p.payloadBytes)).toEqual([0, 65_536]);
  for (const p of r.points) {
    expect(p.roundTrips).toBe(2_000);
    expect(p.histogram.counts.reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(p.histogram.edgesUs).toHaveLength(p.histogram.counts.length + 1);
    expect(p.minUs).toBeLessThanOrEqual(p.medianUs);
    expect(p.medianUs).toBeLessThanOrEqual(p.p99Us);
    expect(p.p99Us).toBeLessThanOrEqual(p.maxUs);
    expect(p.msgsPerSec).toBeGreaterThan(0);
  }
  expect(r.points[0]!.mbPerSec).toBe(0);
  expect(r.points[1]!.mbPerSec).toBeGreaterThan(0);
  expect(r.msgsPerSec).toBe(r.points[0]!.msgsPerSec);
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('a run from the UI fills the histogram, the table and the payload charts', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'pipe?roundTrips=3000&payloadSizes=0,1024,262144');
  await clickRun(page);
  await expect(page.getByTestId('pingpong-canvas')).toHaveAttribute(
    'aria-label',
    /Ping-pong running: [\d,]+ round trips per second/,
  );
  await page.screenshot({ path: test.info().outputPath('pipe-running.png'), fullPage: true });
  await waitForRunDone(page, 60_000);
  await expect(page.getByTestId('pipe-results-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('pipe-results-table')).toContainText('256 KiB');
  await expect(page.getByTestId('latency-histogram').getByRole('img')).toHaveAttribute(
    'aria-label',
    /0 B median .*1 KiB median .*256 KiB median/,
  );
  await expect(page.getByTestId('rtt-vs-payload').getByRole('img')).toBeVisible();
  await expect(page.getByTestId('rate-vs-payload').getByRole('img')).toBeVisible();
  await expect(page.getByTestId('code-python')).toContainText('a, b = mp.Pipe()');
  await page.screenshot({ path: test.info().outputPath('pipe-done.png'), fullPage: true });
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters are rejected with the parameter named', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'pipe', [
    [{ roundTrips: 0 }, /roundTrips must be an integer from 1 to 200000/],
    [{ roundTrips: 3.5 }, /roundTrips must be an integer/],
    [{ payloadSizes: [] }, /payloadSizes must be a list of 1 to 6 integers, each from 0 to 4194304/],
    [{ payloadSizes: [-1] }, /payloadSizes/],
    [{ payloadSizes: [1e9] }, /payloadSizes/],
    [{ payloadSizes: '1024' }, /payloadSizes/],
    [{ duplex: 1 }, /duplex must be true or false/],
    [{ size: 4 }, /unknown parameter "size"/],
  ]);
});

// Stop is timed with every other scene's in stop.spec.ts.
