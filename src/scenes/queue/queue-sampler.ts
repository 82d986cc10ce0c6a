/**
 * One animation frame's look at a running queue experiment: the stats lines the workers write,
 * the queue's depth, and each process's telemetry state (is it asleep in put() or get()?).
 * Read-only, no messages: observing does not perturb the run.
 */
import { Phase, S, STAT_WORDS } from '../../runtime/tasks/message-scenes-tasks';
import { readProcessState, type ProcessStateName } from '../../telemetry';
import type { ConsumerLook, FlowSample, ProducerLook } from './queue-flow';
import type { QueueLiveView } from './run-queue';

export type QueueLaneState =
  'starting' | 'working' | 'blocked-put' | 'waiting-get' | 'polling' | 'done' | 'hung';

export interface QueueFrame {
  flow: FlowSample;
  /** Per process in view order (producers then consumers, as drawn in the lanes). */
  laneStates: QueueLaneState[];
  consumed: number;
  produced: number;
}

export function sampleQueue(
  view: QueueLiveView,
  /** A process's telemetry state: read from its slot, a few words per process and frame. */
  stateOf: (slot: number, pid: number) => ProcessStateName | null = readProcessState,
): QueueFrame {
  const producers: FlowSample['producers'][number][] = [];
  const consumers: FlowSample['consumers'][number][] = [];
  const producerLanes: QueueLaneState[] = [];
  const consumerLanes: QueueLaneState[] = [];
  let consumed = 0;
  let produced = 0;
  for (const p of view.processes) {
    const base = p.line * STAT_WORDS;
    const count = view.stats[base + S.COUNT]!;
    const phase = view.stats[base + S.PHASE]!;
    const state = stateOf(p.process.slot, p.process.pid) ?? 'created';
    const exited = p.process.exitCode !== null;
    if (p.role === 'producer') {
      produced += count;
      let look: ProducerLook = 'working';
      if (exited || phase === Phase.DONE) look = 'done';
      else if (phase === Phase.STARTING) look = 'starting';
      else if (phase === Phase.PUTTING && state === 'waiting-queue-put') look = 'blocked';
      producers[p.index] = { count, look };
      producerLanes[p.index] = look === 'blocked' ? 'blocked-put' : look;
    } else {
      consumed += count;
      let look: ConsumerLook = 'working';
      if (view.main.hung === p.name) look = 'hung';
      else if (exited || phase === Phase.DONE) look = 'done';
      else if (phase === Phase.STARTING) look = 'starting';
      else if (phase === Phase.GETTING && state === 'waiting-queue-get') look = 'waiting';
      else if (phase === Phase.POLLING) look = 'polling';
      consumers[p.index] = { count, look, gotSentinel: view.stats[base + S.SENTINEL] === 1 };
      consumerLanes[p.index] = look === 'waiting' ? 'waiting-get' : look;
    }
  }
  return {
    flow: {
      producers,
      consumers,
      depth: view.queue.qsize(),
      capacity: view.capacity,
      sentinelsSent: view.main.sentinelsSent,
      sentinelsNeeded: view.main.sentinelsNeeded,
      unfinished: view.unfinished ? view.unfinished() : null,
    },
    laneStates: [...producerLanes, ...consumerLanes],
    consumed,
    produced,
  };
}
