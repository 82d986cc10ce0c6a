import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../shared/params';
import { lifecycleParams, SINGLE_PARTS } from './lifecycle-params';
import { lifecycleListings } from './lifecycle-listings';

const base = { ...defaults(lifecycleParams), workMs: 120, joinTimeoutMs: 150, seed: 7 };
const hasPython = spawnSync('python3', ['--version']).status === 0;
const python = (part: (typeof SINGLE_PARTS)[number]) => lifecycleListings(part, base)[0]!.code;

function runPython(code: string): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-listing-'));
  const file = join(dir, 'main.py');
  writeFileSync(file, code);
  const r = spawnSync('python3', [file], { encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('lifecycle listings', () => {
  it('every lesson has Python, Go and JavaScript, following the parameters', () => {
    for (const part of SINGLE_PARTS) {
      const listings = lifecycleListings(part, base);
      expect(listings.map((l) => l.label)).toEqual(['Python', 'Go', 'JavaScript']);
    }
    expect(lifecycleListings('supervision', { ...base, workers: 9 })[0]!.code).toContain('range(9)');
    expect(lifecycleListings('go-context', { ...base, joinTimeoutMs: 250 })[0]!.code).toContain('join(timeout=0.25)');
  });

  it.runIf(hasPython)('CPython agrees on the exit codes: 0, 1, 3, -15, -9, with the traceback on stderr', () => {
    const r = runPython(python('exit-codes'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("{'returns': 0, 'raises': 1, 'sys-exit-3': 3, 'terminated': -15, 'killed': -9}");
    expect(r.stdout).toContain('after join(timeout): True None');
    expect(r.stderr).toContain("ValueError: invalid literal for int() with base 10: 'not-a-number'");
    expect(r.stderr).toContain('in parse_record');
  });

  it.runIf(hasPython)('CPython: the supervision pattern warns exactly when a worker failed', () => {
    const r = runPython(lifecycleListings('supervision', { ...base, failPercent: 100, workers: 3 })[0]!.code);
    expect(r.stdout).toContain('worker-1: exit code 1');
    expect(r.stdout).toContain('WARNING: 3 of 3 workers failed: worker-1, worker-2, worker-3');
    const ok = runPython(lifecycleListings('supervision', { ...base, failPercent: 0, workers: 2 })[0]!.code);
    expect(ok.stdout).toContain('all 2 workers succeeded');
  });

  it.runIf(hasPython)('CPython: the Go-style pool ends with two clean exits and one terminate()', () => {
    const r = runPython(python('go-context'));
    expect(r.stdout).toContain('results: [1, 4, 9, 16, 25, 36]');
    expect(r.stdout).toMatch(/'gopher-\d': -15/);
    expect((r.stdout.match(/'gopher-\d': 0/g) ?? []).length).toBe(2);
  });

  it.runIf(hasPython)('CPython: the daemon dies with the parent, the writer is waited for', () => {
    const r = runPython(python('daemon'));
    expect(r.status).toBe(0);
    expect(r.stdout.indexOf('main() returns')).toBeLessThan(r.stdout.indexOf('writer done'));
  });
});
