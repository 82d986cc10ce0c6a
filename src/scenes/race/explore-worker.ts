/**
 * Runs the interleaving explorer off the main thread: 3 × 3 with Value(lock=True) visits about
 * 100,000 states (~1 s), which would freeze the page. Bigints survive structured cloning.
 */
import { exploreInterleavings, findSchedule } from '../../sim/race-explorer';
import type { ExploreRequest, ExploreResponse } from './explore-protocol';

const reply = (message: ExploreResponse) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<ExploreRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'explore')
      reply({ id: request.id, kind: 'explore', result: exploreInterleavings(request.program) });
    else reply({ id: request.id, kind: 'find', result: findSchedule(request.program, request.target) });
  } catch (error) {
    reply({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
