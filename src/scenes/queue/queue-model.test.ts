import { describe, expect, it } from 'vitest';
import { defaults, ParamError, parseUrlParams, validateParams } from '../shared/params';
import { queueListings, goQueueProgram, pythonQueueProgram } from './queue-code';
import { MAX_TOKENS, nextScale } from './queue-flow';
import {
  checkQueueParams,
  describeWork,
  producerShare,
  queueParams,
  reconcileQueueParams,
  resolveQueueWork,
  sentinelsToSend,
  type QueueParams,
} from './queue-params';
import { countDeliveries, decimate, explainHang, messagesPerSecond, throughputFrom } from './queue-result';
import { ringBytesFor } from './run-queue';

const base: QueueParams = defaults(queueParams);

describe('queue parameters', () => {
  it('splits items evenly, the first producers taking the remainder, with no gap or overlap', () => {
    const shares = [0, 1, 2].map((i) => producerShare(10, 3, i));
    expect(shares).toEqual([
      { firstId: 0, count: 4 },
      { firstId: 4, count: 3 },
      { firstId: 7, count: 3 },
    ]);
    expect(producerShare(2, 4, 3)).toEqual({ firstId: 2, count: 0 });
  });

  it('sends one sentinel per consumer, one fewer when asked to forget, none when polling', () => {
    expect(sentinelsToSend({ consumers: 4, pattern: 'sentinel', forgetSentinel: false })).toBe(4);
    expect(sentinelsToSend({ consumers: 4, pattern: 'joinable', forgetSentinel: true })).toBe(3);
    expect(sentinelsToSend({ consumers: 4, pattern: 'empty-poll', forgetSentinel: false })).toBe(0);
  });

  it('rejects a rendezvous JoinableQueue and a forgotten sentinel without sentinels, naming the parameter', () => {
    expect(() => checkQueueParams({ ...base, rendezvous: true, pattern: 'joinable' })).toThrow(ParamError);
    try {
      checkQueueParams({ ...base, forgetSentinel: true, pattern: 'empty-poll' });
    } catch (error) {
      expect((error as ParamError).param).toBe('forgetSentinel');
    }
    expect(reconcileQueueParams({ ...base, rendezvous: true, pattern: 'joinable' }).params.rendezvous).toBe(
      false,
    );
    expect(reconcileQueueParams(base).message).toBeNull();
  });

  it('validates programmatic parameters strictly, with the range in the message', () => {
    expect(() => validateParams(queueParams, { maxsize: -1 })).toThrow(
      /maxsize must be an integer from 0 to 100000/,
    );
    expect(() => validateParams(queueParams, { producers: 17 })).toThrow(
      /producers must be an integer from 1 to 16/,
    );
    expect(
      validateParams(queueParams, { producers: 4, consumers: 4, items: 1_000_000, maxsize: 0 }),
    ).toMatchObject({ producers: 4, items: 1_000_000 });
  });

  it('takes "auto" or a number for the work per item, from a program and from a link', () => {
    expect(validateParams(queueParams, {})).toMatchObject({ produceUs: 'auto', consumeUs: 'auto' });
    expect(validateParams(queueParams, { produceUs: 0, consumeUs: 'auto' })).toMatchObject({
      produceUs: 0,
      consumeUs: 'auto',
    });
    expect(() => validateParams(queueParams, { produceUs: 'fast' })).toThrow(
      'produceUs must be "auto" or an integer from 0 to 100000 (got "fast")',
    );
    expect(() => validateParams(queueParams, { consumeUs: -1 })).toThrow(
      'consumeUs must be "auto" or an integer from 0 to 100000 (got -1)',
    );
    const { values, messages } = parseUrlParams(
      queueParams,
      new URLSearchParams('produceUs=auto&consumeUs=x'),
    );
    expect(values).toMatchObject({ produceUs: 'auto', consumeUs: 'auto' });
    expect(messages).toEqual([
      'consumeUs="x" is not valid: consumeUs must be "auto" or an integer from 0 to 100000; using "auto".',
    ]);
  });

  it('sizes the ring for the items it must hold', () => {
    expect(ringBytesFor({ items: 10, maxsize: 0, rendezvous: false, payloadBytes: 0 })).toBe(1 << 20);
    expect(ringBytesFor({ items: 2_000_000, maxsize: 0, rendezvous: false, payloadBytes: 0 })).toBe(1 << 26);
    expect(
      ringBytesFor({ items: 10, maxsize: 100, rendezvous: false, payloadBytes: 65_536 }),
    ).toBeGreaterThanOrEqual(100 * 65_536);
  });
});

describe('work per item: "auto"', () => {
  const work = (patch: Partial<QueueParams>) => resolveQueueWork({ ...base, ...patch });

  it('is the watchable 1,000 / 2,500 µs for the default run', () => {
    expect(work({})).toEqual({
      produceUs: 1_000,
      consumeUs: 2_500,
      auto: { produceUs: true, consumeUs: true },
      watchBusyMs: { producers: 300, consumers: 750 },
    });
  });

  it('is 0 (raw throughput) when a process would be busy for more than 10 s', () => {
    // 1,000,000 items over 4 consumers at 2.5 ms: 625 s each. Raw instead.
    expect(work({ producers: 4, consumers: 4, items: 1_000_000, maxsize: 0 })).toMatchObject({
      produceUs: 0,
      consumeUs: 0,
      auto: { produceUs: true, consumeUs: true },
      watchBusyMs: { producers: 250_000, consumers: 625_000 },
    });
  });

  it('draws the line at 10 s of busy time for one process, on either side', () => {
    // One consumer: 4,000 items × 2.5 ms = 10 s (watchable); one more item tips it over.
    expect(work({ producers: 1, consumers: 1, items: 4_000 }).consumeUs).toBe(2_500);
    expect(work({ producers: 1, consumers: 1, items: 4_001 })).toMatchObject({ produceUs: 0, consumeUs: 0 });
    // Uneven shares count the biggest: 16,001 items over 4 consumers is 4,001 for one of them.
    expect(work({ producers: 4, consumers: 4, items: 16_000 }).consumeUs).toBe(2_500);
    expect(work({ producers: 4, consumers: 4, items: 16_001 }).consumeUs).toBe(0);
    // Ten producers at 1 ms would fit; the consumers decide.
    expect(work({ producers: 10, consumers: 1, items: 5_000 })).toMatchObject({ produceUs: 0, consumeUs: 0 });
  });

  it('never overrides a number the user gave, and weighs it in the decision', () => {
    expect(work({ produceUs: 50 })).toMatchObject({
      produceUs: 50,
      consumeUs: 2_500,
      auto: { produceUs: false, consumeUs: true },
    });
    expect(work({ items: 1_000_000, consumeUs: 50 })).toMatchObject({
      produceUs: 0,
      consumeUs: 50,
      auto: { produceUs: true, consumeUs: false },
    });
    expect(work({ produceUs: 0, consumeUs: 0 }).auto).toEqual({ produceUs: false, consumeUs: false });
    // 300 items per producer at 100 ms is 30 s: not a run to watch, so the auto side runs raw.
    expect(work({ produceUs: 100_000 })).toMatchObject({ produceUs: 100_000, consumeUs: 0 });
  });

  it('says in words what was used', () => {
    expect(describeWork(1_000, true)).toBe('1,000 µs (auto)');
    expect(describeWork(0, true)).toBe('0 µs (auto: raw throughput)');
    expect(describeWork(50, false)).toBe('50 µs');
  });
});

describe('queue results', () => {
  it('counts lost (never taken) and duplicated (taken twice) items', () => {
    expect(countDeliveries(Int32Array.from([1, 1, 1]))).toEqual({ consumed: 3, lost: 0, duplicated: 0 });
    expect(countDeliveries(Int32Array.from([1, 0, 2, 1]))).toEqual({ consumed: 4, lost: 1, duplicated: 1 });
  });

  it('turns cumulative samples into rates per window', () => {
    const samples: [number, number][] = [
      [0, 0],
      [50, 5],
      [100, 10],
      [150, 30],
      [200, 50],
    ];
    expect(throughputFrom(samples, 100)).toEqual([
      [100, 100],
      [200, 400],
    ]);
    expect(messagesPerSecond(500, 250)).toBe(2_000);
    expect(messagesPerSecond(500, 0)).toBe(0);
  });

  it('decimates long series but keeps the last point', () => {
    const series = Array.from({ length: 1_000 }, (_, i) => i);
    const thin = decimate(series, 10);
    expect(thin).toHaveLength(10);
    expect(thin.at(-1)).toBe(999);
    expect(decimate([1, 2], 10)).toEqual([1, 2]);
  });

  it('explains a hang naming the consumer, the sentinels and the fix', () => {
    const text = explainHang({
      consumer: 'Consumer-3',
      pid: 9,
      consumers: 3,
      producers: 2,
      sentinelsSent: 2,
      finished: ['Consumer-1', 'Consumer-2'],
      pattern: 'sentinel',
    });
    expect(text).toContain('Consumer-3 (pid 9) is blocked in q.get()');
    expect(text).toContain('All 2 producers have exited and main put 2 sentinels (None) for 3 consumers');
    expect(text).toContain('Consumer-1 and Consumer-2 each took one and exited');
    expect(text).toContain('put one None per consumer');
  });
});

describe('the token picture', () => {
  it('doubles the items per token under heavy traffic and halves it when traffic calms', () => {
    expect(nextScale(1, 10, 5)).toBe(1);
    expect(nextScale(1, MAX_TOKENS - 30, 200)).toBe(2);
    expect(nextScale(8, 20, 8)).toBe(1);
  });

  it('comes down at once after a burst, to the smallest scale the flow still fits, at most once per flight', () => {
    // 100 tokens of 64 items in flight and 64 items this frame: 6,464 items fit 60% of the cap at 16.
    const items = 100 * 64 + 64;
    const down = nextScale(64, 100, 64);
    expect(items / down).toBeLessThanOrEqual(MAX_TOKENS * 0.6);
    expect(items / (down / 2)).toBeGreaterThan(MAX_TOKENS * 0.6);
    expect(nextScale(64, 100, 64, false)).toBe(64);
    // A flow that fills more than 60% stays where it is.
    expect(nextScale(8, Math.ceil(MAX_TOKENS * 0.5), 16)).toBe(8);
  });

  it('never runs away when the picture is already full', () => {
    const scale = nextScale(4, MAX_TOKENS + 300, 400);
    expect(scale).toBeLessThanOrEqual(64);
    expect(400 / scale).toBeLessThanOrEqual(MAX_TOKENS * 0.1);
  });

  it('after a long frame, doubles as often as it takes to keep the tokens in flight under the cap', () => {
    // 100,000 items in one frame (the main thread was starved for a while).
    const scale = nextScale(1, 300, 100_000);
    expect(300 + 100_000 / scale).toBeLessThanOrEqual(MAX_TOKENS);
    expect(300 + 100_000 / (scale / 2)).toBeGreaterThan(MAX_TOKENS);
  });
});

describe('the programs', () => {
  it('the Python program forgets exactly one sentinel when asked, and joins with a timeout', () => {
    const ok = pythonQueueProgram(base);
    expect(ok).toContain('for _ in range(CONSUMERS):  # one sentinel per consumer');
    const bug = pythonQueueProgram({ ...base, forgetSentinel: true });
    expect(bug).toContain('for _ in range(CONSUMERS - 1):  # BUG: one sentinel forgotten');
    expect(bug).toContain('p.join(timeout=2)');
  });

  it('JoinableQueue maps to a WaitGroup in Go, a rendezvous to an unbuffered channel', () => {
    expect(pythonQueueProgram({ ...base, pattern: 'joinable' })).toContain('q.task_done()');
    expect(goQueueProgram({ ...base, pattern: 'joinable' })).toContain('tasks.Wait() // q.join()');
    expect(goQueueProgram({ ...base, rendezvous: true })).toContain('q := make(chan int, 0)');
    expect(goQueueProgram(base)).toContain('close(q)');
    expect(goQueueProgram(base)).toContain('case <-time.After(2 * time.Second):');
  });

  it('the programs carry the work the run uses, and say when auto chose it', () => {
    const watched = queueListings(base).map((l) => l.code);
    expect(watched[0]).toContain(
      'PRODUCE_S, CONSUME_S = 0.001, 0.0025  # CPU work per item; produce and consume on auto: a run small enough to watch',
    );
    expect(watched[1]).toContain(
      'var produceWork, consumeWork = 1000 * time.Microsecond, 2500 * time.Microsecond',
    );
    expect(watched[2]).toContain('busy(ctx, 2500);');
    const raw = queueListings({ ...base, producers: 4, consumers: 4, items: 1_000_000, maxsize: 0 }).map(
      (l) => l.code,
    );
    expect(raw[0]).toContain(
      'PRODUCE_S, CONSUME_S = 0, 0  # CPU work per item; produce and consume on auto: too many',
    );
    expect(raw[1]).toContain('var produceWork, consumeWork = 0 * time.Microsecond, 0 * time.Microsecond');
    expect(raw[2]).toContain('busy(ctx, 0); // µs of work; produce and consume on auto');
    const given = pythonQueueProgram({ ...base, produceUs: 200, consumeUs: 300 });
    expect(given).toContain('PRODUCE_S, CONSUME_S = 0.0002, 0.0003  # CPU work per item\n');
  });

  it('offers Python, Go and JavaScript', () => {
    expect(queueListings(base).map((l) => l.label)).toEqual(['Python', 'Go', 'JavaScript']);
  });
});
