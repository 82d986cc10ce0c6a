import { defineScene } from '../shared/scene-definition';
import { pipeParams } from './pipe-params';
import type { PipeResult } from './pipe-result';

/** The pipe scene: duplex ping-pong between two processes. Light (it is in the initial bundle). */
export const pipeScene = defineScene<typeof pipeParams, PipeResult>({
  id: 'pipe',
  title: 'Pipe: ping-pong latency',
  summary:
    'Two processes play ping-pong over a duplex Pipe: every round trip is timed. See the latency histogram fill in live, messages per second, and how the payload size changes both; Go’s unbuffered channels beside it.',
  needsSharedMemory: true,
  concepts: [
    {
      python: 'Pipe(duplex=True), send / recv',
      go: 'two unbuffered channels',
      shows: 'round-trip latency histogram, messages per second',
    },
    {
      python: 'pickling a message of n bytes',
      go: 'copying a []byte',
      shows: 'payload size against round-trip time and MB/s',
    },
  ],
  params: pipeParams,
  run: async (params, ctx) => (await import('./run-pipe')).runPipe(params, ctx),
  load: () => import('./PipeScene'),
});
