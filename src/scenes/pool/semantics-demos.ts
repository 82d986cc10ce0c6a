/**
 * The Pool-semantics demos: each starts its own pool under a RunScope (Stop or leaving the
 * scene terminates it), does what its Python listing does, and reports what happened line by
 * line. Nothing is scripted: the orders, timings and errors are what the runtime produced.
 */
import { Lock, Pool, RawValue, RunScope, type PoolOptions } from '../../runtime';
import { abortable } from '../shared/run-controller';
import type { DemoId } from './demo-listings';

export interface DemoLine {
  text: string;
  /** info: what happened; ok: a value came back; raised: an exception reached the caller. */
  tone: 'info' | 'ok' | 'raised';
}

export interface DemoDefinition {
  id: DemoId;
  title: string;
  explanation: string;
  run: (signal: AbortSignal, log: (line: DemoLine) => void) => Promise<void>;
}

type Log = (line: DemoLine) => void;

async function withPool(
  signal: AbortSignal,
  processes: number,
  options: PoolOptions,
  body: (pool: Pool) => Promise<void>,
) {
  const scope = new RunScope(signal);
  try {
    const pool = scope.track(new Pool(processes, options));
    // A pool terminated while starting may never settle `ready`: wait for the stop as well.
    await abortable(signal)(pool.ready);
    await body(pool);
  } finally {
    await scope.close();
  }
}

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

async function ordering(signal: AbortSignal, log: Log) {
  // Far apart, so a busy machine oversleeping by a few tens of ms cannot reorder them.
  const waits = [900, 300, 600];
  await withPool(signal, 3, { name: 'ordering-demo' }, async (pool) => {
    let t0 = performance.now();
    const mapped = await pool.map<number>('sleepMs', waits);
    log({
      tone: 'ok',
      text: `map(sleep_ms, [900, 300, 600]) → [${mapped.map(Math.round).join(', ')}] (ms each really slept), after ${ms(t0)}: input order`,
    });

    const starred = await pool.starmap<string>('sleepThenReturn', [
      [900, 'a'],
      [300, 'b'],
      [600, 'c'],
    ]);
    log({
      tone: 'ok',
      text: `starmap(sleep_then_return, [(900, 'a'), (300, 'b'), (600, 'c')]) → [${starred.map((s) => `'${s}'`).join(', ')}]: tuples unpacked`,
    });

    for (const [label, iterator] of [
      ['imap', () => pool.imap<number>('sleepMs', waits)],
      ['imap_unordered', () => pool.imapUnordered<number>('sleepMs', waits)],
    ] as const) {
      t0 = performance.now();
      const arrivals: string[] = [];
      for await (const slept of iterator()) arrivals.push(`${Math.round(slept)} at ${ms(t0)}`);
      log({
        tone: 'ok',
        text: `${label} yielded ${arrivals.join(', ')}${label === 'imap' ? ': input order, so 300 waited for 900' : ': finish order'}`,
      });
    }
  });
}

async function timeout(signal: AbortSignal, log: Log) {
  await withPool(signal, 1, { name: 'timeout-demo' }, async (pool) => {
    const t0 = performance.now();
    const result = pool.applyAsync<number>('sleepThenReturn', [500, 42]);
    try {
      await result.get(100);
      log({ tone: 'ok', text: 'get(timeout=100 ms) returned: the machine was faster than expected' });
    } catch (error) {
      log({
        tone: 'raised',
        text: `get(timeout=100 ms) raised ${describeError(error)} after ${ms(t0)}; ready() = ${result.ready()}`,
      });
    }
    const value = await result.get();
    log({
      tone: 'ok',
      text: `get() → ${value} after ${ms(t0)}: the task kept running; the timeout only stopped the waiting`,
    });
  });
}

async function exceptions(signal: AbortSignal, log: Log) {
  await withPool(signal, 2, { name: 'exceptions-demo' }, async (pool) => {
    try {
      await pool.starmap('sumSquares', [
        [0, 10],
        [10, 5],
        [20, 30],
      ]);
      log({ tone: 'ok', text: 'starmap returned: no worker raised' });
    } catch (error) {
      log({
        tone: 'raised',
        text: `starmap(check_range, [(0, 10), (10, 5), (20, 30)]) re-raised ${describeError(error)}`,
      });
    }
    const result = pool.applyAsync('sumSquares', [10, 5]);
    await result.wait();
    log({
      tone: 'info',
      text: `apply_async(check_range, (10, 5)): ready() = ${result.ready()}, successful() = ${result.successful()}: nothing raised yet`,
    });
    try {
      await result.get();
    } catch (error) {
      log({ tone: 'raised', text: `get() raised it now: ${describeError(error)}` });
    }
  });
}

async function initializer(signal: AbortSignal, log: Log) {
  const lock = new Lock({ name: 'shared lock' });
  const counter = new RawValue('i', 0, { name: 'shared counter' });
  const tasks = [10_000, 10_000, 10_000, 10_000];
  await withPool(
    signal,
    2,
    { name: 'initializer-demo', initializer: 'initSharedCounter', initArgs: [lock, counter] },
    async (pool) => {
      const done = await pool.map<number>('incrementSharedCounter', tasks);
      const expected = tasks.reduce((a, b) => a + b, 0);
      log({
        tone: counter.value === expected ? 'ok' : 'raised',
        text: `initializer=init, initargs=(lock, counter); map(add, [10000] × 4) → counter.value = ${counter.value.toLocaleString('en-US')} (${done.length} tasks; ${counter.value === expected ? 'exact' : `expected ${expected}`})`,
      });
      try {
        await pool.apply('identity', [lock]);
        log({
          tone: 'ok',
          text: 'apply(task, (lock,)) was accepted: a Lock should not cross as a task argument',
        });
      } catch (error) {
        log({ tone: 'raised', text: `apply(task, (lock,)) refused: ${describeError(error)}` });
      }
    },
  );
}

export const DEMOS: DemoDefinition[] = [
  {
    id: 'ordering',
    title: 'map, starmap, imap, imap_unordered',
    explanation:
      'Three tasks sleeping 900, 300 and 600 ms on three workers. map and imap give results in input order; imap_unordered in the order they finish.',
    run: ordering,
  },
  {
    id: 'timeout',
    title: 'apply_async and get(timeout)',
    explanation:
      'A 500 ms task, asked for its result after 100 ms: TimeoutError. The task is not cancelled; a later get() returns its value.',
    run: timeout,
  },
  {
    id: 'exceptions',
    title: 'Where a worker exception surfaces',
    explanation:
      'map re-raises the first exception a worker raised, in the parent. apply_async holds it: the result is ready but unsuccessful, and get() raises it.',
    run: exceptions,
  },
  {
    id: 'initializer',
    title: 'An initializer hands out a lock and a counter',
    explanation:
      'Locks and shared values reach pool workers through initializer/initargs (inherited at start). As a task argument, a Lock is refused, as CPython refuses to pickle it.',
    run: initializer,
  },
];
