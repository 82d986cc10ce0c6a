import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goProgram, numberLiteral, pythonProgram } from './race-code';
import { SYNC_MODES } from './race-params';

const dir = mkdtempSync(join(tmpdir(), 'race-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parsePython(source: string): void {
  execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: source });
}

function runPython(source: string): string {
  const file = join(dir, `race-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  return execFileSync('python3', [file], { encoding: 'utf8', timeout: 30_000 });
}

describe('numberLiteral', () => {
  it('groups digits with underscores, legal in Python and Go', () => {
    expect(numberLiteral(1_000_000)).toBe('1_000_000');
    expect(numberLiteral(1000)).toBe('1_000');
    expect(numberLiteral(999)).toBe('999');
  });
});

describe('generated Python', () => {
  const variants = SYNC_MODES.flatMap((sync) =>
    [1, 100].map((batch) => ({ processes: 3, increments: 250_000, sync, batch })),
  );

  it.each(variants)('parses for sync=$sync batch=$batch', (settings) => {
    expect(() => parsePython(pythonProgram(settings))).not.toThrow();
  });

  it('writes the settings and the tutorial names into the program', () => {
    const code = pythonProgram({ processes: 4, increments: 2_000_000, sync: 'lock', batch: 1 });
    expect(code).toContain('from multiprocessing import Process, Value, Lock');
    expect(code).toContain('PROCESSES = 4');
    expect(code).toContain('INCREMENTS = 2_000_000');
    expect(code).toContain('with lock:');
    expect(pythonProgram({ processes: 2, increments: 1000, sync: 'none', batch: 1 })).toContain('lock=False');
    expect(pythonProgram({ processes: 2, increments: 1000, sync: 'value-lock', batch: 1 })).not.toContain(
      'Lock()',
    );
    expect(pythonProgram({ processes: 2, increments: 1000, sync: 'lock', batch: 50 })).toContain(
      'BATCH = 50',
    );
  });

  it('runs with CPython: 2 processes × 1000 with a lock prints final: 2000', () => {
    const out = runPython(pythonProgram({ processes: 2, increments: 1000, sync: 'lock', batch: 1 }));
    expect(out).toContain('final: 2000');
    expect(out).toContain('expected: 2000');
  });

  it('runs with CPython in every mode and batch, the exact modes exactly', () => {
    for (const sync of SYNC_MODES) {
      for (const batch of [1, 7]) {
        const out = runPython(pythonProgram({ processes: 2, increments: 1000, sync, batch }));
        const final = Number(/final: (\d+)/.exec(out)?.[1]);
        expect(out).toContain('expected: 2000');
        if (sync === 'lock' || sync === 'atomic') expect(final).toBe(2000);
        else expect(final).toBeLessThanOrEqual(2000);
      }
    }
  });
});

describe('generated Go', () => {
  it.each(SYNC_MODES)('uses the Go idiom for sync=%s', (sync) => {
    const code = goProgram({ processes: 2, increments: 1_000_000, sync, batch: 1 });
    expect(code).toMatch(/^(\/\/ .*\n)+package main\n/);
    expect(code).toContain('var wg sync.WaitGroup');
    expect(code).toContain('const workers = 2');
    expect(code).toContain('const increments = 1_000_000');
    const idiom = {
      none: 'counter++',
      'value-lock': 'counter.Set(counter.Get() + 1)',
      lock: 'mu.Lock()',
      atomic: 'atomic.AddInt64(&counter, 1)',
    }[sync];
    expect(code).toContain(idiom);
    // Balanced braces and parentheses: a cheap check that the template stayed well formed.
    expect(code.split('{').length).toBe(code.split('}').length);
    expect(code.split('(').length).toBe(code.split(')').length);
  });

  it('imports sync/atomic only when it uses it, and batches under one Lock', () => {
    expect(goProgram({ processes: 2, increments: 1000, sync: 'atomic', batch: 1 })).toContain(
      '"sync/atomic"',
    );
    expect(goProgram({ processes: 2, increments: 1000, sync: 'lock', batch: 1 })).not.toContain(
      '"sync/atomic"',
    );
    expect(goProgram({ processes: 2, increments: 1000, sync: 'lock', batch: 10 })).toContain(
      'k := min(batch, increments-done)',
    );
  });
});
