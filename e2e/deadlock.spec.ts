import { expect, test } from '@playwright/test';
import { liveWorkers, openRoute, runToResult, watchErrors } from './helpers';
import { clickRun, expectRejected, stopTheRun } from './scene-helpers';

interface DeadlockOutcome {
  deadlocked: boolean;
  completed: boolean;
  cycle: string[];
  cycleText: string | null;
  detectedAfterMs: number | null;
  processes: { name: string; exitCode: number | null }[];
}

/** What each scenario's cycle must contain (order checked where it is deterministic). */
const SCENARIOS: { scenario: string; params: Record<string, unknown>; cycle: (c: string[]) => void }[] = [
  {
    scenario: 'lock-order',
    params: { rounds: 2 },
    cycle: (c) => expect(c).toEqual(['worker-1', 'lock_b', 'worker-2', 'lock_a']),
  },
  {
    scenario: 'philosophers',
    params: { rounds: 2 },
    cycle: (c) => expect(c).toEqual(['philosopher-1', 'fork_2', 'philosopher-2', 'fork_3', 'philosopher-3', 'fork_1']),
  },
  {
    scenario: 'join-before-drain',
    params: { items: 12, queueSize: 4 },
    cycle: (c) => expect(c).toEqual(['MainProcess', 'producer', 'results']),
  },
  {
    scenario: 'missing-sentinel',
    params: { items: 8, consumers: 2 },
    cycle: (c) => {
      // MainProcess joins the consumer, which waits on the empty queue, which only MainProcess fills.
      expect(c).toHaveLength(3);
      expect(c[0]).toBe('MainProcess');
      expect(c[1]).toMatch(/^consumer-[12]$/);
      expect(c[2]).toBe('tasks');
    },
  },
];

for (const { scenario, params, cycle } of SCENARIOS) {
  test(`${scenario}: the deadlock is detected and named; with the fix it completes`, async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page);
    const r = await runToResult<DeadlockOutcome>(page, 'deadlock', { scenario, ...params });
    expect(r.deadlocked).toBe(true);
    expect(r.completed).toBe(false);
    cycle(r.cycle);
    expect(r.cycleText).toBe([...r.cycle, r.cycle[0]].join(' → '));
    expect(r.detectedAfterMs).not.toBeNull();
    expect(r.detectedAfterMs!).toBeLessThanOrEqual(1500);
    // The stuck processes were terminated when the run ended.
    expect(r.processes.some((p) => p.exitCode === -15)).toBe(true);
    await expect.poll(() => liveWorkers(page)).toBe(0);

    const f = await runToResult<DeadlockOutcome>(page, 'deadlock', { scenario, ...params, fix: true });
    expect(f).toMatchObject({ deadlocked: false, completed: true, cycle: [], detectedAfterMs: null });
    expect(f.processes.every((p) => p.exitCode === 0)).toBe(true);
    await expect.poll(() => liveWorkers(page)).toBe(0);
    watch.expectNoErrors();
  });
}

test('the back-off fix completes too, after timed-out acquires', async ({ page }) => {
  await openRoute(page);
  const result = await runToResult<Record<string, unknown>>(page, 'deadlock', { scenario: 'lock-order', fix: true, lockFix: 'timeout', rounds: 3, holdMs: 150 });
  expect(result).toMatchObject({ deadlocked: false, completed: true, fixName: 'acquire(timeout) with back-off' });
  expect(result.retries as number).toBeGreaterThan(0);
  await expect.poll(() => liveWorkers(page)).toBe(0);
});

test('in the UI the cycle is drawn and named, the processes stay stuck, and Reset recovers everything', async ({ page }, testInfo) => {
  const watch = watchErrors(page);
  await openRoute(page, 'deadlock?scenario=lock-order');
  await clickRun(page);
  const verdict = page.getByTestId('deadlock-verdict');
  await expect(verdict).toHaveAttribute('data-state', 'deadlocked');
  await expect(page.getByTestId('deadlock-cycle')).toHaveText('worker-1 → lock_b → worker-2 → lock_a → worker-1');
  const graph = page.getByTestId('wait-for-graph');
  await expect(graph).toHaveAttribute('data-confirmed', 'true');
  await expect(graph).toHaveAttribute('data-cycle', 'worker-1,lock_b,worker-2,lock_a');
  await expect(graph).toHaveAttribute('aria-label', /worker-1 waits for lock_b\. .*lock_b held by worker-2\./);
  await expect(page.getByTestId('deadlock-log')).toContainText('deadlock: worker-1 → lock_b');
  // Like a hung Python program, the two workers are still there, blocked.
  expect(await liveWorkers(page)).toBe(2);
  await page.screenshot({ path: testInfo.outputPath('deadlock-lock-order.png'), fullPage: true });

  await page.getByRole('button', { name: 'Reset: terminate the stuck processes' }).click();
  await expect.poll(() => liveWorkers(page)).toBe(0);
  await expect(verdict).toHaveAttribute('data-state', 'idle');

  // Everything works again after Reset: the fix, run from the switch, completes.
  await page.getByLabel('Apply the fix').check();
  await clickRun(page, 'Run with the fix');
  await expect(verdict).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('exit-worker-1')).toHaveText('0');
  await expect(page.getByTestId('exit-worker-2')).toHaveText('0');
  await expect(graph).toHaveAttribute('data-cycle', '');
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('philosophers in the UI: a ring through every fork; Stop terminates them', async ({ page }, testInfo) => {
  const watch = watchErrors(page);
  await openRoute(page, 'deadlock?scenario=philosophers&philosophers=5');
  await clickRun(page);
  await expect(page.getByTestId('deadlock-verdict')).toHaveAttribute('data-state', 'deadlocked');
  const cycle = await page.getByTestId('wait-for-graph').getAttribute('data-cycle');
  expect(cycle?.split(',')).toHaveLength(10);
  expect(await liveWorkers(page)).toBe(5);
  await page.screenshot({ path: testInfo.outputPath('deadlock-philosophers.png'), fullPage: true });
  await stopTheRun(page, 'deadlock (philosophers) Stop');
  await expect(page.getByTestId('deadlock-verdict')).toContainText('terminated');
  for (let i = 1; i <= 5; i++) await expect(page.getByTestId(`exit-philosopher-${i}`)).toHaveText('-15');
  watch.expectNoErrors();
});

test('join before drain in the UI: the parent is in the cycle', async ({ page }, testInfo) => {
  const watch = watchErrors(page);
  await openRoute(page, 'deadlock?scenario=join-before-drain&items=12&queueSize=4');
  await clickRun(page);
  await expect(page.getByTestId('deadlock-cycle')).toHaveText('MainProcess → producer → results → MainProcess');
  const parentRow = page.getByTestId('deadlock-processes').locator('[data-process="MainProcess"]');
  await expect(parentRow).toContainText('waiting-join');
  await expect(parentRow).toContainText('producer');
  await page.screenshot({ path: testInfo.outputPath('deadlock-join-before-drain.png'), fullPage: true });
  await page.getByRole('button', { name: 'Reset: terminate the stuck processes' }).click();
  await expect.poll(() => liveWorkers(page)).toBe(0);
  watch.expectNoErrors();
});

test('bad parameters: rejected by the API, corrected from the URL', async ({ page }) => {
  await openRoute(page);
  await expectRejected(page, 'deadlock', [
    [{ scenario: 'livelock' }, /scenario must be one of "lock-order", "philosophers", "join-before-drain", "missing-sentinel"/],
    [{ fix: 'yes' }, /fix must be true or false/],
    [{ philosophers: 1 }, /philosophers must be an integer from 2 to 8/],
    [{ holdMs: -5 }, /holdMs must be an integer from 10 to 1000/],
    [{ queueSize: 'abc' }, /queueSize must be an integer/],
    [{ cycles: 3 }, /unknown parameter "cycles"/],
  ]);

  await openRoute(page, 'deadlock?scenario=nope&holdMs=99999');
  const messages = page.getByTestId('param-messages');
  await expect(messages).toContainText('scenario="nope" is not valid');
  await expect(messages).toContainText('holdMs=99999 is out of range');
  await expect(page.getByTestId('deadlock-verdict')).toHaveAttribute('data-state', 'idle');
});
