import { afterEach, describe, expect, it } from 'vitest';
import { Process, terminateAll } from '../../runtime';
import { ProcessBook } from './process-book';

afterEach(() => terminateAll());

async function sampleUntil(book: ProcessBook, test: () => boolean, limitMs = 10_000) {
  const end = Date.now() + limitMs;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    book.sample();
    await new Promise((r) => setTimeout(r, 5));
  }
  book.sample();
}

describe('ProcessBook', () => {
  it('draws created → running → zombie → joined, and the table never reaps by looking', async () => {
    const book = new ProcessBook();
    const p = new Process({ target: 'lifecycleWork', args: [2, 30, 'return'], name: 'lane' });
    book.add(p, 'sandbox', 'yours', 'work(2, 0.03)');
    book.sample();
    expect(book.rows()[0]).toMatchObject({ name: 'lane', state: 'created', isAlive: false, exitCode: null });
    p.start();
    await sampleUntil(book, () => p.exitCode !== null);
    await new Promise((r) => setTimeout(r, 50));
    book.sample();
    const row = book.rows()[0]!;
    expect(row).toMatchObject({ state: 'zombie', zombie: true, isAlive: false, exitCode: 0 });
    expect(p.state).toBe('exited'); // rows() did not reap it
    await p.join();
    book.sample();
    const states = book.entries[0]!.segments.map((s) => s.state);
    expect(states[0]).toBe('created');
    expect(states.slice(-2)).toEqual(['zombie', 'joined']);
    expect(states.some((s) => s === 'sleeping' || s === 'running')).toBe(true);
    const zombie = book.entries[0]!.segments.find((s) => s.state === 'zombie')!;
    expect(zombie.to! - zombie.from).toBeGreaterThanOrEqual(40);
    const lane = book.lanes().lanes[0]!;
    expect(lane.exitCode).toBe(0);
    expect(lane.exitedAt).toBeCloseTo(zombie.from, 0);
  });

  it('a process reaped between two looks still shows the moment it ended', async () => {
    const book = new ProcessBook();
    const p = new Process({ target: 'lifecycleWork', args: [1, 10, 'raise'], name: 'fast' });
    book.add(p, 'guided', 'exit-codes', 'work(1, 0.01, "raise")');
    p.start();
    await p.join();
    book.sample();
    expect(book.entries[0]!.segments.map((s) => s.state)).toEqual(['created', 'running', 'zombie', 'joined']);
    expect(book.rows()[0]!.error).toMatchObject({ name: 'ValueError' });
  });
});
