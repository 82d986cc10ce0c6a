/**
 * The step-through session: the trace (every state so far), stepping, stepping back, and playing
 * a whole schedule one step at a time so a room can watch it happen.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { isEnabled } from '../../sim/race-machine';
import type { RaceProgram } from '../../sim/race-program';
import { currentState, newTrace, traceBack, traceStep, type RaceTrace } from '../../sim/race-trace';

type Action =
  | { type: 'step'; pid: number }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'load'; schedule: readonly number[] };

function reduce(trace: RaceTrace, action: Action): RaceTrace {
  switch (action.type) {
    case 'step':
      // A click on a blocked or finished process is ignored rather than thrown: the button says why.
      return isEnabled(currentState(trace), action.pid) ? traceStep(trace, action.pid) : trace;
    case 'back':
      return traceBack(trace);
    case 'reset':
      return newTrace(trace.program);
    case 'load':
      return action.schedule.reduce(traceStep, newTrace(trace.program));
  }
}

/** Milliseconds between steps when a schedule plays by itself. */
export const PLAY_INTERVAL_MS = 450;

export function useStepTrace(program: RaceProgram) {
  const [trace, dispatch] = useReducer(reduce, program, newTrace);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const [playing, setPlaying] = useReducer((_: boolean, next: boolean) => next, false);

  const stopPlaying = useCallback(() => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
    setPlaying(false);
  }, []);
  useEffect(() => stopPlaying, [stopPlaying]);

  const act = useCallback(
    (action: Action) => {
      stopPlaying();
      dispatch(action);
    },
    [stopPlaying],
  );
  const step = useCallback((pid: number) => act({ type: 'step', pid }), [act]);
  const back = useCallback(() => act({ type: 'back' }), [act]);
  const reset = useCallback(() => act({ type: 'reset' }), [act]);
  const load = useCallback((schedule: readonly number[]) => act({ type: 'load', schedule }), [act]);

  /** Resets, then takes the schedule's steps one by one. Any manual action stops it. */
  const play = useCallback(
    (schedule: readonly number[]) => {
      stopPlaying();
      dispatch({ type: 'reset' });
      let next = 0;
      setPlaying(true);
      timer.current = setInterval(() => {
        if (next >= schedule.length) return stopPlaying();
        dispatch({ type: 'step', pid: schedule[next++]! });
      }, PLAY_INTERVAL_MS);
    },
    [stopPlaying],
  );

  return { trace, state: currentState(trace), step, back, reset, load, play, playing, stopPlaying };
}
