import { defineScene } from '../shared/scene-definition';
import { pipelineParams } from './pipeline-params';
import type { PipelineResult } from './pipeline-result';

/**
 * The pipeline scene: task queue → pool of workers → lock-protected shared resource → result
 * queue → main, live. Light on purpose (it is in the initial bundle).
 */
export const pipelineScene = defineScene<typeof pipelineParams, PipelineResult>({
  id: 'pipeline',
  title: 'Pipeline: tasks, workers, lock, results',
  summary:
    "The tutorials' flowchart made live: main fills a task queue, a pool of workers takes tasks, updates a shared tally under a lock and puts results; main collects them and shuts the pool down with sentinels. Every arrow lights up as it happens, and the counts add up (or, without the lock, do not).",
  needsSharedMemory: true,
  concepts: [
    {
      python: 'task queue + worker processes + result queue',
      go: 'jobs and results channels, worker goroutines',
      shows: 'the flowchart, each arrow lit as it happens',
    },
    {
      python: 'with lock: on a shared resource',
      go: 'sync.Mutex around the update',
      shows: 'the counts add up; without the lock the tally loses updates',
    },
    {
      python: 'collect results before join()',
      go: 'drain the results channel, then wg.Wait()',
      shows: 'every result accounted for, the pool shut down with sentinels',
    },
  ],
  params: pipelineParams,
  run: async (params, ctx) => (await import('./run-pipeline')).runPipeline(params, ctx),
  load: () => import('./PipelineScene'),
});
