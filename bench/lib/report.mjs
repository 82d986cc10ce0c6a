// Turns bench results into the goals (PASS/MISS), a console table and a Markdown table for the
// README. Pure functions of the results object, so they are unit-tested.

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) =>
  n === undefined || n === null
    ? '—'
    : n < 1
      ? `${n.toFixed(3)} ms`
      : n < 100
        ? `${n.toFixed(1)} ms`
        : `${int(n)} ms`;
const rate = (n) =>
  n === undefined || n === null ? '—' : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : `${int(n / 1e3)} k/s`;
const times = (n) => (n === undefined || n === null || !Number.isFinite(n) ? '—' : `${n.toFixed(2)}×`);
const ratio = (n) =>
  n === undefined || n === null || !Number.isFinite(n) ? '' : `${n >= 10 ? n.toFixed(0) : n.toFixed(1)}×`;

/** The performance goals of the design (../shared/design.md). Never weaken these to pass. */
export const GOALS = [
  {
    id: 'speedup-large',
    text: (r) => `speedup at pool size 2, ${int(r.plan.largeSize)} squares (warm pool)`,
    target: 1.8,
    unit: '×',
    better: 'higher',
    value: (r) => speedupAt(r.app.speedup?.largeWarm, 2),
  },
  {
    id: 'speedup-tutorial',
    text: (r) => `speedup at pool size 2, ${int(r.plan.tutorialSize)} squares (warm pool)`,
    target: 1.6,
    unit: '×',
    better: 'higher',
    value: (r) => speedupAt(r.app.speedup?.tutorialWarm, 2),
  },
  {
    id: 'locked-increments',
    text: () => 'locked increments / s, 2 workers contending',
    target: 10_000_000,
    unit: '/s',
    better: 'higher',
    value: (r) => r.app.lockedIncrements?.perSecond,
  },
  {
    id: 'queue',
    text: () => 'queue messages / s, 2 workers',
    target: 2_000_000,
    unit: '/s',
    better: 'higher',
    value: (r) => r.app.queue?.perSecond,
  },
  {
    id: 'process-start',
    text: () => 'process start, median (new worker → first instruction)',
    target: 25,
    unit: 'ms',
    better: 'lower',
    value: (r) => r.app.processStart?.medianMs,
  },
  {
    id: 'warm-dispatch',
    text: () => 'task dispatch to a warm pool, median round trip',
    target: 0.1,
    unit: 'ms',
    better: 'lower',
    value: (r) => r.app.warmDispatch?.medianMs,
  },
  {
    id: 'ui-fps',
    text: () => 'UI frames / s while 8 pool workers run',
    target: 55,
    unit: 'fps',
    better: 'higher',
    value: (r) => r.app.uiFps?.fps,
  },
  {
    id: 'ui-fps-tokens',
    text: () => 'UI frames / s while 8 queue workers run and ≥ 500 tokens animate (median in flight)',
    target: 55,
    unit: 'fps',
    better: 'higher',
    // Only counts when the flow really was that heavy.
    value: (r) => (r.app.uiFpsQueue?.tokensInFlight?.median >= 500 ? r.app.uiFpsQueue.fps : undefined),
  },
  {
    id: 'long-tasks',
    text: () =>
      'longest main-thread task from Run to the end of those runs (Long Tasks API, observer checked first)',
    target: 50,
    unit: 'ms',
    better: 'lower',
    // A long task is one of 50 ms or more: none seen means the longest was under 50 ms.
    value: (r) => longestTask(r.app),
    shown: (value) => (value === 0 ? 'none ≥ 50 ms' : undefined),
  },
  {
    id: 'initial-js',
    text: () => 'initial JavaScript, gzipped',
    target: 250,
    unit: 'kB',
    better: 'lower',
    value: (r) => (r.app.initialJs ? r.app.initialJs.gzipBytes / 1000 : undefined),
  },
];

/** Longest long task over both frame-rate runs; undefined unless both were measured with a working observer. */
export function longestTask(app) {
  const runs = [app.uiFps, app.uiFpsQueue];
  if (runs.some((run) => !run || !run.longTaskObserverVerified)) return undefined;
  return Math.max(...runs.map((run) => run.longestTaskMs));
}

export function speedupAt(run, poolSize) {
  return run?.points?.find((p) => p.poolSize === poolSize)?.speedup;
}

export function evaluateGoals(results) {
  return GOALS.map((goal) => {
    const value = goal.value(results);
    const measured = typeof value === 'number' && Number.isFinite(value);
    const pass = measured && (goal.better === 'higher' ? value >= goal.target : value <= goal.target);
    return {
      id: goal.id,
      goal: goal.text(results),
      target: goal.target,
      unit: goal.unit,
      better: goal.better,
      value: measured ? value : null,
      /** How the measured value reads: the goal's own wording where it has one. */
      shown: (measured && goal.shown?.(value)) || formatValue(measured ? value : null, goal.unit),
      pass,
    };
  });
}

function fpsCell(run, tokens = false) {
  if (!run) return '—';
  const parts = [`${run.fps.toFixed(1)} fps`, `p95 frame ${ms(run.p95FrameMs)}`];
  parts.push(
    run.longTasks === 0
      ? 'no task ≥ 50 ms'
      : `${run.longTasks} tasks ≥ 50 ms, longest ${ms(run.longestTaskMs)}`,
  );
  if (tokens && run.tokensInFlight) {
    const t = run.tokensInFlight;
    parts.push(
      `tokens in flight median ${int(t.median)}, max ${int(t.max)}, ≥ 500 in ${Math.round((100 * t.framesAt500) / t.samples)}% of frames`,
    );
    if (run.tokenAnimationFps)
      parts.push(`tokens drawn off the main thread at ${run.tokenAnimationFps.toFixed(1)} fps`);
  }
  return parts.join('; ');
}

function formatValue(value, unit) {
  if (value === null) return 'not measured';
  if (unit === '/s') return rate(value);
  if (unit === 'ms') return ms(value);
  if (unit === '×') return times(value);
  return `${value.toFixed(1)} ${unit}`;
}

/** Rows of [what, app, CPython, app vs CPython]. */
export function tableRows(results) {
  const { app, python, plan } = results;
  const py = python ?? {};
  const rows = [];
  const start = py.processStart;
  rows.push([
    'process start, median',
    ms(app.processStart?.medianMs),
    start
      ? Object.entries(start)
          .map(([m, v]) => `${m} ${ms(v)}`)
          .join(', ')
      : '—',
    start?.spawn ? `${ratio(start.spawn / app.processStart?.medianMs)} faster than spawn` : '',
  ]);
  rows.push(['task dispatch, warm pool (round trip)', ms(app.warmDispatch?.medianMs), '—', '']);
  rows.push([
    'plain workers, no runtime: 2-way speedup (machine check)',
    times(app.plainSpeedup?.speedup),
    '—',
    app.plainSpeedup && app.plainSpeedup.speedup < 1.8 ? 'two free cores were not available' : '',
  ]);
  for (const [size, warmKey, coldKey] of [
    [plan.tutorialSize, 'tutorialWarm', 'tutorialCold'],
    [plan.largeSize, 'largeWarm', 'largeCold'],
  ]) {
    const pySize = py.sumSquares?.sizes?.find((s) => s.size === size);
    const warm = app.speedup?.[warmKey];
    const cold = app.speedup?.[coldKey];
    rows.push([
      `sum of squares ${int(size)}: serial`,
      ms(warm?.serialMs ?? cold?.serialMs),
      ms(pySize?.serialMs),
      pySize && warm ? `${ratio(pySize.serialMs / warm.serialMs)} faster` : '',
    ]);
    for (const n of plan.poolSizes) {
      const pyPoint = pySize?.points?.find((p) => p.poolSize === n);
      rows.push([
        `  Pool(${n}) speedup: warm · cold`,
        `${times(speedupAt(warm, n))} · ${times(speedupAt(cold, n))}`,
        pyPoint ? `${times(pyPoint.speedup)} (cold)` : '—',
        pyPoint && cold
          ? `cold ${ratio(pyPoint.medianMs / cold.points.find((p) => p.poolSize === n)?.medianMs)} faster`
          : '',
      ]);
    }
  }
  rows.push([
    'locked increments / s, 2 workers',
    rate(app.lockedIncrements?.perSecond),
    rate(py.lockedIncrements?.perSecond),
    py.lockedIncrements ? ratio(app.lockedIncrements?.perSecond / py.lockedIncrements.perSecond) : '',
  ]);
  rows.push(['atomic adds / s, 2 workers', rate(app.atomicAdds?.perSecond), '—', '']);
  rows.push([
    'queue messages / s, 2 workers',
    rate(app.queue?.perSecond),
    rate(py.queue?.perSecond),
    py.queue ? ratio(app.queue?.perSecond / py.queue.perSecond) : '',
  ]);
  rows.push(['postMessage messages / s (for comparison)', rate(app.postMessage?.perSecond), '—', '']);
  rows.push(['UI frames / s while 8 pool workers run', fpsCell(app.uiFps), '—', '']);
  rows.push(['UI frames / s while 8 queue workers animate tokens', fpsCell(app.uiFpsQueue, true), '—', '']);
  rows.push([
    'initial JavaScript (gzipped)',
    app.initialJs ? `${(app.initialJs.gzipBytes / 1000).toFixed(1)} kB` : '—',
    '—',
    '',
  ]);
  return rows;
}

const HEADER = ['what', 'app (Chromium, Web Workers)', 'CPython multiprocessing', 'app vs CPython'];

export function formatConsole(results) {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const goals = evaluateGoals(results).map(
    (g) =>
      `${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.shown} (goal ${g.better === 'higher' ? '≥' : '≤'} ${formatValue(g.target, g.unit)})`,
  );
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    'Goals:',
    ...goals,
    loadWarning(results),
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/**
 * A busy machine measures the other work too: say so next to the figures. Only the load before
 * the bench counts: the load after includes the bench's own workers and Python processes.
 */
function loadWarning(results) {
  const load = results.machine.loadAverage;
  if (!load || load.before <= results.machine.cores / 2) return null;
  return `\nWarning: the load average was ${load.before.toFixed(1)} on ${results.machine.cores} cores before the bench started: other work shared the cores, so these figures understate what the machine can do.`;
}

export function formatMarkdown(results) {
  const escape = (c) => String(c).replace(/\|/g, '\\|').replace(/^ +/, '↳ ');
  const rows = tableRows(results).map((r) => `| ${r.map(escape).join(' | ')} |`);
  const goals = evaluateGoals(results).map(
    (g) =>
      `| ${g.pass ? 'PASS' : 'MISS'} | ${g.goal} | ${g.shown} | ${g.better === 'higher' ? '≥' : '≤'} ${formatValue(g.target, g.unit)} |`,
  );
  const m = results.machine;
  return [
    `Measured by \`npm run bench\` on ${results.date.slice(0, 10)}: ${m.cores} cores, ${m.chromium}, ${m.python ?? 'no Python'}, Node ${m.node}.`,
    'Single runs on one machine: read them as ratios and orders of magnitude.',
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows,
    '',
    '| | goal | measured | target |',
    '|---|---|---|---|',
    ...goals,
    loadWarning(results) ?? '',
    '',
    'Run it yourself with `npm run bench`: it builds the app, serves it with the isolation headers, drives',
    'headless Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium) and, when `python3` is installed, runs',
    '`bench/python/*.py` with CPython multiprocessing in the same run; about two minutes. It writes',
    '`bench/results.json` (every figure) and this table (`bench/README-table.md`).',
    '',
  ].join('\n');
}
