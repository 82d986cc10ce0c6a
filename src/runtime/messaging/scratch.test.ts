import { it, expect } from 'vitest';
import { Queue } from './queue';
import { JoinableQueue } from './joinable-queue';

it('parent-only queue smoke', async () => {
  const q = new Queue<unknown>(3, { capacityBytes: 256 });
  q.put(1); q.put('two'); q.put({ three: [3] });
  expect(q.qsize()).toBe(3);
  expect(q.full()).toBe(true);
  expect(() => q.putNowait(4)).toThrow(/full/);
  expect(q.get(false)).toBe(1);
  expect(await q.getAsync()).toBe('two');
  expect(q.getNowait()).toEqual({ three: [3] });
  expect(() => q.getNowait()).toThrow(/empty/);
  await expect(q.getAsync(true, 20)).rejects.toThrow(/empty/);
  const pending = q.getAsync();
  setTimeout(() => q.put('late'), 5);
  expect(await pending).toBe('late');
  q.close();
  expect(() => q.put(1)).toThrow(/closed/);
  const j = new JoinableQueue();
  j.put(1); j.put(2);
  const joined = j.joinAsync();
  j.get(); j.taskDone(); j.get(); j.taskDone();
  await joined;
  expect(() => j.taskDone()).toThrow(/too many/);
  // big items
  const big = new Queue(0, { capacityBytes: 1024 });
  expect(() => big.put('x'.repeat(2000))).toThrow(/does not fit/);
  const r = Queue.rendezvous();
  await expect(r.putAsync(5, true, 20)).rejects.toThrow(/full/);
  expect(r.qsize()).toBe(0);
  const taker = new Promise((res) => setTimeout(() => res(r.getAsync()), 5));
  await r.putAsync(9);
  expect(await taker).toBe(9);
});
