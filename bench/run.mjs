// `npm run bench`: the app's figures beside CPython's multiprocessing, same machine, same run.
//
//   1. build the app (vite build) and serve dist/ with the isolation headers (vite preview)
//   2. drive headless Chromium through window.playground: micro-benchmarks and pool sweeps
//   3. close the browser and the server, then run bench/python/*.py with python3, if present
//   4. print the table and the goals (PASS/MISS), write bench/results.json and
//      bench/README-table.md (the table the README shows)
//
// Bounded: every step has a timeout and the whole run is killed after BENCH_TIME_LIMIT_S
// (default 540 s). The server and the browser are closed on every exit path.
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { measureApp } from './lib/browser-bench.mjs';
import { initialJavaScript } from './lib/bundle-size.mjs';
import { findPython, runPythonBench } from './lib/python-bench.mjs';
import { evaluateGoals, formatConsole, formatMarkdown } from './lib/report.mjs';
import { run, startPreview } from './lib/server.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const timeLimitS = Number(process.env.BENCH_TIME_LIMIT_S ?? 540);

const plan = {
  tutorialSize: 5_000_000,
  largeSize: Number(process.env.BENCH_LARGE_SIZE ?? 40_000_000),
  poolSizes: [1, 2, 4, 8],
  fpsSize: 400_000_000,
  // 8 workers and a heavy flow of tokens (the canvas draws up to its cap in flight), ~5 s.
  fpsQueue: { producers: 4, consumers: 4, items: 400_000, maxsize: 1000, produceUs: 10, consumeUs: 10 },
};

const log = (message) => console.error(`[bench] ${message}`);

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch {
      // Best effort: keep closing the rest.
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: closing the browser and the server`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`time limit of ${timeLimitS} s reached: stopping`);
  void cleanup().finally(() => process.exit(2));
}, timeLimitS * 1000);
watchdog.unref();

async function measureBrowser() {
  log('building the app (vite build)…');
  await run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, timeoutMs: 180_000 });
  const bundle = await initialJavaScript(path.join(root, 'dist'));
  const server = await startPreview(root);
  cleanups.push(server.stop);
  log(
    `serving dist/ at ${server.url} (COOP ${server.headers['cross-origin-opener-policy']}, COEP ${server.headers['cross-origin-embedder-policy']})`,
  );
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  try {
    // A context of its own: the frame-rate runs open their scenes in fresh tabs of it.
    const page = await (await browser.newContext()).newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const measured = await measureApp(page, server.url, plan, log);
    if (pageErrors.length > 0) measured.app.errors.page = pageErrors.join('\n');
    return {
      ...measured,
      app: { ...measured.app, initialJs: bundle },
      chromium: `Chromium ${browser.version()}`,
    };
  } finally {
    // Close now, not at exit: the Python half must not share the cores with a browser.
    await browser.close();
    await server.stop();
  }
}

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  if (loadBefore > os.availableParallelism()) {
    log(
      `warning: load average ${loadBefore.toFixed(1)} on ${os.availableParallelism()} cores: other work will skew the figures`,
    );
  }
  const { info, app, chromium: chromiumVersion } = await measureBrowser();
  const python = findPython();
  let pythonResults = null;
  if (python) {
    try {
      pythonResults = await runPythonBench(
        python,
        path.join(benchDir, 'python'),
        { sizes: [plan.tutorialSize, plan.largeSize], poolSizes: plan.poolSizes, repeats: 3 },
        log,
      );
    } catch (error) {
      log(`python failed: ${error.message.split('\n')[0]}`);
      pythonResults = { error: error.message };
    }
  } else log('python3 not found: CPython columns left empty');

  const results = {
    date: new Date().toISOString(),
    machine: {
      cores: info.cores,
      nodeCores: os.availableParallelism?.() ?? os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.platform()} ${os.release()}`,
      node: process.versions.node,
      chromium: chromiumVersion,
      python: python?.version ?? null,
      // Other work on the machine skews every figure: the 1-minute load average before and after.
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    },
    plan,
    app,
    python: pythonResults,
    durationS: (Date.now() - started) / 1000,
  };
  results.goals = evaluateGoals(results);
  await writeFile(path.join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(benchDir, 'README-table.md'), formatMarkdown(results));
  console.log(formatConsole(results));
  const errors = Object.entries(app.errors ?? {});
  if (errors.length > 0) {
    console.log('\nNot measured:');
    for (const [key, message] of errors) console.log(`  ${key}: ${message.split('\n')[0]}`);
  }
  console.log(`\nWrote bench/results.json and bench/README-table.md in ${results.durationS.toFixed(0)} s.`);
}

main()
  .then(cleanup, async (error) => {
    console.error(error);
    await cleanup();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
