import { it, expect } from 'vitest';
import { Queue } from './queue';
import { Process } from '../process/process';
import { RawArray } from '../shared/shared-array';

it('1 producer 1 consumer across workers', async () => {
  const N = 1_000_000;
  const q = new Queue<number | null>(0, { capacityBytes: 1 << 16 });
  const consumed = new RawArray('i', N);
  const p = new Process({ target: 'producer', args: [q, 0, N, 0, 0, 1] });
  const c = new Process({ target: 'consumer', args: [q, consumed] });
  c.start();
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  p.start();
  await p.join(); await c.join();
  const ms = performance.now() - t0;
  console.log('p', p.result, 'c', c.result, c.error, p.error, 'wall', ms);
  const cells = consumed.typed as Int32Array;
  let lost = 0, dup = 0;
  for (let i = 0; i < N; i++) { if (cells[i] === 0) lost++; else if (cells[i] > 1) dup++; }
  expect([lost, dup]).toEqual([0, 0]);
});
