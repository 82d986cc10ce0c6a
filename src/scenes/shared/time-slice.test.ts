import { describe, expect, it } from 'vitest';
import { timeSlicer } from './time-slice';

describe('timeSlicer', () => {
  it('lets a timer run in the middle of a loop of promises that settle at once', async () => {
    const pace = timeSlicer(5);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const started = performance.now();
    let iterations = 0;
    // Without pace() this loop is one chain of microtasks and the timer waits for its end.
    while (!timerRan && performance.now() - started < 200) {
      await Promise.resolve(iterations++);
      await pace();
    }
    expect(timerRan).toBe(true);
  });

  it('does not yield while the slice is young', async () => {
    const pace = timeSlicer(1_000);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    for (let i = 0; i < 1_000; i++) await pace();
    expect(timerRan).toBe(false);
  });
});
