/**
 * What a pipeline run resolves with (plain JSON: "Export JSON" and
 * `window.playground.run('pipeline')`), and the arithmetic that checks the counts add up.
 */
export interface PipelineCounts {
  /** main → task queue */
  tasksPut: number;
  /** task queue → workers (real tasks, sentinels not counted) */
  tasksTaken: number;
  /** workers → lock */
  lockAcquisitions: number;
  /** lock → shared resource */
  sharedUpdates: number;
  /** workers → result queue */
  resultsPut: number;
  /** result queue → main */
  resultsCollected: number;
  /** main → task queue: one None per worker */
  sentinelsSent: number;
  /** workers that took their None and exited */
  sentinelsTaken: number;
}

export interface PipelineWorkerResult {
  name: string;
  pid: number;
  tasks: number;
  lockWaitMs: number;
  blockedMs: number;
  exitCode: number | null;
}

export interface PipelineResult {
  scene: 'pipeline';
  workers: number;
  tasks: number;
  lock: boolean;
  workUs: number;
  holdUs: number;
  counts: PipelineCounts;
  /** The shared resource at the end: tasks it counted and the sum of answers it holds. */
  shared: {
    tasksCounted: number;
    sum: number;
    expectedTasks: number;
    expectedSum: number;
    lostUpdates: number;
  };
  /** Sum of the answers main collected from the result queue (must equal expectedSum always). */
  collectedSum: number;
  countsAddUp: boolean;
  /** Which numbers disagree, in words; empty when everything adds up. */
  discrepancies: string[];
  elapsedMs: number;
  tasksPerSec: number;
  perWorker: PipelineWorkerResult[];
}

export function checkCounts(input: {
  tasks: number;
  workers: number;
  lock: boolean;
  counts: PipelineCounts;
  shared: PipelineResult['shared'];
  collectedSum: number;
}): string[] {
  const { tasks, workers, counts: c, shared } = input;
  const out: string[] = [];
  const expect = (label: string, value: number, want: number) => {
    if (value !== want)
      out.push(`${label}: ${value.toLocaleString('en-US')}, expected ${want.toLocaleString('en-US')}`);
  };
  expect('tasks put', c.tasksPut, tasks);
  expect('tasks taken', c.tasksTaken, tasks);
  if (input.lock) expect('lock acquisitions', c.lockAcquisitions, tasks);
  expect('shared-resource updates', c.sharedUpdates, tasks);
  expect('results put', c.resultsPut, tasks);
  expect('results collected', c.resultsCollected, tasks);
  expect('sentinels sent', c.sentinelsSent, workers);
  expect('sentinels taken', c.sentinelsTaken, workers);
  expect('tasks counted by the shared resource', shared.tasksCounted, tasks);
  if (shared.sum !== shared.expectedSum) {
    out.push(
      `sum in the shared resource: ${shared.sum.toLocaleString('en-US')}, expected ${shared.expectedSum.toLocaleString('en-US')}`,
    );
  }
  if (input.collectedSum !== shared.expectedSum) {
    out.push(
      `sum of collected results: ${input.collectedSum.toLocaleString('en-US')}, expected ${shared.expectedSum.toLocaleString('en-US')}`,
    );
  }
  return out;
}

export function pipelineCsvRows(r: PipelineResult) {
  return r.perWorker.map((w) => ({
    worker: w.name,
    pid: w.pid,
    tasks: w.tasks,
    lockWaitMs: Math.round(w.lockWaitMs * 100) / 100,
    blockedMs: Math.round(w.blockedMs * 100) / 100,
    exitCode: w.exitCode,
    lock: r.lock,
    tasksPut: r.counts.tasksPut,
    resultsCollected: r.counts.resultsCollected,
    sharedTasksCounted: r.shared.tasksCounted,
    lostUpdates: r.shared.lostUpdates,
    countsAddUp: r.countsAddUp,
  }));
}
