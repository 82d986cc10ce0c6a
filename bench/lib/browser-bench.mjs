// The app's side of the benchmark, measured in headless Chromium through `window.playground`
// (scene runs) and `window.playground.bench()` (micro-benchmarks that need a runtime handle;
// the probes live in src/scenes/pool/bench-probes.ts).

/** Runs `fn(arg)` in the page, stopping the app's run and failing if it takes too long. */
async function evaluate(page, what, fn, arg, timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), timeout]);
  } catch (error) {
    await page.evaluate(() => window.playground?.stop()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function probe(page, name, args, timeoutMs) {
  return evaluate(
    page,
    name,
    async ({ name, args }) => {
      const probes = await window.playground.bench();
      return probes[name](args);
    },
    { name, args },
    timeoutMs,
  );
}

export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.playground?.run === 'function', null, { timeout: 30_000 });
  return page.evaluate(() => ({
    isolated: window.playground.isolated,
    cores: navigator.hardwareConcurrency,
    hasProbes: typeof window.playground.bench === 'function',
    userAgent: navigator.userAgent,
  }));
}

async function poolRun(page, params, timeoutMs) {
  return evaluate(
    page,
    `pool run ${JSON.stringify(params)}`,
    (p) => window.playground.run('pool', p),
    params,
    timeoutMs,
  );
}

/** Frames per second while 8 workers run, counted with requestAnimationFrame in the scene's UI. */
async function measureUiFps(page, url, plan) {
  const query = new URLSearchParams({
    workload: 'sum-squares',
    size: String(plan.fpsSize),
    poolSizes: '8',
    tasks: '256',
    repeats: '3',
    warm: 'true',
  });
  await page.goto(`${url}#/pool?${query}`);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const state = { frames: 0, elapsed: 0, last: 0, longestTaskMs: 0, running: true };
    window.__fps = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        state.longestTaskMs = Math.max(state.longestTaskMs, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    const tick = (now) => {
      // Count only the frames drawn while the 8 pool workers are alive.
      if (window.playground.liveWorkers() >= 8) {
        if (state.last) {
          state.frames += 1;
          state.elapsed += now - state.last;
        }
        state.last = now;
      } else state.last = 0;
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await run.click();
  await page.waitForSelector(
    '[data-testid="run-status"][data-status="done"], [data-testid="run-status"][data-status="error"]',
    {
      timeout: 120_000,
    },
  );
  const fps = await page.evaluate(() => {
    const s = window.__fps;
    s.running = false;
    return {
      frames: s.frames,
      seconds: s.elapsed / 1000,
      fps: s.elapsed > 0 ? (s.frames * 1000) / s.elapsed : 0,
      longestTaskMs: s.longestTaskMs,
    };
  });
  const status = await page.getAttribute('[data-testid="run-status"]', 'data-status');
  if (status !== 'done') throw new Error('the pool scene run for the frame-rate measurement failed');
  return fps;
}

export async function measureApp(page, url, plan, log) {
  const app = { errors: {} };
  const attempt = async (key, what, fn) => {
    log(what);
    try {
      app[key] = await fn();
    } catch (error) {
      app.errors[key] = error.message;
      log(`  failed: ${error.message.split('\n')[0]}`);
    }
  };
  const info = await openApp(page, url);
  if (!info.isolated) throw new Error('the page is not cross-origin isolated: SharedArrayBuffer is missing');

  if (info.hasProbes) {
    await attempt('processStart', 'app: process start…', () =>
      probe(page, 'processStart', { count: 30 }, 60_000),
    );
    await attempt('warmDispatch', 'app: warm pool dispatch…', () =>
      probe(page, 'warmDispatch', { count: 2000 }, 60_000),
    );
    await attempt('lockedIncrements', 'app: locked increments…', () =>
      probe(page, 'lockedIncrements', { workers: 2, perWorker: 5_000_000 }, 60_000),
    );
    await attempt('atomicAdds', 'app: atomic adds…', () =>
      probe(page, 'atomicAdds', { workers: 2, perWorker: 20_000_000 }, 60_000),
    );
    await attempt('queue', 'app: queue messages…', () =>
      probe(page, 'queueThroughput', { messages: 2_000_000, capacity: 1024 }, 60_000),
    );
    await attempt('postMessage', 'app: postMessage…', () =>
      probe(page, 'postMessageThroughput', { messages: 200_000 }, 60_000),
    );
  } else {
    for (const key of [
      'processStart',
      'warmDispatch',
      'lockedIncrements',
      'atomicAdds',
      'queue',
      'postMessage',
    ]) {
      app.errors[key] = 'window.playground.bench() is not registered in this build';
    }
    log('app: window.playground.bench() is missing: micro-benchmarks skipped');
  }

  if (info.hasProbes) {
    // Context for the sweeps: what two plain workers get right now (another program on a core shows here).
    await attempt('plainSpeedup', 'app: plain two-worker speedup (machine check)…', () =>
      probe(page, 'plainTwoWorkerSpeedup', { size: 200_000_000, repeats: 5 }, 60_000),
    );
  }
  app.speedup = {};
  const sweep = { workload: 'sum-squares', poolSizes: plan.poolSizes, tasks: 0, chunksize: 0 };
  const runs = [
    ['tutorialWarm', { ...sweep, size: plan.tutorialSize, repeats: 9, warm: true }],
    ['tutorialCold', { ...sweep, size: plan.tutorialSize, repeats: 5, warm: false }],
    ['largeWarm', { ...sweep, size: plan.largeSize, repeats: 5, warm: true }],
    ['largeCold', { ...sweep, size: plan.largeSize, repeats: 3, warm: false }],
  ];
  for (const [key, params] of runs) {
    log(
      `app: pool sweep, ${params.size.toLocaleString('en-US')} squares, ${params.warm ? 'warm' : 'cold'} pool…`,
    );
    try {
      app.speedup[key] = await poolRun(page, params, 120_000);
    } catch (error) {
      app.errors[`speedup.${key}`] = error.message;
      log(`  failed: ${error.message.split('\n')[0]}`);
    }
  }
  await attempt('uiFps', 'app: UI frame rate while 8 workers run…', () => measureUiFps(page, url, plan));
  app.liveWorkersAfter = await page.evaluate(() => window.playground.liveWorkers()).catch(() => null);
  return { info, app };
}
