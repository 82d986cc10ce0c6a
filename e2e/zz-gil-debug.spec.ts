import { test } from '@playwright/test';
import { openRoute, runScene } from './helpers';
test('debug', async ({ page }) => {
  await openRoute(page);
  for (const workers of [1, 2]) {
  const o = await runScene(page, 'gil', { workload: 'cpu-bound', workers, tasks: 20, cpuWork: 10, repeats: 3 });
  if (!o.ok) { console.log(o.message); return; }
  const r = o.result as any;
  const f = (a: number[]) => a.map((x) => Math.round(x)).join(',');
  console.log(workers, 'serial', f(r.measurements[0].serialSamplesMs), 'threads', f(r.threads.samplesMs), 'proc', f(r.processes.samplesMs));
  }
});
