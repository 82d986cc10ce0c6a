import { afterEach, describe, expect, it } from 'vitest';
import { runTask, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { untilState } from '../process/test-support';
import { Event } from './event';

afterEach(() => terminateAll());

describe('Event', () => {
  it('wait returns false on timeout', async () => {
    const event = new Event();
    const p = await runTask('waitForEvent', [event, 30]);
    expect(p.exitCode, p.error?.message).toBe(0);
    expect(p.result).toBe(false);
    expect(await event.waitAsync(5)).toBe(false);
    expect(event.wait(0)).toBe(false); // a zero timeout never blocks, even on the main thread
  });

  it('set wakes every waiter, processes and the main thread, which return true', async () => {
    const event = new Event();
    const waiters = startAll('waitForEvent', [[event, 60_000], [event, 60_000]]);
    const mine = event.waitAsync(60_000);
    // Both processes really sleep in wait() before the flag is set.
    for (const w of waiters) await untilState(w, 'waiting-event');
    event.set();
    expect(await mine).toBe(true);
    await Promise.all(waiters.map((w) => w.join()));
    expect(waiters.map((w) => w.exitCode)).toEqual([0, 0]);
    expect(waiters.map((w) => w.result)).toEqual([true, true]);
    expect(await event.waitAsync(0)).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
  });

  it('setEventAfter sets it from a process', async () => {
    const event = new Event();
    const p = await runTask('setEventAfter', [event, 0]);
    expect(p.exitCode, p.error?.message).toBe(0);
    expect(event.isSet()).toBe(true);
  });
});
