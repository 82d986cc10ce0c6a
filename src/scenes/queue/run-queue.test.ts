import { afterEach, describe, expect, it } from 'vitest';
import { liveWorkerCount, terminateAll } from '../../runtime';
import { defaults } from '../shared/params';
import { queueParams, type QueueParams } from './queue-params';
import { runQueue, type QueueNote } from './run-queue';

afterEach(() => terminateAll());

const base: QueueParams = { ...defaults(queueParams), produceUs: 0, consumeUs: 0 };

describe('runQueue on real workers', () => {
  it('4 producers × 4 consumers lose and duplicate nothing', async () => {
    const result = await runQueue(
      { ...base, producers: 4, consumers: 4, items: 100_000, maxsize: 64 },
      { signal: new AbortController().signal },
    );
    expect(result.produced).toBe(100_000);
    expect(result.consumed).toBe(100_000);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.hang).toBeNull();
    expect(result.sentinels).toEqual({ needed: 4, sent: 4 });
    expect(result.maxDepth).toBeLessThanOrEqual(64);
    expect(result.maxDepth).toBeGreaterThan(0);
    expect(result.msgsPerSec).toBeGreaterThan(0);
    expect(
      result.processes.filter((p) => p.role === 'consumer').every((p) => p.gotSentinel && p.exitCode === 0),
    ).toBe(true);
    expect(result.processes.reduce((s, p) => s + (p.role === 'consumer' ? p.items : 0), 0)).toBe(100_000);
    expect(liveWorkerCount()).toBe(0);
  });

  it('a forgotten sentinel is detected and the hung consumer is named', async () => {
    const notes: QueueNote[] = [];
    const result = await runQueue(
      { ...base, producers: 2, consumers: 3, items: 3_000, forgetSentinel: true },
      { signal: new AbortController().signal },
      { onNote: (n) => notes.push(n) },
    );
    expect(result.lost).toBe(0);
    expect(result.sentinels).toEqual({ needed: 3, sent: 2 });
    expect(result.hang).not.toBeNull();
    const hung = result.processes.find((p) => p.name === result.hang!.consumer)!;
    expect(hung.role).toBe('consumer');
    expect(hung.gotSentinel).toBe(false);
    expect(hung.exitCode).toBe(-15);
    expect(result.hang!.reason).toContain(`${hung.name} (pid ${hung.pid}) is blocked in q.get()`);
    expect(result.hang!.reason).toMatch(/2 sentinels \(None\) for 3 consumers/);
    expect(
      result.processes.filter((p) => p.role === 'consumer' && p !== hung).every((p) => p.exitCode === 0),
    ).toBe(true);
    expect(notes.some((n) => n.tone === 'error' && n.text.includes(hung.name))).toBe(true);
    expect(liveWorkerCount()).toBe(0);
  });

  it('JoinableQueue: join() returns once every item is done, then sentinels stop the consumers', async () => {
    const result = await runQueue(
      { ...base, producers: 2, consumers: 2, items: 2_000, pattern: 'joinable', consumeUs: 20 },
      { signal: new AbortController().signal },
    );
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.joinWaitMs).not.toBeNull();
    expect(result.hang).toBeNull();
  });

  it('a rendezvous queue never holds more than the item being handed over', async () => {
    const result = await runQueue(
      { ...base, producers: 2, consumers: 2, items: 2_000, rendezvous: true },
      { signal: new AbortController().signal },
    );
    expect(result.lost).toBe(0);
    expect(result.maxsize).toBeNull();
    expect(result.maxDepth).toBeLessThanOrEqual(1);
  });

  it('polling empty() accounts for every item: consumed or stranded, never duplicated', async () => {
    const result = await runQueue(
      { ...base, producers: 2, consumers: 3, items: 3_000, pattern: 'empty-poll', produceUs: 50 },
      { signal: new AbortController().signal },
    );
    expect(result.emptyPoll).not.toBeNull();
    expect(result.duplicated).toBe(0);
    expect(result.consumed + result.emptyPoll!.stranded).toBe(3_000);
    expect(result.lost).toBe(result.emptyPoll!.stranded);
    expect(liveWorkerCount()).toBe(0);
  });

  it('Stop terminates every worker', async () => {
    const controller = new AbortController();
    const pending = runQueue(
      { ...base, producers: 3, consumers: 3, items: 2_000_000, produceUs: 100 },
      { signal: controller.signal },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(liveWorkerCount()).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toThrow(/stopped/);
    expect(liveWorkerCount()).toBe(0);
  });

  it('a consumer that dies while producers wait on a full queue fails the run, naming it', async () => {
    const t0 = Date.now();
    const pending = runQueue(
      { ...base, producers: 2, consumers: 1, items: 1_000_000, maxsize: 8, consumeUs: 200 },
      { signal: new AbortController().signal },
      {
        // Killed from outside, as the OS would: not a process the scene ended itself.
        onStart: (view) => {
          const consumer = view.processes.find((p) => p.role === 'consumer')!;
          setTimeout(() => consumer.process.terminate(), 300);
        },
      },
    );
    await expect(pending).rejects.toThrow(/Consumer-1 \(pid \d+\) failed with exit code/);
    // Found by the consumer's exit, not by the producers finishing (they never would).
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(liveWorkerCount()).toBe(0);
  });

  it('a consumer that dies while main waits to put a sentinel into a full queue fails the run', async () => {
    const pending = runQueue(
      { ...base, producers: 1, consumers: 1, items: 6, maxsize: 1, consumeUs: 100_000 },
      { signal: new AbortController().signal },
      {
        // Killed from outside as soon as main starts on the sentinels: the queue is full then.
        onStart: (view) => {
          const consumer = view.processes.find((p) => p.role === 'consumer')!;
          const watch = setInterval(() => {
            if (view.main.phase !== 'sending-sentinels') return;
            clearInterval(watch);
            consumer.process.terminate();
          }, 2);
        },
      },
    );
    await expect(pending).rejects.toThrow(/Consumer-1 \(pid \d+\) failed with exit code/);
    expect(liveWorkerCount()).toBe(0);
  });

  it('runs with the work "auto" decided, and says which work it used', async () => {
    const watched = await runQueue(
      { ...defaults(queueParams), producers: 2, consumers: 2, items: 120 },
      { signal: new AbortController().signal },
    );
    expect(watched).toMatchObject({ produceUs: 1_000, consumeUs: 2_500, lost: 0, duplicated: 0 });
    expect(watched.workAuto).toEqual({ produceUs: true, consumeUs: true });
    // 120 items at 2.5 ms over 2 consumers: at least 150 ms of consuming.
    expect(watched.elapsedMs).toBeGreaterThanOrEqual(150);

    const raw = await runQueue(
      { ...defaults(queueParams), producers: 2, consumers: 2, items: 100_000, maxsize: 0, consumeUs: 0 },
      { signal: new AbortController().signal },
    );
    expect(raw).toMatchObject({ produceUs: 0, consumeUs: 0, consumed: 100_000, lost: 0, duplicated: 0 });
    expect(raw.workAuto).toEqual({ produceUs: true, consumeUs: false });
    expect(liveWorkerCount()).toBe(0);
  });

  it('rejects combinations that cannot run, naming the parameter', async () => {
    await expect(
      runQueue({ ...base, rendezvous: true, pattern: 'joinable' }, { signal: new AbortController().signal }),
    ).rejects.toThrow(/rendezvous must be false/);
  });
});
