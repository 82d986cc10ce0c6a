import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeError } from '../errors';
import { runTask } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { RLock } from './rlock';

afterEach(() => terminateAll());

describe('RLock', () => {
  it('re-enters in the owning process and frees after as many releases', async () => {
    const rlock = new RLock();
    const p = await runTask('rlockReenter', [rlock, 5]);
    expect(p.exitCode, p.error?.message).toBe(0);
    expect(p.result).toBe(5);
    expect(rlock.locked()).toBe(false);
  });

  it('counts depth on the parent too', () => {
    const rlock = new RLock();
    rlock.acquire();
    rlock.acquire();
    expect(rlock.count()).toBe(2);
    rlock.release();
    expect(rlock.locked()).toBe(true);
    rlock.release();
    expect(rlock.locked()).toBe(false);
    expect(() => rlock.release()).toThrow(RuntimeError);
  });

  it('release by a non-owner is a RuntimeError', async () => {
    const rlock = new RLock({ name: 'R' });
    rlock.acquire();
    const p = await runTask('releaseLock', [rlock]);
    expect(p.exitCode).toBe(1);
    expect(p.error?.name).toBe('RuntimeError');
    expect(p.error?.message).toMatch(/cannot release un-acquired lock/);
    expect(rlock.count()).toBe(1);
    rlock.release();
  });
});
