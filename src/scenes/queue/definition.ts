import { defineScene } from '../shared/scene-definition';
import { checkQueueParams, queueParams } from './queue-params';
import type { QueueResult } from './queue-result';

/**
 * The queue scene: producers and consumers around one multiprocessing Queue, live. Light on
 * purpose (it is in the initial bundle): the runner and the UI load on first use.
 */
export const queueScene = defineScene<typeof queueParams, QueueResult>({
  id: 'queue',
  title: 'Queue: producers and consumers',
  summary:
    'Producers put items on a Queue and consumers take them, on real workers: watch tokens flow, producers block on a full queue and consumers wait on an empty one. Forget a sentinel and see the hang named; poll empty() and see it race; JoinableQueue as a WaitGroup; a rendezvous queue as an unbuffered channel.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Queue(maxsize), put / get',
      go: 'make(chan T, n), ch <- x, <-ch',
      shows: 'tokens through the queue, blocking when full or empty, depth over time',
    },
    {
      python: 'sentinel (None) per consumer',
      go: 'close(ch) and for range',
      shows: 'a forgotten sentinel: the hung consumer named',
    },
    {
      python: 'q.empty() is unreliable',
      go: 'len(ch) is stale',
      shows: 'consumers racing for the last item, quitting too early',
    },
    {
      python: 'JoinableQueue: task_done / join',
      go: 'sync.WaitGroup',
      shows: 'the unfinished-task counter reaching zero',
    },
  ],
  params: queueParams,
  async run(params, ctx) {
    checkQueueParams(params);
    return (await import('./run-queue')).runQueue(params, ctx);
  },
  load: () => import('./QueueScene'),
});
