import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { liveWorkers, openRoute, runScene, watchErrors } from './helpers';

/** The navigation shows the part of a scene's title before the colon. */
const navLabel = (title: string) => title.split(':')[0]!.trim();

test('the page is cross-origin isolated, with the headers on the document and its scripts', async ({
  page,
}) => {
  const watch = watchErrors(page);
  const scriptHeaders: Record<string, string>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scriptHeaders.push(response.headers());
  });
  const response = await page.goto('/');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await expect(page.getByTestId('isolation-badge')).toHaveAttribute('data-isolated', 'true');
  expect(
    await page.evaluate(() => window.crossOriginIsolated && typeof SharedArrayBuffer === 'function'),
  ).toBe(true);
  expect(await page.evaluate(() => window.playground.isolated)).toBe(true);
  expect(scriptHeaders.length).toBeGreaterThan(0);
  for (const headers of scriptHeaders) expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  watch.expectNoErrors();
});

test('the home page lists every registered scene in the concept map and the navigation', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const scenes = await page.evaluate(() => window.playground.scenes());
  expect(scenes.length).toBeGreaterThan(0);
  const nav = page.getByRole('navigation', { name: 'Scenes' });
  for (const scene of scenes) {
    await expect(nav.getByRole('link', { name: navLabel(scene.title), exact: true })).toBeVisible();
    await expect(
      page.getByTestId('concept-map').getByRole('link', { name: scene.title }).first(),
    ).toBeVisible();
  }
  watch.expectNoErrors();
});

test('every scene opens without errors and leaves no worker behind', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const scenes = await page.evaluate(() => window.playground.scenes());
  for (const scene of scenes) {
    await page
      .getByRole('navigation', { name: 'Scenes' })
      .getByRole('link', { name: navLabel(scene.title), exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: scene.title })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${scene.id}`));
    // Wait for the lazily loaded scene UI to replace the loading line.
    await expect(page.getByText(`Loading ${scene.title}…`)).toHaveCount(0);
    await page.getByRole('link', { name: 'Multiprocessing Playground' }).click();
    await expect(page.getByTestId('concept-map')).toBeVisible();
    await expect.poll(() => liveWorkers(page)).toBe(0);
  }
  watch.expectNoErrors();
});

test('an unknown scene sends the user home with a notice', async ({ page }) => {
  const watch = watchErrors(page);
  await openRoute(page, 'no-such-scene?x=1');
  await expect(page.getByText('There is no scene called "no-such-scene"')).toBeVisible();
  await expect(page.getByTestId('concept-map')).toBeVisible();
  watch.expectNoErrors();
});

test('URL parameters round-trip; bad ones are clamped with a message naming the parameter', async ({
  page,
}) => {
  const watch = watchErrors(page);
  await openRoute(page);
  const scenes = await page.evaluate(() => window.playground.scenes());
  const first = scenes[0]!;
  // Nonsense for a parameter that does not exist, and for every scene a known-bad value below.
  await openRoute(page, `${first.id}?bogus=1`);
  await expect(page.getByTestId('param-messages')).toContainText('Unknown parameter "bogus"');

  await openRoute(page, 'race?processes=abc&increments=99999999999');
  const messages = page.getByTestId('param-messages');
  await expect(messages).toContainText('processes must be an integer from 1 to 16');
  await expect(messages).toContainText('increments');
  // The URL now carries the corrected values, so the link reproduces what is shown.
  await expect(page).toHaveURL(/increments=10000000/);
  watch.expectNoErrors();
});

test('playground.run rejects promptly with a message naming the parameter and its range', async ({
  page,
}) => {
  await openRoute(page);
  const unknown = await runScene(page, 'no-such-scene');
  expect(unknown.ok).toBe(false);
  if (!unknown.ok) expect(unknown.message).toMatch(/unknown scene "no-such-scene"; scenes: /);

  const scenes = await page.evaluate(() => window.playground.scenes());
  const first = scenes[0]!;
  const bogus = await runScene(page, first.id, { bogus: 1 });
  expect(bogus.ok).toBe(false);
  if (!bogus.ok) expect(bogus.message).toContain('unknown parameter "bogus"');

  const started = Date.now();
  const bad = await runScene(page, 'race', { processes: 0 });
  expect(bad.ok).toBe(false);
  if (!bad.ok) expect(bad.message).toContain('processes must be an integer from 1 to 16 (got 0)');
  expect(Date.now() - started).toBeLessThan(1000);
  expect(await liveWorkers(page)).toBe(0);
});

test('the theme toggle switches light and dark and is keyboard reachable', async ({ page }) => {
  await openRoute(page);
  const html = page.locator('html');
  const wasDark = await html.evaluate((el) => el.classList.contains('dark'));
  const toggle = page.getByRole('button', { name: /Switch to (light|dark) theme/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => html.evaluate((el) => el.classList.contains('dark'))).toBe(!wasDark);
});

/**
 * A plain static server that sends no isolation headers: the bundled service worker must make the
 * page isolated after exactly one reload.
 */
test.describe('service-worker fallback on a host without headers', () => {
  let server: Server;
  let origin = '';
  test.beforeAll(async () => {
    const root = join(process.cwd(), process.env.E2E_DIST ?? 'dist');
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.svg': 'image/svg+xml',
      '.json': 'application/json',
      '.map': 'application/json',
    };
    server = createServer(async (req, res) => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('reloads once through the service worker and ends isolated', async ({ page }) => {
    // Document requests, not load events: under load the page can reload itself before its first
    // load event fires, and a changed hash is a navigation without a request.
    let loads = 0;
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads++;
    });
    const first = await page.goto(`${origin}/`);
    expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
    // The page reloads itself once; an evaluate that straddles the reload just answers "not yet".
    const isolatedNow = () => page.evaluate(() => window.crossOriginIsolated).catch(() => false);
    await expect.poll(isolatedNow, { timeout: 20_000 }).toBe(true);
    await expect(page.getByTestId('isolation-badge')).toHaveAttribute('data-isolated', 'true');
    // Exactly one reload: the first load registers the worker, the second is served through it.
    await page.waitForTimeout(1000);
    expect(loads).toBe(2);
  });

  test.describe('when the service worker cannot run either', () => {
    test.use({ serviceWorkers: 'block' });

    test('the app explains what is missing and scenes that need shared memory say so', async ({ page }) => {
      const watch = watchErrors(page);
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => typeof window.playground === 'object');
      await expect(page.getByTestId('isolation-badge')).toHaveAttribute('data-isolated', 'false');
      await expect(page.getByText('Shared memory is off on this page.')).toBeVisible();
      await expect(page.getByText('Cross-Origin-Embedder-Policy: require-corp').first()).toBeVisible();
      expect(await page.evaluate(() => window.playground.isolated)).toBe(false);

      const scenes = await page.evaluate(() => window.playground.scenes());
      // The race scene offers its step-through without shared memory (tested below).
      const shared = scenes.find((s) => s.needsSharedMemory && s.id !== 'race')!;
      await page.goto(`${origin}/#/${shared.id}`);
      await expect(
        page.getByText(`${shared.title} needs shared memory, which this page does not have.`),
      ).toBeVisible();
      const run = await runScene(page, shared.id);
      expect(run.ok).toBe(false);
      if (!run.ok) expect(run.message).toContain('needs SharedArrayBuffer');
      watch.expectNoErrors();
    });

    test('the race step-through still works, and the live view says why it cannot', async ({ page }) => {
      const watch = watchErrors(page);
      await page.goto(`${origin}/`);
      await expect(page.getByText('Still works without it:')).toBeVisible();
      await page.goto(`${origin}/#/race?view=live`);
      await expect(page.getByTestId('partial-scene-notice')).toContainText(
        'the step-through works without it',
      );
      await expect(page.getByTestId('view-live')).toBeDisabled();
      await expect(page.getByTestId('view-step')).toHaveAttribute('aria-selected', 'true');
      // Two processes, two increments each: every schedule enumerated, as on an isolated page.
      await page.getByRole('button', { name: 'Explore all interleavings' }).click();
      await expect(page.getByTestId('explore-summary')).toHaveAttribute('data-total', '924');
      // The lost update, by hand: both load 0, P1 stores 1, P2 stores 1 over it.
      for (const pid of [1, 2, 1, 1, 2, 2])
        await page.getByRole('button', { name: new RegExp(`^Step P${pid}`) }).click();
      await expect(page.getByTestId('sim-counter')).toHaveText('1');
      await expect(page.getByTestId('sim-outcome')).toHaveAttribute('data-lost', '1');
      watch.expectNoErrors();
    });
  });
});
