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

/**
 * Installs the frame counter in the page: frames are counted only while at least `minWorkers`
 * workers are alive; long tasks (≥ 50 ms, the Long Tasks API) from the Run click to the end of
 * the run, so starting the workers and showing the results count too. First it proves the long-task observer works here: a deliberate 80 ms busy loop must be
 * reported, or "no long task" would mean nothing.
 */
async function installFrameMeter(page, minWorkers) {
  return page.evaluate(async (minWorkers) => {
    const state = {
      gaps: [],
      last: 0,
      windows: [],
      longTasks: [],
      longTaskAt: [],
      tokens: [],
      // [window, page time, frames the token painter had drawn by then]
      tokenFrames: [],
      probeSeen: false,
      running: true,
    };
    window.__frameMeter = state;
    // Long tasks count from the Run click to the end of the run, start-up and wind-down included
    // (the budget says "during a run"); frames count only while the workers run.
    document.addEventListener('click', () => (state.runFrom ??= performance.now()), true);
    const inWindow = (t) => state.windows.some(([from, to]) => t >= from && t <= (to ?? Infinity));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'self' && entry.duration >= 75 && !state.probeSeen && !state.last)
          state.probeSeen = true;
        else if (state.runFrom !== undefined && entry.startTime + entry.duration >= state.runFrom) {
          state.longTasks.push(entry.duration);
          // When, from the click, and whether all the workers were running then (for reading the results).
          state.longTaskAt.push({
            atMs: Math.round(entry.startTime - state.runFrom),
            ms: entry.duration,
            allWorkers: inWindow(entry.startTime),
          });
        }
      }
    }).observe({ type: 'longtask', buffered: false });
    // The probe: one task of 80 ms on the main thread, which the observer must report.
    await new Promise((resolve) =>
      setTimeout(() => {
        const until = performance.now() + 80;
        while (performance.now() < until);
        resolve();
      }, 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const canvas = () => document.querySelector('[data-tokens-in-flight]');
    const tick = (now) => {
      if (window.playground.liveWorkers() >= minWorkers) {
        if (state.last) state.gaps.push(now - state.last);
        else state.windows.push([now, null]);
        state.last = now;
        const flow = canvas()?.dataset;
        if (flow?.tokensInFlight !== undefined) {
          state.tokens.push(Number(flow.tokensInFlight));
          state.tokenFrames.push([state.windows.length, now, Number(flow.tokenFrames)]);
        }
      } else if (state.last) {
        state.windows.at(-1)[1] = now;
        state.last = 0;
      }
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return state.probeSeen;
  }, minWorkers);
}

async function readFrameMeter(page) {
  return page.evaluate(async () => {
    // Long-task entries are delivered after their task: give the run's last ones time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const s = window.__frameMeter;
    s.running = false;
    const gaps = [...s.gaps].sort((a, b) => a - b);
    const elapsed = gaps.reduce((sum, g) => sum + g, 0);
    const at = (q) => (gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] : null);
    const tokens = [...s.tokens].sort((a, b) => a - b);
    // The token animation's own frame rate (it is drawn off the main thread): frames it drew
    // over the time they took, inside each window.
    let tokenFrames = 0;
    let tokenMs = 0;
    for (let w = 1; w <= s.windows.length; w++) {
      const inWindow = s.tokenFrames.filter(([win]) => win === w);
      if (inWindow.length < 2) continue;
      tokenFrames += inWindow.at(-1)[2] - inWindow[0][2];
      tokenMs += inWindow.at(-1)[1] - inWindow[0][1];
    }
    return {
      frames: gaps.length,
      seconds: elapsed / 1000,
      fps: elapsed > 0 ? (gaps.length * 1000) / elapsed : 0,
      medianFrameMs: at(0.5),
      p95FrameMs: at(0.95),
      maxFrameMs: gaps.at(-1) ?? null,
      framesOver20Ms: gaps.filter((g) => g > 20).length,
      longTaskObserverVerified: s.probeSeen,
      longTasks: s.longTasks.length,
      longestTaskMs: s.longTasks.length ? Math.max(...s.longTasks) : 0,
      longTaskAt: s.longTaskAt,
      tokensInFlight: tokens.length
        ? {
            median: tokens[tokens.length >> 1],
            max: tokens.at(-1),
            framesAt500: tokens.filter((t) => t >= 500).length,
            samples: tokens.length,
          }
        : null,
      tokenAnimationFps: tokenMs > 0 ? (tokenFrames * 1000) / tokenMs : null,
    };
  });
}

/**
 * Frames per second while a scene's run keeps `minWorkers` workers busy, counted with
 * requestAnimationFrame in the scene's own UI, opened in a tab of its own from a link and started
 * with its Run button: as a user opens it. (In the tab the micro-benchmarks ran in, after millions
 * of throwaway messages and the pool sweeps, the queue scene measured 1-3 fps lower.) The tab is
 * closed afterwards; a page error or a worker left alive fails the measurement.
 */
async function measureUiFps(context, url, { scene, query, minWorkers }) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    return await measureUiFpsIn(page, url, { scene, query, minWorkers, pageErrors });
  } finally {
    await page.close();
  }
}

async function measureUiFpsIn(page, url, { scene, query, minWorkers, pageErrors }) {
  await page.goto(`${url}#/${scene}?${new URLSearchParams(query)}`);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.waitFor({ timeout: 30_000 });
  const verified = await installFrameMeter(page, minWorkers);
  if (!verified)
    throw new Error('the long-task observer did not report an 80 ms task: it cannot be trusted here');
  await run.click();
  await page.waitForSelector(
    '[data-testid="run-status"][data-status="done"], [data-testid="run-status"][data-status="error"]',
    { timeout: 120_000 },
  );
  const meter = await readFrameMeter(page);
  const status = await page.getAttribute('[data-testid="run-status"]', 'data-status');
  if (status !== 'done') throw new Error(`the ${scene} scene run for the frame-rate measurement failed`);
  if (meter.frames < 60)
    throw new Error(`only ${meter.frames} frames were drawn while ${minWorkers} workers ran`);
  await page
    .waitForFunction(() => window.playground.liveWorkers() === 0, null, { timeout: 10_000 })
    .catch(() => {
      throw new Error(`workers were still alive 10 s after the ${scene} scene's run ended`);
    });
  if (pageErrors.length > 0) throw new Error(`the ${scene} scene raised: ${pageErrors.join('; ')}`);
  return { scene, minWorkers, ...meter };
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
  await attempt('uiFps', 'app: UI frame rate while 8 pool workers run…', () =>
    measureUiFps(page.context(), url, {
      scene: 'pool',
      minWorkers: 8,
      query: {
        workload: 'sum-squares',
        size: plan.fpsSize,
        poolSizes: '8',
        tasks: '256',
        repeats: '3',
        warm: 'true',
      },
    }),
  );
  await attempt('uiFpsQueue', 'app: UI frame rate while 4 producers and 4 consumers animate tokens…', () =>
    measureUiFps(page.context(), url, {
      scene: 'queue',
      minWorkers: 8,
      query: plan.fpsQueue,
    }),
  );
  app.liveWorkersAfter = await page.evaluate(() => window.playground.liveWorkers()).catch(() => null);
  return { info, app };
}
