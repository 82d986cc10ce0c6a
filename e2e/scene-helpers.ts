import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { liveWorkers, runScene } from './helpers';

/** What the issues promise for every scene: Stop has ended the run and every worker by then. */
export const STOP_BUDGET_MS = 100;

/** How long Stop took, measured inside the page from the click (or the call) on. */
export interface StopTiming {
  /** Until the run status said "stopped" (for a headless run: until `run()` rejected). */
  statusMs: number;
  /** Until `playground.liveWorkers()` was 0: every worker thread of the run was terminated. */
  workersMs: number;
  /** The later of the two: when the user saw the run stopped with nothing left running. */
  ms: number;
  /** Workers alive just before Stop. */
  workersBefore: number;
}

/** The machine's load average over the last minute, to read a timing with (Linux only). */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return 'unknown';
  }
}

/** Prints a Stop timing and attaches it to the test's report, so it can be quoted. */
export function reportStop(label: string, timing: StopTiming): void {
  const line =
    `${label}: stopped in ${timing.ms.toFixed(1)} ms (status ${timing.statusMs.toFixed(1)} ms, ` +
    `workers ${timing.workersMs.toFixed(1)} ms; ${timing.workersBefore} workers; load ${loadAverage()})`;
  test.info().annotations.push({ type: 'stop', description: line });
  console.log(line);
}

/** Types a value into a setting's box (named by its label) and presses Enter, as a user would. */
export async function typeSetting(page: Page, label: string, value: string): Promise<void> {
  const box = page.getByRole('textbox', { name: label });
  await box.fill(value);
  await box.press('Enter');
}

/** Clicks the scene's Run button (its label says what it runs, e.g. "Run 5 repeats"). */
export async function clickRun(page: Page, label: string | RegExp = 'Run'): Promise<void> {
  await page.getByRole('button', { name: label, exact: typeof label === 'string' }).click();
}

/** Waits until the run status says the run is done (it finished without being stopped). */
export async function waitForRunDone(page: Page, timeoutMs: number): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: timeoutMs });
}

/** Waits until the run has at least `count` workers alive. */
export async function waitForWorkers(page: Page, count = 1): Promise<void> {
  await expect.poll(() => liveWorkers(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
}

/**
 * Clicks Stop and times, inside the page, how long until the run status shows "stopped" and no
 * worker is alive. A MutationObserver catches the status change; a setTimeout loop (about every
 * 4 ms) reads the worker count. Gives up after `limitMs`, so a slow Stop reports its figure too.
 */
export async function clickStopAndTime(page: Page, limitMs = 5_000): Promise<StopTiming> {
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeEnabled();
  return stop.evaluate(
    (button, limit) =>
      new Promise<StopTiming>((resolve) => {
        const status = () =>
          document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status');
        const workersBefore = window.playground.liveWorkers();
        let statusMs = Number.NaN;
        let workersMs = Number.NaN;
        const t0 = performance.now();
        const check = () => {
          const t = performance.now() - t0;
          if (Number.isNaN(statusMs) && status() === 'stopped') statusMs = t;
          if (Number.isNaN(workersMs) && window.playground.liveWorkers() === 0) workersMs = t;
          return !Number.isNaN(statusMs) && !Number.isNaN(workersMs);
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, {
          subtree: true,
          attributes: true,
          attributeFilter: ['data-status'],
        });
        const finish = () => {
          observer.disconnect();
          const ms = Math.max(statusMs, workersMs);
          resolve({
            statusMs,
            workersMs,
            ms: Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms,
            workersBefore,
          });
        };
        const poll = () => {
          if (check() || performance.now() - t0 > limit) finish();
          else setTimeout(poll, 0);
        };
        (button as HTMLElement).click();
        poll();
      }),
    limitMs,
  );
}

/**
 * Stops the run from the UI and expects what a user is promised: within 100 ms the status says
 * "stopped" and no worker is left. Returns the timing for the report.
 */
export async function stopTheRun(page: Page, label = 'Stop'): Promise<StopTiming> {
  const timing = await clickStopAndTime(page);
  reportStop(label, timing);
  expect(timing.statusMs, 'the run status says "stopped"').toBeLessThanOrEqual(STOP_BUDGET_MS);
  expect(timing.workersMs, 'no worker is left').toBeLessThanOrEqual(STOP_BUDGET_MS);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  expect(await liveWorkers(page)).toBe(0);
  return timing;
}

/**
 * Starts a headless run with `playground.run`, waits until it has `workers` workers alive, then
 * calls `playground.stop()` and times, inside the page, until the run's promise rejected and no
 * worker is left. Expects the rejection to say the run was stopped, and both within 100 ms.
 */
export async function stopHeadlessRun(
  page: Page,
  sceneId: string,
  params: Record<string, unknown>,
  workers = 1,
): Promise<StopTiming> {
  const outcome = await page.evaluate(
    async ([id, runParams, count, limit]) => {
      const settled = { at: Number.NaN, message: '' };
      const t = { start: 0 };
      const run = window.playground.run(id, runParams).then(
        () => {
          settled.at = performance.now() - t.start;
          settled.message = 'the run finished instead of stopping';
        },
        (error: unknown) => {
          settled.at = performance.now() - t.start;
          settled.message = error instanceof Error ? error.message : String(error);
        },
      );
      const begun = performance.now();
      while (
        window.playground.liveWorkers() < count &&
        Number.isNaN(settled.at) &&
        performance.now() - begun < 30_000
      ) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const workersBefore = window.playground.liveWorkers();
      t.start = performance.now();
      await window.playground.stop();
      let workersMs = Number.NaN;
      while (performance.now() - t.start < limit) {
        if (Number.isNaN(workersMs) && window.playground.liveWorkers() === 0)
          workersMs = performance.now() - t.start;
        if (!Number.isNaN(workersMs) && !Number.isNaN(settled.at)) break;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await Promise.race([run, new Promise((resolve) => setTimeout(resolve, limit))]);
      return { statusMs: settled.at, workersMs, workersBefore, message: settled.message };
    },
    [sceneId, params, workers, 5_000] as const,
  );
  const ms = Math.max(outcome.statusMs, outcome.workersMs);
  const timing: StopTiming = { ...outcome, ms: Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms };
  reportStop(`${sceneId} playground.stop()`, timing);
  expect(outcome.workersBefore, 'the run had started a worker before it was stopped').toBeGreaterThan(0);
  expect(outcome.message).toMatch(/stopped/i);
  expect(timing.statusMs, 'run() rejected').toBeLessThanOrEqual(STOP_BUDGET_MS);
  expect(timing.workersMs, 'no worker is left').toBeLessThanOrEqual(STOP_BUDGET_MS);
  expect(await liveWorkers(page)).toBe(0);
  return timing;
}

/**
 * Calls `playground.run` with each set of bad parameters and expects a rejection whose message
 * names the parameter (matches the pattern); no worker may be started by any of them.
 */
export async function expectRejected(
  page: Page,
  sceneId: string,
  cases: [Record<string, unknown>, RegExp][],
): Promise<void> {
  for (const [params, message] of cases) {
    const outcome = await runScene(page, sceneId, params);
    expect(outcome.ok, JSON.stringify(params)).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(message);
  }
  expect(await liveWorkers(page)).toBe(0);
}

/**
 * How many of `colours` (#rrggbb) a canvas shows right now, exactly: its picture (drawn by a
 * painter worker or on the page) is copied onto a canvas of the test's own and read back, as a
 * user would see it.
 */
export async function coloursOnCanvas(canvas: Locator, colours: readonly string[]): Promise<number> {
  return canvas.evaluate((source: HTMLCanvasElement, wanted: readonly string[]) => {
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx || copy.width === 0 || copy.height === 0) return 0;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      const hex = `#${[data[i], data[i + 1], data[i + 2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
      if (wanted.includes(hex)) seen.add(hex);
    }
    return seen.size;
  }, colours);
}
