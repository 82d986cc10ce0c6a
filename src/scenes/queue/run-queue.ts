/**
 * The queue experiment on real workers: producers put items on one Queue, consumers take them,
 * main shuts the consumers down (sentinels, JoinableQueue.join(), or not at all when they poll
 * empty()). Headless: `window.playground.run('queue', …)` calls this; the scene's UI passes an
 * observer to draw the live picture while it runs.
 *
 * Nothing is lost or duplicated silently: every consumer adds 1 to `seen[id]` for each item it
 * takes, so afterwards lost = ids at 0 and duplicated = ids above 1.
 *
 * A forgotten sentinel is detected, not waited out: once every producer has exited, main has
 * put all the sentinels it is going to, and the queue is empty, a consumer asleep in get() can
 * never be woken. Seen for HANG_CONFIRM_MS in a row (so a consumer just taking its sentinel is
 * not mistaken for one), it is named, explained, and terminated.
 */
import { Empty, Event, JoinableQueue, now, Queue, RawArray, RunScope, type Process } from '../../runtime';
import {
  Phase,
  S,
  STAT_WORDS,
  type ConsumerStats,
  type ProducerStats,
} from '../../runtime/tasks/message-scenes-tasks';
import { takeSnapshot, type ProcessSnapshot } from '../../telemetry';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { timeSlicer } from '../shared/time-slice';
import {
  checkQueueParams,
  describeWork,
  producerShare,
  resolveQueueWork,
  sentinelsToSend,
  type QueueParams,
} from './queue-params';
import {
  countDeliveries,
  decimate,
  explainHang,
  messagesPerSecond,
  throughputFrom,
  type QueueHang,
  type QueueProcessResult,
  type QueueResult,
  type QueueRole,
} from './queue-result';

/** How long a consumer must be seen hopelessly blocked before it is declared hung. */
export const HANG_CONFIRM_MS = 250;
// Each sample is a timer task on the main thread, which competes with the workers for a core.
const SAMPLE_MS = 25;
const MAX_SERIES_POINTS = 1_500;

export interface QueueLiveProcess {
  name: string;
  role: QueueRole;
  /** Index within its role (0-based): Producer-1 is producer 0. */
  index: number;
  /** Index of its line in the stats array, and its colour index. */
  line: number;
  process: Process;
}

/** What the UI samples every frame while the run goes on. */
export interface QueueLiveView {
  /** Epoch ms (runtime clock) when the processes were started. */
  startedAt: number;
  processes: readonly QueueLiveProcess[];
  stats: Int32Array;
  queue: Queue;
  /** Items the queue may hold: maxsize, 0 for a rendezvous, null for unbounded. */
  capacity: number | null;
  /** JoinableQueue: items put and not yet task_done()'d. */
  unfinished: (() => number) | null;
  /** Main's own progress, updated by the runner. */
  main: { sentinelsSent: number; sentinelsNeeded: number; phase: MainPhase; hung: string | null };
}

export type MainPhase =
  | 'starting'
  | 'waiting-producers'
  | 'joining-queue'
  | 'sending-sentinels'
  | 'waiting-consumers'
  | 'draining'
  | 'done';

export interface QueueNote {
  tMs: number;
  text: string;
  tone: 'info' | 'warn' | 'error';
}

export interface QueueObserver {
  onStart?(view: QueueLiveView): void;
  onNote?(note: QueueNote): void;
}

/** Ring bytes for the run: enough for maxsize items, or for every item when unbounded. */
export function ringBytesFor(
  params: Pick<QueueParams, 'items' | 'maxsize' | 'rendezvous' | 'payloadBytes'>,
): number {
  const perItem = params.payloadBytes + 64;
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  if (params.rendezvous) return clamp(4 * perItem, 64 * 1024, 1 << 22);
  if (params.maxsize > 0) return clamp(2 * params.maxsize * perItem, 64 * 1024, 1 << 26);
  return clamp(params.items * perItem, 1 << 20, 1 << 26);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runQueue(
  params: QueueParams,
  ctx: RunContext,
  observer: QueueObserver = {},
): Promise<QueueResult> {
  checkQueueParams(params);
  const { producers: P, consumers: C, items, pattern } = params;
  const work = resolveQueueWork(params);
  const scope = new RunScope(ctx.signal);
  // Waits that end with the stop; each listens only until it settles (main's drain loops can
  // await thousands of gets).
  const guard = abortable(scope.signal);
  // Gets that succeed at once chain without a break: yield to the page every few ms so it keeps
  // drawing and a Stop click is handled.
  const pace = timeSlicer();
  const checkStop = () => {
    if (ctx.signal.aborted || scope.closed) throw new RunAbortedError();
  };

  let sampler: ReturnType<typeof setInterval> | undefined;
  try {
    const ringBytes = ringBytesFor(params);
    const joinable = pattern === 'joinable';
    const queue: Queue = params.rendezvous
      ? Queue.rendezvous({ capacityBytes: ringBytes, name: 'q' })
      : joinable
        ? new JoinableQueue(params.maxsize, { capacityBytes: ringBytes, name: 'q' })
        : new Queue(params.maxsize, { capacityBytes: ringBytes, name: 'q' });
    const seen = new RawArray('i', items, { name: 'seen' });
    const statsArray = new RawArray('i', (P + C) * STAT_WORDS, { name: 'stats' });
    const stats = statsArray.typed as Int32Array;
    const started = new Event({ name: 'producing' });

    const live: QueueLiveProcess[] = [];
    for (let i = 0; i < C; i++) {
      const name = `Consumer-${i + 1}`;
      const line = P + i;
      const args =
        pattern === 'empty-poll'
          ? [queue, seen, statsArray, line, work.consumeUs, started]
          : [queue, seen, statsArray, line, work.consumeUs, joinable];
      const process = scope.process({
        target: pattern === 'empty-poll' ? 'queueEmptyPollConsumer' : 'queueConsumer',
        args,
        name,
      });
      live.push({ name, role: 'consumer', index: i, line, process });
    }
    for (let i = 0; i < P; i++) {
      const name = `Producer-${i + 1}`;
      const { firstId, count } = producerShare(items, P, i);
      const process = scope.process({
        target: 'queueProducer',
        args: [queue, statsArray, i, firstId, count, work.produceUs, params.payloadBytes],
        name,
      });
      live.push({ name, role: 'producer', index: i, line: i, process });
    }
    const producerProcs = live.filter((p) => p.role === 'producer');
    const consumerProcs = live.filter((p) => p.role === 'consumer');

    const needed = pattern === 'empty-poll' ? 0 : C;
    const toSend = sentinelsToSend(params);
    const main: QueueLiveView['main'] = {
      sentinelsSent: 0,
      sentinelsNeeded: needed,
      phase: 'starting',
      hung: null,
    };
    const startedAt = now();
    const note = (text: string, tone: QueueNote['tone'] = 'info') =>
      observer.onNote?.({ tMs: Math.round(now() - startedAt), text, tone });

    const depthSamples: [number, number][] = [];
    const consumedSamples: [number, number][] = [];
    const consumedSoFar = () =>
      consumerProcs.reduce((sum, c) => sum + stats[c.line * STAT_WORDS + S.COUNT]!, 0);
    const sample = () => {
      const t = now() - startedAt;
      depthSamples.push([Math.round(t * 10) / 10, queue.qsize()]);
      consumedSamples.push([t, consumedSoFar()]);
      ctx.onProgress?.(Math.min(1, consumedSoFar() / items));
    };

    // Each start creates a worker, a millisecond or two of the page's time: spread over tasks, so
    // starting sixteen processes is not one long task (see timeSlicer). A Stop can now land while
    // a worker is still loading; the Node adapter holds that terminate until the load is over.
    for (const p of live) {
      p.process.start();
      await pace();
    }
    checkStop();
    sampler = setInterval(sample, SAMPLE_MS);
    observer.onStart?.({
      startedAt,
      processes: live,
      stats,
      queue,
      capacity: params.rendezvous ? 0 : params.maxsize > 0 ? params.maxsize : null,
      unfinished: joinable ? () => (queue as JoinableQueue).unfinished() : null,
      main,
    });
    note(`Started ${C} consumer${C === 1 ? '' : 's'} and ${P} producer${P === 1 ? '' : 's'}.`);
    if (work.auto.produceUs || work.auto.consumeUs) {
      note(
        `Work per item: ${describeWork(work.produceUs, work.auto.produceUs)} to produce, ` +
          `${describeWork(work.consumeUs, work.auto.consumeUs)} to consume.`,
      );
    }

    const terminatedByUs = new Set<string>();
    /** A process that crashed (not one we terminated) fails the run with its error. */
    const checkCrashes = () => {
      for (const p of live) {
        const code = p.process.exitCode;
        if (code !== null && code !== 0 && !terminatedByUs.has(p.name)) {
          const why = p.process.error
            ? `${p.process.error.name}: ${p.process.error.message}`
            : `exit code ${code}`;
          throw new Error(`${p.name} (pid ${p.process.pid}) failed with exit code ${code}: ${why}`);
        }
      }
    };

    // empty-poll consumers must not give up before anything was produced.
    if (pattern === 'empty-poll') {
      while (!started.isSet()) {
        checkStop();
        checkCrashes();
        const anyPut = producerProcs.some((p) => stats[p.line * STAT_WORDS + S.COUNT]! > 0);
        if (anyPut || queue.qsize() > 0 || producerProcs.every((p) => p.process.exitCode !== null))
          started.set();
        else await guard(delay(1));
      }
    }

    main.phase = 'waiting-producers';
    let stranded = 0;
    if (pattern === 'empty-poll') {
      // Consumers may all quit early; producers blocked on a full queue would then wait forever.
      // Main drains what nobody took (counted as stranded: produced, never consumed).
      while (
        producerProcs.some((p) => p.process.exitCode === null) ||
        consumerProcs.some((c) => c.process.exitCode === null)
      ) {
        checkStop();
        checkCrashes();
        if (consumerProcs.every((c) => c.process.exitCode !== null)) {
          if (main.phase !== 'draining')
            note('Every consumer has quit, but producers are still putting: main drains the queue.', 'warn');
          main.phase = 'draining';
          try {
            await guard(queue.getAsync(true, 5));
            stranded++;
            await pace();
          } catch (error) {
            if (!(error instanceof Empty)) throw error;
          }
        } else await guard(delay(5));
      }
      while (queue.qsize() > 0) {
        await guard(queue.getAsync(false));
        stranded++;
        await pace();
      }
    } else {
      await guard(Promise.race([Promise.all(producerProcs.map((p) => p.process.join())), watchCrashes()]));
      checkCrashes();
      note(`All producers finished: ${items.toLocaleString('en-US')} items put.`);
    }

    /**
     * Rejects with the error of the first process that crashes; never resolves. Woken by exits
     * rather than a timer: every timer task is main-thread work competing with the workers for a
     * core. (A Stop rejects the guard this is raced under.)
     */
    async function watchCrashes(): Promise<never> {
      const running = new Set(live);
      while (running.size > 0) {
        const exited = await Promise.race([...running].map((p) => p.process.join().then(() => p)));
        running.delete(exited);
        checkCrashes();
      }
      return new Promise<never>(() => {});
    }

    let joinWaitMs: number | null = null;
    if (joinable) {
      main.phase = 'joining-queue';
      const t0 = now();
      await guard(Promise.race([(queue as JoinableQueue).joinAsync(), watchCrashes()]));
      joinWaitMs = now() - t0;
      note(
        `q.join() returned after ${joinWaitMs.toFixed(0)} ms: every item was task_done() (Go: wg.Wait()).`,
      );
    }

    let lastSentinelAt = now();
    if (pattern !== 'empty-poll') {
      main.phase = 'sending-sentinels';
      // A put into a full queue waits for a consumer: if the consumers die meanwhile, say so.
      const crashed = watchCrashes();
      for (let i = 0; i < toSend; i++) {
        checkStop();
        await guard(Promise.race([queue.putAsync(null), crashed]));
        main.sentinelsSent = i + 1;
      }
      lastSentinelAt = now();
      note(
        toSend === needed
          ? `Put ${toSend} sentinel${toSend === 1 ? '' : 's'} (None), one per consumer.`
          : `Put only ${toSend} sentinel${toSend === 1 ? '' : 's'} for ${needed} consumers: one was forgotten.`,
        toSend === needed ? 'info' : 'warn',
      );
    }

    main.phase = 'waiting-consumers';
    const hangs: QueueHang[] = [];
    const hungSnapshots = new Map<string, ProcessSnapshot>();
    const suspectSince = new Map<QueueLiveProcess, number>();
    for (;;) {
      checkStop();
      checkCrashes();
      const alive = consumerProcs.filter((c) => c.process.exitCode === null);
      if (alive.length === 0) break;
      await guard(Promise.race([Promise.all(alive.map((c) => c.process.join())), delay(20)]));
      if (pattern === 'empty-poll' || queue.qsize() > 0 || main.sentinelsSent < toSend) continue;
      const snapshot = takeSnapshot({ events: false });
      for (const c of alive) {
        if (c.process.exitCode !== null) continue;
        const slot = snapshot.processes.find((s) => s.slot === c.process.slot && s.pid === c.process.pid);
        const inGet = stats[c.line * STAT_WORDS + S.PHASE] === Phase.GETTING;
        // Telemetry seeing the consumer asleep in get() confirms the hang soon. Without that
        // (telemetry off, or its slot not readable at this instant) the phase alone decides,
        // seen for longer: the queue is empty and every sentinel is out, so nothing can wake it.
        const seenAsleep = snapshot.enabled && slot?.state === 'waiting-queue-get';
        const confirmMs = seenAsleep ? HANG_CONFIRM_MS : 4 * HANG_CONFIRM_MS;
        if (!inGet) {
          suspectSince.delete(c);
          continue;
        }
        const since = suspectSince.get(c) ?? now();
        suspectSince.set(c, since);
        if (now() - since < confirmMs) continue;
        const finished = consumerProcs
          .filter((o) => o !== c && stats[o.line * STAT_WORDS + S.SENTINEL] === 1)
          .map((o) => o.name);
        const hang: QueueHang = {
          consumer: c.name,
          pid: c.process.pid,
          reason: explainHang({
            consumer: c.name,
            pid: c.process.pid,
            consumers: C,
            producers: P,
            sentinelsSent: toSend,
            finished,
            pattern,
          }),
          detectedAfterMs: Math.round(now() - lastSentinelAt),
          resolution: `The scene terminated ${c.name} (exit code -15), as you would stop a hung Python program with Ctrl-C.`,
        };
        hangs.push(hang);
        if (slot)
          hungSnapshots.set(c.name, {
            ...slot,
            waitUs: slot.waitUs + Math.max(0, snapshot.tUs - slot.stateSinceUs),
          });
        main.hung = c.name;
        note(hang.reason, 'error');
        terminatedByUs.add(c.name);
        c.process.terminate();
        await guard(c.process.join());
        note(hang.resolution, 'warn');
      }
    }
    main.phase = 'done';
    clearInterval(sampler);
    sampler = undefined;
    sample();
    const endedAt = now();

    // ---- results
    const deliveries = countDeliveries(seen.typed as Int32Array);
    const producerStats = producerProcs.map((p) => p.process.result as ProducerStats | undefined);
    const consumerStats = consumerProcs.map((c) => c.process.result as ConsumerStats | undefined);
    const firstPut = Math.min(...producerStats.map((s) => (s && s.firstPutAt > 0 ? s.firstPutAt : Infinity)));
    const lastGet = Math.max(0, ...consumerStats.map((s) => s?.lastGetAt ?? 0));
    const lastPut = Math.max(0, ...producerStats.map((s) => s?.lastPutAt ?? 0));
    const processes: QueueProcessResult[] = [
      ...producerProcs.map((p, i) => ({
        name: p.name,
        role: p.role,
        pid: p.process.pid,
        items: producerStats[i]?.produced ?? stats[p.line * STAT_WORDS + S.COUNT]!,
        blockedMs: producerStats[i]?.blockedMs ?? 0,
        exitCode: p.process.exitCode,
      })),
      ...consumerProcs.map((c, i) => ({
        name: c.name,
        role: c.role,
        pid: c.process.pid,
        items: consumerStats[i]?.consumed ?? stats[c.line * STAT_WORDS + S.COUNT]!,
        blockedMs: consumerStats[i]?.blockedMs ?? (hungSnapshots.get(c.name)?.waitUs ?? 0) / 1000,
        exitCode: c.process.exitCode,
        gotSentinel: stats[c.line * STAT_WORDS + S.SENTINEL] === 1,
        ...(pattern === 'empty-poll' ? { races: stats[c.line * STAT_WORDS + S.RACES]! } : {}),
      })),
    ];
    const produced = processes.filter((p) => p.role === 'producer').reduce((s, p) => s + p.items, 0);
    const sumBlocked = (role: QueueRole) =>
      Math.round(processes.filter((p) => p.role === role).reduce((s, p) => s + p.blockedMs, 0) * 100) / 100;
    const emptyPoll =
      pattern === 'empty-poll'
        ? {
            races: processes.reduce((s, p) => s + (p.races ?? 0), 0),
            quitEarly: consumerProcs
              .filter((_, i) => (consumerStats[i]?.quitAt ?? Infinity) < lastPut)
              .map((c) => c.name),
            stranded,
          }
        : null;
    if (emptyPoll && emptyPoll.stranded > 0) {
      note(
        `${emptyPoll.stranded.toLocaleString('en-US')} items were left in the queue after every consumer had quit: lost.`,
        'warn',
      );
    }
    const result: QueueResult = {
      scene: 'queue',
      pattern,
      producers: P,
      consumers: C,
      items,
      maxsize: params.rendezvous ? null : params.maxsize,
      rendezvous: params.rendezvous,
      payloadBytes: params.payloadBytes,
      produceUs: work.produceUs,
      consumeUs: work.consumeUs,
      workAuto: work.auto,
      ringBytes: queue.capacityBytes,
      produced,
      consumed: deliveries.consumed,
      lost: deliveries.lost,
      duplicated: deliveries.duplicated,
      msgsPerSec: messagesPerSecond(deliveries.consumed, lastGet - firstPut),
      maxDepth: Math.max(0, ...producerStats.map((s) => s?.maxDepth ?? 0), ...depthSamples.map(([, d]) => d)),
      blockedMs: { producers: sumBlocked('producer'), consumers: sumBlocked('consumer') },
      elapsedMs: Math.round((endedAt - startedAt) * 10) / 10,
      sentinels: { needed, sent: main.sentinelsSent },
      hang: hangs[0] ?? null,
      joinWaitMs: joinWaitMs === null ? null : Math.round(joinWaitMs * 10) / 10,
      emptyPoll,
      processes,
      depthSeries: decimate(depthSamples, MAX_SERIES_POINTS),
      throughputSeries: decimate(throughputFrom(consumedSamples, 100), MAX_SERIES_POINTS),
    };
    ctx.onProgress?.(1);
    return result;
  } finally {
    if (sampler !== undefined) clearInterval(sampler);
    await scope.close();
  }
}
