/**
 * The tutorials' flowchart, run for real: main creates a task queue, a pool of worker processes,
 * a lock and a result queue; puts the tasks and one sentinel per worker; workers take tasks,
 * update the shared tally under the lock and put results; main collects every result and joins
 * the workers. Headless for `window.playground.run('pipeline', …)`; the UI passes an observer.
 *
 * Every arrow of the flowchart is a counter: main counts its own puts and gets, each worker
 * counts its gets, lock acquisitions, updates and puts in its stats line. At the end they must
 * all agree, and the shared tally must hold every task's answer.
 */
import { Lock, now, Queue, RawArray, RunScope, type Process } from '../../runtime';
import {
  pipelineAnswer,
  S,
  STAT_WORDS,
  type PipelineWorkerStats,
} from '../../runtime/tasks/message-scenes-tasks';
import { abortable, RunAbortedError } from '../shared/run-controller';
import type { RunContext } from '../shared/scene-definition';
import { timeSlicer } from '../shared/time-slice';
import { taskNumber, type PipelineParams } from './pipeline-params';
import { checkCounts, type PipelineCounts, type PipelineResult } from './pipeline-result';

export type PipelineMainPhase =
  'starting' | 'putting-tasks' | 'sending-sentinels' | 'collecting' | 'joining' | 'done';

export interface PipelineLiveWorker {
  name: string;
  index: number;
  process: Process;
}

/** What the flowchart samples every frame. */
export interface PipelineLiveView {
  startedAt: number;
  workers: readonly PipelineLiveWorker[];
  stats: Int32Array;
  taskQueue: Queue;
  resultQueue: Queue;
  lock: Lock;
  /** tally[0] tasks counted, tally[1] sum (atomic reads). */
  tally: RawArray<'d'>;
  main: {
    phase: PipelineMainPhase;
    tasksPut: number;
    sentinelsSent: number;
    resultsCollected: number;
    joined: number;
  };
}

export interface PipelineObserver {
  onStart?(view: PipelineLiveView): void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runPipeline(
  params: PipelineParams,
  ctx: RunContext,
  observer: PipelineObserver = {},
): Promise<PipelineResult> {
  const { workers: W, tasks: T } = params;
  const scope = new RunScope(ctx.signal);
  // Races a wait against Stop. `pace` keeps main's put and collect loops from freezing the page
  // while the queues answer at once (Stop could not even be clicked).
  const guard = abortable(scope.signal);
  const pace = timeSlicer();

  try {
    // Room for every task and every result at once (a result is a small tuple).
    const taskQueue = new Queue<number | null>(0, {
      capacityBytes: Math.max(1 << 16, (T + W) * 16 * 2),
      name: 'tasks',
    });
    const resultQueue = new Queue<[string, number, number]>(0, {
      capacityBytes: Math.max(1 << 16, T * 64 * 2),
      name: 'results',
    });
    const lock = new Lock({ name: 'lock' });
    const tally = new RawArray('d', 2, { name: 'tally' });
    const statsArray = new RawArray('i', W * STAT_WORDS, { name: 'stats' });
    const stats = statsArray.typed as Int32Array;

    const workers: PipelineLiveWorker[] = Array.from({ length: W }, (_, i) => {
      const name = `Worker-${i + 1}`;
      const process = scope.process({
        target: 'pipelineWorker',
        args: [taskQueue, resultQueue, lock, tally, statsArray, i, params.workUs, params.holdUs, params.lock],
        name,
      });
      return { name, index: i, process };
    });
    const main: PipelineLiveView['main'] = {
      phase: 'starting',
      tasksPut: 0,
      sentinelsSent: 0,
      resultsCollected: 0,
      joined: 0,
    };
    const startedAt = now();
    for (const w of workers) w.process.start();
    observer.onStart?.({ startedAt, workers, stats, taskQueue, resultQueue, lock, tally, main });

    const checkCrashes = () => {
      for (const w of workers) {
        const code = w.process.exitCode;
        if (code !== null && code !== 0) {
          const why = w.process.error
            ? `${w.process.error.name}: ${w.process.error.message}`
            : `exit code ${code}`;
          throw new Error(`${w.name} (pid ${w.process.pid}) failed with exit code ${code}: ${why}`);
        }
      }
      if (scope.closed) throw new RunAbortedError();
    };

    // 1. main puts the tasks, then one sentinel per worker (the pool's shutdown).
    main.phase = 'putting-tasks';
    for (let i = 0; i < T; i++) {
      await guard(taskQueue.putAsync(taskNumber(i)));
      main.tasksPut = i + 1;
      if ((i & 255) === 255) checkCrashes();
      await pace();
    }
    main.phase = 'sending-sentinels';
    for (let i = 0; i < W; i++) {
      await guard(taskQueue.putAsync(null));
      main.sentinelsSent = i + 1;
    }

    // 2. main collects one result per task.
    main.phase = 'collecting';
    let collectedSum = 0;
    const perWorkerCollected = new Map<string, number>();
    for (let i = 0; i < T; i++) {
      let result: [string, number, number] | undefined;
      while (result === undefined) {
        checkCrashes();
        try {
          result = await guard(resultQueue.getAsync(true, 100));
        } catch (error) {
          if (!(error instanceof Error) || error.name !== 'Empty') throw error;
        }
      }
      const [who, , answer] = result;
      collectedSum += answer;
      perWorkerCollected.set(who, (perWorkerCollected.get(who) ?? 0) + 1);
      main.resultsCollected = i + 1;
      ctx.onProgress?.((i + 1) / T);
      await pace();
    }

    // 3. main joins the pool.
    main.phase = 'joining';
    for (const w of workers) {
      while (w.process.exitCode === null) {
        checkCrashes();
        await guard(Promise.race([w.process.join(), delay(50)]));
      }
      main.joined++;
    }
    checkCrashes();
    main.phase = 'done';
    const elapsedMs = now() - startedAt;

    const line = (i: number, word: number) => stats[i * STAT_WORDS + word]!;
    const sum = (word: number) => workers.reduce((s, w) => s + line(w.index, word), 0);
    const counts: PipelineCounts = {
      tasksPut: main.tasksPut,
      tasksTaken: sum(S.COUNT),
      lockAcquisitions: sum(S.LOCKS),
      sharedUpdates: sum(S.UPDATES),
      resultsPut: sum(S.RESULTS),
      resultsCollected: main.resultsCollected,
      sentinelsSent: main.sentinelsSent,
      sentinelsTaken: sum(S.SENTINEL),
    };
    let expectedSum = 0;
    for (let i = 0; i < T; i++) expectedSum += pipelineAnswer(taskNumber(i));
    const tasksCounted = tally.get(0);
    const shared = {
      tasksCounted,
      sum: tally.get(1),
      expectedTasks: T,
      expectedSum,
      lostUpdates: T - tasksCounted,
    };
    const discrepancies = checkCounts({
      tasks: T,
      workers: W,
      lock: params.lock,
      counts,
      shared,
      collectedSum,
    });
    const perWorker = workers.map((w) => {
      const r = w.process.result as PipelineWorkerStats | undefined;
      return {
        name: w.name,
        pid: w.process.pid,
        tasks: r?.tasks ?? perWorkerCollected.get(w.name) ?? 0,
        lockWaitMs: Math.round((r?.lockWaitMs ?? 0) * 100) / 100,
        blockedMs: Math.round((r?.blockedMs ?? 0) * 100) / 100,
        exitCode: w.process.exitCode,
      };
    });
    return {
      scene: 'pipeline',
      workers: W,
      tasks: T,
      lock: params.lock,
      workUs: params.workUs,
      holdUs: params.holdUs,
      counts,
      shared,
      collectedSum,
      countsAddUp: discrepancies.length === 0,
      discrepancies,
      elapsedMs: Math.round(elapsedMs * 10) / 10,
      tasksPerSec: elapsedMs > 0 ? Math.round((T * 1000) / elapsedMs) : 0,
      perWorker,
    };
  } finally {
    await scope.close();
  }
}
