/**
 * What speedup two plain workers get on this machine right now, with no runtime in the way.
 * If another program is using a core, this says so, and the pool's figures must be read with it.
 */
import { median } from '../../charts/speedup-math';

function startWorker(): Worker {
  return new Worker(new URL('./plain-kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: 'plain kernel',
  });
}

function sumSquares(worker: Worker, start: number, end: number): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage([start, end]);
  });
}

export async function plainTwoWorkerSpeedup({ size = 200_000_000, repeats = 5 } = {}) {
  const workers = [startWorker(), startWorker()] as const;
  try {
    for (const w of workers) for (let i = 0; i < 3; i++) await sumSquares(w, 0, 2_000_000);
    const one: number[] = [];
    const two: number[] = [];
    const half = size / 2;
    for (let r = 0; r < repeats; r++) {
      let t0 = performance.now();
      await sumSquares(workers[0], 0, size);
      one.push(performance.now() - t0);
      t0 = performance.now();
      await Promise.all([sumSquares(workers[0], 0, half), sumSquares(workers[1], half, size)]);
      two.push(performance.now() - t0);
    }
    const oneMs = median(one);
    const twoMs = median(two);
    return { size, oneWorkerMs: oneMs, twoWorkersMs: twoMs, speedup: oneMs / twoMs };
  } finally {
    for (const w of workers) w.terminate();
  }
}
