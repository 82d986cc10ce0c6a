import { afterEach, describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { joinAllOf, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { RawArray } from '../shared/shared-array';
import { BoundedSemaphore, Semaphore } from './semaphore';

afterEach(() => terminateAll());

describe('Semaphore', () => {
  it('never lets more than k processes inside', async () => {
    const sem = new Semaphore(2);
    const occupancy = new RawArray('i', 2);
    const ps = startAll('semaphoreSection', [0, 1, 2, 3].map(() => [sem, occupancy, 300]));
    await joinAllOf(ps);
    for (const p of ps) expect(p.exitCode, p.error?.message).toBe(0);
    expect(occupancy.get(1)).toBeLessThanOrEqual(2);
    expect(occupancy.get(1)).toBeGreaterThanOrEqual(1);
    expect(occupancy.get(0)).toBe(0);
    expect(sem.getValue()).toBe(2);
  });

  it('acquire(false) and timeouts return false at zero', async () => {
    const sem = new Semaphore(1);
    expect(sem.acquire(false)).toBe(true);
    expect(sem.acquire(false)).toBe(false);
    expect(await sem.acquireAsync(10)).toBe(false);
    sem.release();
    expect(await sem.acquireAsync(10)).toBe(true);
  });

  it('rejects a negative initial value naming it', () => {
    expect(() => new Semaphore(-1)).toThrow(/value must be an integer from 0/);
  });
});

describe('BoundedSemaphore', () => {
  it('refuses to be released above its initial value', () => {
    const sem = new BoundedSemaphore(2);
    sem.acquire();
    sem.release();
    expect(() => sem.release()).toThrow(ValueError);
    expect(sem.getValue()).toBe(2);
  });

  it('is rebuilt as bounded in a worker', () => {
    const sem = new BoundedSemaphore(1);
    expect(BoundedSemaphore.fromHandle(sem.toHandle())).toBeInstanceOf(BoundedSemaphore);
    expect(Semaphore.fromHandle(new Semaphore(1).toHandle())).not.toBeInstanceOf(BoundedSemaphore);
  });
});
