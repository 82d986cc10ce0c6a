import { afterEach, describe, expect, it } from 'vitest';
import { runTask, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { Event } from './event';

afterEach(() => terminateAll());

describe('Event', () => {
  it('wait returns false on timeout', async () => {
    const event = new Event();
    const p = await runTask('waitForEvent', [event, 30]);
    expect(p.result).toBe(false);
    expect(await event.waitAsync(5)).toBe(false);
  });

  it('set wakes every waiter, which return true', async () => {
    const event = new Event();
    const waiters = startAll('waitForEvent', [[event, 20_000], [event, 20_000]]);
    startAll('setEventAfter', [[event, 50]]);
    expect(await event.waitAsync(20_000)).toBe(true);
    await Promise.all(waiters.map((w) => w.join()));
    expect(waiters.map((w) => w.result)).toEqual([true, true]);
    event.clear();
    expect(event.isSet()).toBe(false);
  });
});
