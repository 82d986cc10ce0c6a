/** Messages between the step-through UI and its explorer worker (counting can take a second). */
import type { ExploreResult, FoundSchedule } from '../../sim/race-explorer';
import type { RaceProgram } from '../../sim/race-program';

export type ExploreRequest =
  | { id: number; kind: 'explore'; program: RaceProgram }
  | { id: number; kind: 'find'; program: RaceProgram; target: number };

export type ExploreResponse =
  | { id: number; kind: 'explore'; result: ExploreResult }
  | { id: number; kind: 'find'; result: FoundSchedule | null }
  | { id: number; kind: 'error'; message: string };
