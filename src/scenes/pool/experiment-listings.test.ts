import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../shared/params';
import { goExperiment, pythonExperiment } from './experiment-listings';
import { poolParams, WORKLOADS } from './pool-params';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the code beside the chart', () => {
  it('uses the current settings', () => {
    const code = pythonExperiment({
      ...defaults(poolParams),
      size: 5_000_000,
      poolSizes: [1, 2],
      chunksize: 4,
      warm: false,
    });
    expect(code).toContain('SIZE = 5_000_000');
    expect(code).toContain('for n in (1, 2):');
    expect(code).toContain('chunksize=4');
    expect(code).toContain('cold: start-up is inside the measurement');
    expect(goExperiment({ ...defaults(poolParams), poolSizes: [2] })).toContain('range []int{2}');
  });

  it.skipIf(!hasPython()).each(WORKLOADS)('is valid Python for %s', (workload) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pool-listing-'));
    const file = path.join(dir, 'experiment.py');
    writeFileSync(file, pythonExperiment({ ...defaults(poolParams), workload, poolSizes: [2], warm: true }));
    const env = { ...process.env, PYTHONPYCACHEPREFIX: dir };
    expect(() => execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe', env })).not.toThrow();
  });
});
