/**
 * One frame's reading of a running pipeline: the count on every arrow of the flowchart and what
 * each worker is doing. Read from shared memory (the workers' stats lines, the queues' depths,
 * the lock word) and main's own counters; nothing is asked of the workers.
 */
import { Phase, S, STAT_WORDS, type PhaseCode } from '../../runtime/tasks/message-scenes-tasks';
import type { PipelineLiveView } from './run-pipeline';

export type WorkerActivity =
  'starting' | 'getting' | 'computing' | 'waiting-lock' | 'in-lock' | 'putting' | 'done';

export const ACTIVITY_LABELS: Record<WorkerActivity, string> = {
  starting: 'starting',
  getting: 'tasks.get()',
  computing: 'computing',
  'waiting-lock': 'waits for lock',
  'in-lock': 'holds lock',
  putting: 'results.put()',
  done: 'exited',
};

export interface PipelineFrame {
  /** Edge id → cumulative count (see flowchart-layout's edge ids). */
  edges: Map<string, number>;
  /** Per worker: tasks taken, results put, whether it took its sentinel, activity. */
  workers: { taken: number; results: number; gotSentinel: boolean; activity: WorkerActivity }[];
  taskDepth: number;
  resultDepth: number;
  lockHolder: number | null;
  lockWaiters: number;
  tallyTasks: number;
  tallySum: number;
  totals: {
    tasksPut: number;
    tasksTaken: number;
    lockAcquisitions: number;
    sharedUpdates: number;
    resultsPut: number;
    resultsCollected: number;
    sentinelsSent: number;
    sentinelsTaken: number;
  };
}

function activityOf(phase: number, exited: boolean): WorkerActivity {
  if (exited) return 'done';
  switch (phase as PhaseCode) {
    case Phase.GETTING:
      return 'getting';
    case Phase.WORKING:
      return 'computing';
    case Phase.WAITING_LOCK:
      return 'waiting-lock';
    case Phase.IN_LOCK:
      return 'in-lock';
    case Phase.PUTTING:
      return 'putting';
    case Phase.DONE:
      return 'done';
    default:
      return 'starting';
  }
}

export function samplePipeline(view: PipelineLiveView): PipelineFrame {
  const edges = new Map<string, number>();
  const workers: PipelineFrame['workers'] = [];
  const totals = {
    tasksPut: view.main.tasksPut,
    tasksTaken: 0,
    lockAcquisitions: 0,
    sharedUpdates: 0,
    resultsPut: 0,
    resultsCollected: view.main.resultsCollected,
    sentinelsSent: view.main.sentinelsSent,
    sentinelsTaken: 0,
  };
  let lockHolder: number | null = null;
  let lockWaiters = 0;
  for (const w of view.workers) {
    const base = w.index * STAT_WORDS;
    const taken = view.stats[base + S.COUNT]!;
    const locks = view.stats[base + S.LOCKS]!;
    const updates = view.stats[base + S.UPDATES]!;
    const results = view.stats[base + S.RESULTS]!;
    const gotSentinel = view.stats[base + S.SENTINEL] === 1;
    const activity = activityOf(view.stats[base + S.PHASE]!, w.process.exitCode !== null);
    if (activity === 'in-lock') lockHolder = w.index;
    if (activity === 'waiting-lock') lockWaiters++;
    edges.set(`get-task-${w.index}`, taken + (gotSentinel ? 1 : 0));
    edges.set(`acquire-${w.index}`, locks);
    edges.set(`put-result-${w.index}`, results);
    totals.tasksTaken += taken;
    totals.lockAcquisitions += locks;
    totals.sharedUpdates += updates;
    totals.resultsPut += results;
    totals.sentinelsTaken += gotSentinel ? 1 : 0;
    workers.push({ taken, results, gotSentinel, activity });
  }
  edges.set('put-task', totals.tasksPut);
  edges.set('sentinel', totals.sentinelsSent);
  edges.set('update', totals.sharedUpdates);
  edges.set('collect', totals.resultsCollected);
  return {
    edges,
    workers,
    taskDepth: view.taskQueue.qsize(),
    resultDepth: view.resultQueue.qsize(),
    lockHolder,
    lockWaiters,
    tallyTasks: view.tally.get(0),
    tallySum: view.tally.get(1),
    totals,
  };
}
