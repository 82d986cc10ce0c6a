import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeError } from '../errors';
import { runTask, startAll } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { RawValue } from '../shared/value';
import { Condition } from './condition';
import { Lock } from './lock';

afterEach(() => terminateAll());

describe('Condition', () => {
  it('a consumer waits until a producer notifies', async () => {
    const cond = new Condition();
    const box = new RawValue('i', 0);
    const [consumer] = startAll('conditionConsumer', [[cond, box, 20_000]]);
    await new Promise((r) => setTimeout(r, 50));
    await runTask('conditionProducer', [cond, box, 7]);
    await consumer.join();
    expect(consumer.exitCode, consumer.error?.message).toBe(0);
    expect(consumer.result).toBe(7);
    expect(box.value).toBe(0);
  });

  it('the main thread waits with waitForAsync and times out with the predicate still false', async () => {
    const cond = new Condition(new Lock());
    const box = new RawValue('i', 0);
    await cond.acquireAsync();
    expect(await cond.waitForAsync(() => box.value > 0, 20)).toBe(false);
    startAll('conditionProducer', [[cond, box, 3]]);
    expect(await cond.waitForAsync(() => box.value > 0, 20_000)).toBe(true);
    cond.release();
  });

  it('wait and notify without holding the lock are RuntimeErrors', () => {
    const cond = new Condition();
    expect(() => cond.notify()).toThrow(RuntimeError);
    return expect(cond.waitAsync(1)).rejects.toThrow(RuntimeError);
  });
});
