import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../shared/params';
import { deadlockParams, LOCK_FIXES, SCENARIOS, type DeadlockParams } from './deadlock-params';
import { deadlockListings } from './deadlock-listings';

const base = defaults(deadlockParams);
const hasPython = spawnSync('python3', ['--version']).status === 0;

function variants(): DeadlockParams[] {
  const out: DeadlockParams[] = [];
  for (const scenario of SCENARIOS) for (const fix of [false, true]) for (const lockFix of LOCK_FIXES) out.push({ ...base, scenario, fix, lockFix });
  return out;
}

function python(p: DeadlockParams): string {
  return deadlockListings(p).find((l) => l.label === 'Python')!.code;
}

describe('deadlock listings', () => {
  it('every variant has Python, Go and JavaScript, and the fix changes the code', () => {
    for (const p of variants()) {
      const listings = deadlockListings(p);
      expect(listings.map((l) => l.label)).toEqual(['Python', 'Go', 'JavaScript']);
      const fixed = deadlockListings({ ...p, fix: !p.fix });
      expect(fixed[0]!.code).not.toBe(listings[0]!.code);
      expect(fixed[1]!.code).not.toBe(listings[1]!.code);
    }
  });

  it('the Go listings import only what they use', () => {
    for (const p of variants()) {
      const go = deadlockListings(p)[1]!.code;
      for (const pkg of ['fmt', 'math/rand', 'sync', 'time']) {
        const imported = go.includes(`"${pkg}"`);
        const name = pkg.split('/').pop()!;
        expect(imported, `${p.scenario} fix=${p.fix} ${p.lockFix}: ${pkg}`).toBe(go.includes(`${name}.`));
      }
    }
  });

  it.runIf(hasPython)('every Python listing parses with CPython', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadlock-listings-'));
    const files = variants().map((p, i) => {
      const file = join(dir, `v${i}.py`);
      writeFileSync(file, python(p));
      return file;
    });
    const check = spawnSync('python3', ['-c', 'import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)', ...files], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.runIf(hasPython)('CPython: the lock-order program hangs, its fixed version completes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadlock-run-'));
    const small = { ...base, scenario: 'lock-order' as const, rounds: 2, holdMs: 100 };
    // Runs a listing's __main__ in a thread for at most 4 s, then kills whatever children are
    // left (by their pids, through multiprocessing) so a hung program leaves nothing behind.
    const driver = join(dir, 'driver.py');
    writeFileSync(
      driver,
      [
        'import multiprocessing, os, runpy, sys, threading',
        "t = threading.Thread(target=runpy.run_path, args=(sys.argv[1],), kwargs={'run_name': '__main__'}, daemon=True)",
        't.start()',
        't.join(4)',
        'hung = t.is_alive()',
        'for c in multiprocessing.active_children():',
        '    c.kill()',
        "print('HUNG' if hung else 'DONE', flush=True)",
        'os._exit(0)',
      ].join('\n'),
    );
    const hanging = join(dir, 'hang.py');
    const fixed = join(dir, 'fixed.py');
    writeFileSync(hanging, python(small));
    writeFileSync(fixed, python({ ...small, fix: true }));
    const ok = spawnSync('python3', [driver, fixed], { encoding: 'utf8', timeout: 20_000 });
    expect(ok.stdout).toContain("{'worker-1': 0, 'worker-2': 0}");
    expect(ok.stdout).toContain('DONE');
    const stuck = spawnSync('python3', [driver, hanging], { encoding: 'utf8', timeout: 20_000 });
    expect(stuck.stdout).toMatch(/^HUNG/);
  });
});
