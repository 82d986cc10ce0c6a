import { expect, type Page } from '@playwright/test';

/**
 * Collects console errors and page errors for a test; `expectNoErrors()` fails the test if any
 * occurred. Every spec uses it: a scene that logs an error is broken even if it looks fine.
 */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return {
    errors,
    expectNoErrors: () => expect(errors, errors.join('\n')).toEqual([]),
  };
}

/** Opens a route (e.g. "race?sync=none") and waits for the app to be ready. */
export async function openRoute(page: Page, route = '') {
  await page.goto(`/#/${route}`);
  await page.waitForFunction(() => typeof window.playground === 'object');
}

/** The number of live workers the runtime knows about. */
export function liveWorkers(page: Page): Promise<number> {
  return page.evaluate(() => window.playground.liveWorkers());
}

/** Runs a scene through the automation API and returns its JSON result (or the rejection message). */
export async function runScene(page: Page, id: string, params?: Record<string, unknown>) {
  return page.evaluate(
    async ([sceneId, sceneParams]) => {
      try {
        return { ok: true as const, result: (await window.playground.run(sceneId, sceneParams)) as Record<string, unknown> };
      } catch (error) {
        return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
      }
    },
    [id, params] as const,
  );
}

/**
 * Runs a scene through the automation API and expects it to succeed (the rejection message is
 * the failure's text); returns its JSON result.
 */
export async function runToResult<R>(page: Page, id: string, params?: Record<string, unknown>): Promise<R> {
  const outcome = await runScene(page, id, params);
  expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  return (outcome as { result: unknown }).result as R;
}
