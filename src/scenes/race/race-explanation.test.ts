import { describe, expect, it } from 'vitest';
import { explainRace, formatRate } from './race-explanation';
import type { RaceSettings } from './race-params';
import { makeRun, summarize } from './race-result';

const base: RaceSettings = { processes: 2, increments: 1_000_000, sync: 'none', batch: 1, repeats: 5 };
const text = (blocks: { heading: string; text: string }[]) =>
  blocks.map((b) => `${b.heading}: ${b.text}`).join('\n');

describe('the explanation follows the settings', () => {
  it('always says why += is three steps', () => {
    for (const sync of ['none', 'value-lock', 'lock', 'atomic'] as const) {
      expect(text(explainRace({ ...base, sync }, { cores: 2 }))).toContain('Why += is three steps');
    }
  });

  it('explains why Value(lock=True) does not help', () => {
    const t = text(explainRace({ ...base, sync: 'value-lock' }, { cores: 2 }));
    expect(t).toContain('Why Value(lock=True) does not help');
    expect(t).toContain('with counter.get_lock(): counter.value += 1');
  });

  it('talks about granularity when the lock covers a batch', () => {
    expect(text(explainRace({ ...base, sync: 'lock', batch: 1000 }, { cores: 2 }))).toContain(
      'held for 1,000 increments at a time',
    );
  });

  it('notes one process cannot race, and more processes than cores take turns', () => {
    expect(text(explainRace({ ...base, processes: 1 }, { cores: 2 }))).toContain('One process cannot race');
    expect(text(explainRace({ ...base, processes: 8 }, { cores: 2 }))).toContain('8 processes on 2 cores');
  });

  it('states the measured cost of the lock once both have run', () => {
    const t = text(
      explainRace({ ...base, sync: 'lock' }, { cores: 2, measured: { none: 40_000_000, lock: 10_000_000 } }),
    );
    expect(t).toContain('40.0 M/s without a lock');
    expect(t).toContain('costs 4.0× in throughput');
    expect(text(explainRace(base, { cores: 2, measured: { none: 40_000_000 } }))).toContain(
      'Run again with the lock on',
    );
  });

  it('reports what happened only for a result of the same experiment', () => {
    const runs = [
      makeRun(1, 2_000_000, 1_500_000, 100, [], []),
      makeRun(2, 2_000_000, 2_000_000, 100, [], []),
    ];
    const result = summarize(base, runs, { cores: 2, code: { python: '', go: '' }, startedAt: '' });
    expect(text(explainRace(base, { cores: 2, result }))).toContain('1 of 2 runs lost updates');
    expect(text(explainRace({ ...base, processes: 3 }, { cores: 2, result }))).not.toContain('What happened');
  });

  it('formats rates for people', () => {
    expect(formatRate(21_700_000)).toBe('21.7 M/s');
    expect(formatRate(250_000_000)).toBe('250 M/s');
    expect(formatRate(12_345)).toBe('12 k/s');
    expect(formatRate(42)).toBe('42/s');
  });
});
