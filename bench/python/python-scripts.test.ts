import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(new URL(import.meta.url).pathname);
const scripts = readdirSync(dir).filter((f) => f.endsWith('.py'));

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasPython())('bench/python scripts', () => {
  it('are all there', () => {
    expect(scripts.sort()).toEqual([
      'locked_increments.py',
      'process_start.py',
      'queue_throughput.py',
      'sum_squares.py',
    ]);
  });

  it.each(scripts)('%s compiles with python3 -m py_compile', (script) => {
    // The byte code goes to a temporary cache, so the tree stays clean.
    const env = { ...process.env, PYTHONPYCACHEPREFIX: mkdtempSync(path.join(tmpdir(), 'pycache-')) };
    expect(() =>
      execFileSync('python3', ['-m', 'py_compile', path.join(dir, script)], { stdio: 'pipe', env }),
    ).not.toThrow();
  });
});
