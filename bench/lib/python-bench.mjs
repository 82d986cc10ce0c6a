// Runs our CPython multiprocessing scripts (bench/python/) with the same workloads, one after
// another (never beside the browser: two experiments on two cores would measure each other).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { run } from './server.mjs';

export function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3']) {
    if (!candidate) continue;
    try {
      const version = execFileSync(candidate, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
      return { command: candidate, version };
    } catch {
      // Not installed under that name.
    }
  }
  return null;
}

async function script(python, dir, name, args, timeoutMs) {
  const output = await run(python.command, [path.join(dir, name), ...args], { quiet: true, timeoutMs });
  const last = output.trim().split('\n').at(-1);
  return JSON.parse(last);
}

/**
 * @param {{ command: string }} python
 * @param {{ sizes: number[], poolSizes: number[], repeats: number }} plan
 */
export async function runPythonBench(python, dir, plan, log) {
  const out = {};
  log(`python: sum of squares at ${plan.sizes.join(' and ')}…`);
  out.sumSquares = await script(
    python,
    dir,
    'sum_squares.py',
    [
      '--sizes',
      plan.sizes.join(','),
      '--pool-sizes',
      plan.poolSizes.join(','),
      '--repeats',
      String(plan.repeats),
    ],
    180_000,
  );
  log('python: process start per start method…');
  out.processStart = await script(python, dir, 'process_start.py', ['--count', '15'], 60_000);
  log('python: locked increments…');
  out.lockedIncrements = await script(python, dir, 'locked_increments.py', ['--count', '200000'], 60_000);
  log('python: queue messages…');
  out.queue = await script(python, dir, 'queue_throughput.py', ['--count', '200000'], 60_000);
  return out;
}
