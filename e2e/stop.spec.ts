import { expect, test } from '@playwright/test';
import { openRoute, watchErrors } from './helpers';
import { clickRun, stopHeadlessRun, stopTheRun, waitForWorkers } from './scene-helpers';

/**
 * "Stop ends within 100 ms; no worker survives a finished or stopped run", for every scene.
 * Each row is a link whose settings make the run last many seconds, the label of the scene's Run
 * button, and how many workers are alive once the run is under way: the test runs it, waits for
 * them, clicks Stop and times it inside the page.
 */
const LONG_RUNS: { scene: string; link: string; run?: string | RegExp; workers?: number }[] = [
  {
    scene: 'race',
    link: 'race?processes=4&increments=10000000&sync=lock&repeats=100',
    run: 'Run 100 repeats',
    workers: 4,
  },
  // The serial worker and a warm pool of four, mid-call.
  { scene: 'pool', link: 'pool?size=400000000&poolSizes=4&repeats=5&warm=true', workers: 5 },
  {
    scene: 'queue',
    link: 'queue?producers=4&consumers=4&items=2000000&produceUs=50&consumeUs=50',
    workers: 8,
  },
  { scene: 'pipeline', link: 'pipeline?workers=6&tasks=100000&workUs=2000', workers: 6 },
  { scene: 'pipe', link: 'pipe?roundTrips=200000&payloadSizes=65536,262144', workers: 2 },
  // Four clients and the manager's own server process.
  { scene: 'manager', link: 'manager?processes=4&opsPerProcess=200000', workers: 5 },
  { scene: 'lifecycle', link: 'lifecycle?part=daemon&workMs=3000', run: /^Run: / },
  // Not deadlocked (deadlock.spec stops a deadlocked ring): two workers taking both locks in order, 50 rounds of 1 s.
  {
    scene: 'deadlock',
    link: 'deadlock?scenario=lock-order&fix=true&rounds=50&holdMs=1000',
    run: 'Run with the fix',
    workers: 2,
  },
  { scene: 'gil', link: 'gil?tasks=400&cpuWork=200&repeats=9' },
  { scene: 'start-methods', link: 'start-methods?coldStarts=50&warmDispatches=5000' },
];

test('every scene has a long run to stop', async ({ page }) => {
  await openRoute(page);
  const scenes = await page.evaluate(() => window.playground.scenes());
  expect(LONG_RUNS.map((row) => row.scene).sort()).toEqual(scenes.map((s) => s.id).sort());
});

for (const { scene, link, run = 'Run', workers = 1 } of LONG_RUNS) {
  test(`${scene}: Stop ends the run and every worker within 100 ms`, async ({ page }) => {
    const watch = watchErrors(page);
    await openRoute(page, link);
    await clickRun(page, run);
    await waitForWorkers(page, workers);
    await stopTheRun(page, `${scene} Stop`);
    watch.expectNoErrors();
  });
}

/** Headless runs, stopped with `playground.stop()` while `playground.run()` is pending. */
const HEADLESS_RUNS: { scene: string; params: Record<string, unknown>; workers?: number }[] = [
  { scene: 'race', params: { processes: 4, increments: 10_000_000, sync: 'lock', repeats: 100 }, workers: 4 },
  { scene: 'pool', params: { size: 400_000_000, poolSizes: [2, 4], repeats: 5 } },
  {
    scene: 'queue',
    params: { producers: 4, consumers: 4, items: 2_000_000, produceUs: 50, consumeUs: 50 },
    workers: 8,
  },
  { scene: 'pipeline', params: { workers: 6, tasks: 100_000, workUs: 2_000 }, workers: 6 },
  { scene: 'pipe', params: { roundTrips: 200_000, payloadSizes: [65_536, 262_144] }, workers: 2 },
  { scene: 'manager', params: { processes: 4, opsPerProcess: 200_000 }, workers: 5 },
  { scene: 'gil', params: { tasks: 400, cpuWork: 200, repeats: 9 } },
  { scene: 'start-methods', params: { coldStarts: 50, warmDispatches: 5_000 } },
];

for (const { scene, params, workers } of HEADLESS_RUNS) {
  test(`${scene}: playground.stop() during playground.run() rejects the run and ends every worker within 100 ms`, async ({
    page,
  }) => {
    const watch = watchErrors(page);
    await openRoute(page);
    await stopHeadlessRun(page, scene, params, workers);
    watch.expectNoErrors();
  });
}
