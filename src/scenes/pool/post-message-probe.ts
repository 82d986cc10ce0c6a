/** postMessage throughput from the page to one worker: the cost a shared-memory queue avoids. */
export async function postMessageThroughput(
  messages: number,
): Promise<{ messages: number; seconds: number; perSecond: number }> {
  const worker = new Worker(new URL('./post-message-probe.worker.ts', import.meta.url), {
    type: 'module',
    name: 'postMessage probe',
  });
  try {
    const reply = () =>
      new Promise<unknown>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
      });
    let next = reply();
    worker.postMessage({ expect: messages });
    await next;
    next = reply();
    const t0 = performance.now();
    for (let i = 0; i < messages; i++) worker.postMessage(i);
    await next;
    const seconds = (performance.now() - t0) / 1000;
    return { messages, seconds, perSecond: messages / seconds };
  } finally {
    worker.terminate();
  }
}
