/**
 * Keeps a main-thread loop from freezing the page.
 *
 *   const pace = timeSlicer();
 *   for (…) { await guard(queue.putAsync(item)); await pace(); }
 *
 * A loop of awaited calls that settle at once (queue puts while there is room, gets while
 * results are waiting) runs as one unbroken chain of microtasks: no frame is drawn and no click
 * is handled until it ends, so a Stop clicked meanwhile waits for the whole loop. `pace()`
 * resolves at once while the current slice is younger than `sliceMs`; after that it yields to
 * the event loop (input, rendering, timers run) and starts a new slice.
 *
 * Slices are short because the cores are busy with workers while these loops run: the OS gives
 * the page's thread a few milliseconds before a worker gets the core back, so a task of 8 ms was
 * often stretched past 50 ms on 2 cores, where tasks of 3-4 ms mostly were not. A yield costs
 * about 0.1 ms.
 */
export function timeSlicer(sliceMs = 4): () => Promise<void> {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return Promise.resolve();
    return yieldToEventLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * Resolves in a new task. A message to ourselves, not setTimeout(0): browsers clamp nested
 * timeouts to 4 ms, which would stretch an 8 ms slice by half.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
