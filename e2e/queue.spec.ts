import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { liveWorkers, openRoute, runScene, watchErrors } from './helpers';

interface QueueRun {
  produced: number;
  consumed: number;
  lost: number;
  duplicated: number;
  msgsPerSec: number;
  maxDepth: number;
  blockedMs: { producers: number; consumers: number };
  produceUs: number;
  consumeUs: number;
  workAuto: { produceUs: boolean; consumeUs: boolean };
  sentinels: { needed: number; sent: number };
  hang: { consumer: string; pid: number; reason: string } | null;
  processes: {
    name: string;
    role: string;
    pid: number;
    items: number;
    exitCode: number | null;
    gotSentinel?: boolean;
  }[];
  depthSeries: [number, number][];
}

test('4 producers × 4 consumers lose and duplicate nothing', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const outcome = await runScene(page, 'queue', {
    producers: 4,
    consumers: 4,
    items: 200_000,
    maxsize: 64,
    produceUs: 0,
    consumeUs: 0,
  });
  expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  if (!outcome.ok) return;
  const r = outcome.result as unknown as QueueRun;
  expect(r.produced).toBe(200_000);
  expect(r.consumed).toBe(200_000);
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.hang).toBeNull();
  expect(r.msgsPerSec).toBeGreaterThan(0);
  expect(r.maxDepth).toBeGreaterThan(0);
  expect(r.maxDepth).toBeLessThanOrEqual(64);
  expect(r.sentinels).toEqual({ needed: 4, sent: 4 });
  const consumers = r.processes.filter((p) => p.role === 'consumer');
  expect(consumers).toHaveLength(4);
  expect(consumers.reduce((s, p) => s + p.items, 0)).toBe(200_000);
  expect(consumers.every((p) => p.gotSentinel && p.exitCode === 0)).toBe(true);
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('a million items with no work given: auto means none, and the run takes seconds', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const t0 = Date.now();
  const outcome = await runScene(page, 'queue', { producers: 4, consumers: 4, items: 1_000_000, maxsize: 0 });
  const wallMs = Date.now() - t0;
  expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  if (!outcome.ok) return;
  const r = outcome.result as unknown as QueueRun;
  expect(r.produced).toBe(1_000_000);
  expect(r.consumed).toBe(1_000_000);
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.hang).toBeNull();
  expect(r.msgsPerSec).toBeGreaterThan(0);
  expect(r.maxDepth).toBeGreaterThan(0);
  expect(r.blockedMs.producers).toBeGreaterThanOrEqual(0);
  expect(r.blockedMs.consumers).toBeGreaterThanOrEqual(0);
  // "auto" said: far too many items to watch at 1,000 / 2,500 µs each (~10 minutes), so no work.
  expect({ produceUs: r.produceUs, consumeUs: r.consumeUs, workAuto: r.workAuto }).toEqual({
    produceUs: 0,
    consumeUs: 0,
    workAuto: { produceUs: true, consumeUs: true },
  });
  // Seconds, not the ten minutes the watchable work would take.
  expect(wallMs).toBeLessThan(45_000);
  expect(await liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('work per item on auto: the link, the controls and the result agree', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'queue?produceUs=auto&consumeUs=fast&items=200');
  // The bad value is corrected to auto, visibly, and the link rewritten to what is shown (auto is
  // the default, so it drops out).
  await expect(page.getByTestId('param-messages')).toContainText(
    'consumeUs="fast" is not valid: consumeUs must be "auto" or an integer from 0 to 100000; using "auto".',
  );
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/queue?items=200');
  const produceAuto = page.getByRole('checkbox', { name: 'Production work per item (µs): auto' });
  const consumeAuto = page.getByRole('checkbox', { name: 'Consumption work per item (µs): auto' });
  await expect(produceAuto).toBeChecked();
  await expect(consumeAuto).toBeChecked();
  // 200 items is a run to watch: auto stands for 1,000 / 2,500 µs, shown in the locked inputs.
  const produceInput = page.getByLabel('Production work per item (µs)', { exact: true });
  await expect(produceInput).toBeDisabled();
  await expect(produceInput).toHaveValue('1000');
  await expect(page.getByTestId('param-auto-consumeUs')).toHaveText('Auto uses 2,500 here.');
  await expect(page.getByTestId('code-python')).toContainText('PRODUCE_S, CONSUME_S = 0.001, 0.0025');

  // Many items: auto becomes 0, in the controls and in the programs, before any run.
  const items = page.getByLabel('Items', { exact: true });
  await items.fill('1000000');
  await items.press('Enter');
  await expect(page.getByTestId('param-auto-consumeUs')).toHaveText('Auto uses 0 here.');
  await expect(page.getByTestId('code-python')).toContainText('PRODUCE_S, CONSUME_S = 0, 0');

  // Back to a small run; untick auto on the producers and give a number: it wins.
  await items.fill('200');
  await items.press('Enter');
  await produceAuto.uncheck();
  await expect(produceInput).toBeEnabled();
  await expect(produceInput).toHaveValue('1000');
  await produceInput.fill('300');
  await produceInput.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/queue?items=200&produceUs=300');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('result-consumed')).toHaveText('200');
  await expect(page.getByTestId('result-work')).toHaveText(
    'work per item: 300 µs to produce, 2,500 µs (auto) to consume',
  );
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('a forgotten sentinel is detected and the consumer that hangs is named', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'queue?consumers=3&items=300&produceUs=200&consumeUs=300&forgetSentinel=true');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const report = page.getByTestId('hang-report');
  await expect(report).toContainText(/Hang detected: Consumer-[123] \(pid \d+\)/);
  await expect(report).toContainText(/is blocked in q\.get\(\) on an empty queue and will wait forever/);
  await expect(report).toContainText('2 sentinels (None) for 3 consumers');
  const named = (await report.textContent())!.match(/Consumer-[123]/)![0];
  // The same consumer is the one in the table that never got a sentinel, and main's log says so.
  const row = page.getByTestId('queue-process-table').getByRole('row', { name: new RegExp(named) });
  await expect(row).toContainText('never got a sentinel: terminated');
  await expect(row).toContainText('-15');
  await expect(page.getByTestId('main-log')).toContainText(`${named} (pid`);
  await expect(page.getByTestId('result-lost')).toHaveText('0');
  await expect.poll(() => liveWorkers(page)).toBe(0);
  await page.screenshot({ path: test.info().outputPath('queue-forgotten-sentinel.png'), fullPage: true });
  watch.expectNoErrors();
});

test('the headless run names the hung consumer too', async ({ page }) => {
  await openRoute(page);
  const outcome = await runScene(page, 'queue', {
    producers: 2,
    consumers: 4,
    items: 2_000,
    forgetSentinel: true,
    produceUs: 0,
    consumeUs: 0,
  });
  expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  if (!outcome.ok) return;
  const r = outcome.result as unknown as QueueRun;
  expect(r.sentinels).toEqual({ needed: 4, sent: 3 });
  expect(r.hang).not.toBeNull();
  const hung = r.processes.find((p) => p.name === r.hang!.consumer)!;
  expect(hung.role).toBe('consumer');
  expect(hung.gotSentinel).toBe(false);
  expect(r.hang!.reason).toContain(`${hung.name} (pid ${hung.pid})`);
  expect(r.lost).toBe(0);
  expect(await liveWorkers(page)).toBe(0);
});

test('bad parameters are rejected with the parameter named', async ({ page }) => {
  await openRoute(page);
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ producers: 0 }, /producers must be an integer from 1 to 16/],
    [{ consumers: 17 }, /consumers must be an integer from 1 to 16/],
    [{ producers: -3 }, /producers must be an integer from 1 to 16/],
    [{ items: 1.5 }, /items must be an integer from 1 to 2000000/],
    [{ items: 0 }, /items must be an integer/],
    [{ items: 1e12 }, /items must be an integer/],
    [{ items: 'abc' }, /items must be an integer/],
    [{ maxsize: -1 }, /maxsize must be an integer from 0 to 100000/],
    [{ produceUs: 'fast' }, /produceUs must be "auto" or an integer from 0 to 100000 \(got "fast"\)/],
    [{ consumeUs: 100_001 }, /consumeUs must be "auto" or an integer from 0 to 100000 \(got 100001\)/],
    [{ pattern: 'busy-wait' }, /pattern must be one of/],
    [{ rendezvous: true, pattern: 'joinable' }, /rendezvous must be false when pattern is "joinable"/],
    [{ forgetSentinel: true, pattern: 'empty-poll' }, /forgetSentinel must be false/],
    [{ sentinels: 2 }, /unknown parameter "sentinels"/],
  ];
  for (const [params, message] of cases) {
    const outcome = await runScene(page, 'queue', params);
    expect(outcome.ok, JSON.stringify(params)).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(message);
  }
  expect(await liveWorkers(page)).toBe(0);
});

test('Stop ends the run and leaves no worker', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'queue?producers=4&consumers=4&items=2000000&produceUs=50&consumeUs=50');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => liveWorkers(page)).toBe(8);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect.poll(() => liveWorkers(page), { timeout: 1_000 }).toBe(0);
  watch.expectNoErrors();
});

test('a run from the UI animates the queue and fills the charts and the table', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'queue?producers=3&consumers=2&items=400&maxsize=6&produceUs=600&consumeUs=2500');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // While it runs, slow consumers fill the bounded queue and the picture says producers are blocked.
  await expect(page.getByTestId('queue-canvas')).toHaveAttribute(
    'aria-label',
    /[1-3] producers blocked on a full queue/,
    { timeout: 10_000 },
  );
  // The tokens are drawn, by the painter worker the canvas was handed to.
  await expect
    .poll(async () => Number(await page.getByTestId('queue-canvas').getAttribute('data-token-frames')))
    .toBeGreaterThan(10);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('result-lost')).toHaveText('0');
  await expect(page.getByTestId('result-duplicated')).toHaveText('0');
  await expect(page.getByTestId('result-consumed')).toHaveText('400');
  await expect(page.getByTestId('result-max-depth')).toHaveText('6');
  await expect(page.getByTestId('queue-process-table').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('depth-chart').getByRole('img')).toHaveAttribute(
    'aria-label',
    /depth peaks at 6/,
  );
  await expect(page.getByTestId('queue-lanes')).toBeVisible();
  // The depth chart's canvas belongs to its painter worker: the PNG is drawn afresh on the page.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  const bytes = await readFile((await png.path())!);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const chartWidth = (await page.getByTestId('depth-chart').locator('canvas').boundingBox())!.width;
  // IHDR: width and height, drawn at twice the CSS size, with the chart's aspect ratio.
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  expect(Math.abs(width - 2 * chartWidth)).toBeLessThanOrEqual(2);
  expect(height / width).toBeCloseTo(220 / 640, 2);
  // A drawn chart, not a blank canvas (which compresses to a few hundred bytes).
  expect(bytes.length).toBeGreaterThan(5_000);
  await expect(page.getByTestId('code-python')).toContainText('q = mp.Queue(maxsize=MAXSIZE)');
  await page.getByRole('tab', { name: 'Go' }).click();
  await expect(page.getByTestId('code-go')).toContainText('make(chan int, 6)');
  await page.screenshot({ path: test.info().outputPath('queue-run.png'), fullPage: true });
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('polling empty() shows the race and what it strands', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'queue?pattern=empty-poll&consumers=4&items=400&produceUs=1500&consumeUs=400');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const report = page.getByTestId('empty-poll-report');
  await expect(report).toContainText(/empty\(\) said “not empty” and get_nowait\(\) then found nothing/);
  const consumed = Number((await page.getByTestId('result-consumed').textContent())!.replace(/,/g, ''));
  const lost = Number((await page.getByTestId('result-lost').textContent())!.replace(/,/g, ''));
  expect(consumed + lost).toBe(400);
  await expect(page.getByTestId('result-duplicated')).toHaveText('0');
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('out-of-range URL parameters are clamped with a visible message', async ({ page }) => {
  await openRoute(page, 'queue?producers=0&maxsize=-5&items=abc');
  const messages = page.getByTestId('param-messages');
  await expect(messages).toContainText('producers');
  await expect(messages).toContainText('maxsize');
  await expect(messages).toContainText('items');
});
