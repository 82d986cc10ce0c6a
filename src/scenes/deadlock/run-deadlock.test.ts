import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { defaults } from '../shared/params';
import { deadlockParams, type DeadlockParams } from './deadlock-params';
import { runDeadlock } from './run-deadlock';

afterEach(() => terminateAll());

const base = defaults(deadlockParams);
const run = (p: Partial<DeadlockParams>) => runDeadlock({ ...base, ...p }, { signal: new AbortController().signal });

describe('deadlock scenarios on real workers', () => {
  it('lock-order deadlocks, names the two workers and two locks, and terminates them', async () => {
    const r = await run({ scenario: 'lock-order', rounds: 2 });
    expect(r.deadlocked).toBe(true);
    expect(r.kind).toBe('cycle');
    expect([...r.cycle].sort()).toEqual(['lock_a', 'lock_b', 'worker-1', 'worker-2']);
    expect(r.cycleText).toBe('worker-1 → lock_b → worker-2 → lock_a → worker-1');
    expect(r.detectedAfterMs).toBeLessThanOrEqual(1500);
    expect(r.completed).toBe(false);
    expect(r.processes.map((p) => p.exitCode)).toEqual([-15, -15]);
    expect(liveWorkerCount()).toBe(0);
  });

  it('lock-order with a consistent order completes', async () => {
    const r = await run({ scenario: 'lock-order', fix: true, lockFix: 'order', rounds: 3, holdMs: 20 });
    expect(r).toMatchObject({ deadlocked: false, completed: true, cycle: [], fixName: 'consistent lock order' });
    expect(r.processes.map((p) => p.exitCode)).toEqual([0, 0]);
  });

  it('lock-order with acquire(timeout) and back-off completes, retrying', async () => {
    const r = await run({ scenario: 'lock-order', fix: true, lockFix: 'timeout', rounds: 3, holdMs: 150 });
    expect(r.deadlocked).toBe(false);
    expect(r.completed).toBe(true);
    expect(r.retries).toBeGreaterThan(0);
    expect(r.processes.map((p) => p.exitCode)).toEqual([0, 0]);
  });

  it('three philosophers close a ring of six nodes; the order fix completes', async () => {
    const stuck = await run({ scenario: 'philosophers', rounds: 2 });
    expect(stuck.deadlocked).toBe(true);
    expect(stuck.cycle).toEqual(['philosopher-1', 'fork_2', 'philosopher-2', 'fork_3', 'philosopher-3', 'fork_1']);
    const fixed = await run({ scenario: 'philosophers', fix: true, rounds: 2, holdMs: 20 });
    expect(fixed).toMatchObject({ deadlocked: false, completed: true });
  });

  it('join before drain: MainProcess and the producer wait for each other; draining first completes', async () => {
    const stuck = await run({ scenario: 'join-before-drain', items: 10, queueSize: 3 });
    expect(stuck.deadlocked).toBe(true);
    expect(stuck.cycle).toEqual(['MainProcess', 'producer', 'results']);
    expect(stuck.detectedAfterMs).toBeLessThanOrEqual(1500);
    const fixed = await run({ scenario: 'join-before-drain', items: 10, queueSize: 3, fix: true });
    expect(fixed).toMatchObject({ deadlocked: false, completed: true, itemsMoved: 10 });
    const fits = await run({ scenario: 'join-before-drain', items: 3, queueSize: 3 });
    expect(fits).toMatchObject({ deadlocked: false, completed: true, itemsMoved: 3 });
  });

  it('a missing sentinel leaves one consumer waiting; one sentinel per consumer completes', async () => {
    const stuck = await run({ scenario: 'missing-sentinel', items: 6, consumers: 2 });
    expect(stuck.deadlocked).toBe(true);
    expect(stuck.cycle[0]).toBe('MainProcess');
    expect(stuck.cycle).toContain('tasks');
    expect(stuck.cycle.filter((n) => n.startsWith('consumer-'))).toHaveLength(1);
    expect(stuck.processes.map((p) => p.exitCode).sort()).toEqual([-15, 0]);
    expect(stuck.itemsMoved).toBe(6);
    const fixed = await run({ scenario: 'missing-sentinel', items: 6, consumers: 3, fix: true });
    expect(fixed).toMatchObject({ deadlocked: false, completed: true, itemsMoved: 6 });
    expect(fixed.processes.map((p) => p.exitCode)).toEqual([0, 0, 0]);
  });

  it('an aborted run rejects and leaves no worker behind', async () => {
    const controller = new AbortController();
    const pending = runDeadlock({ ...base, scenario: 'lock-order' }, { signal: controller.signal }, { holdOnDeadlock: true });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(liveWorkerCount()).toBe(0);
  });
});
