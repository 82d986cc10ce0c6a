import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RunContext } from './scene-definition';
import { isAbort, startRun, stopRun } from './run-controller';

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface SceneRunState<R> {
  status: RunStatus;
  result: R | null;
  error: string | null;
  /** 0..1 while running, when the runner reports it. */
  progress: number;
  /** performance.now() when the current or last run started. */
  startedAt: number | null;
}

/** The least time between two progress re-renders. */
const PROGRESS_MS = 200;

/**
 * Runs a scene's experiment from its UI under the global run controller, so the Stop button,
 * leaving the scene and `window.playground.stop()` all end it the same way.
 */
export function useSceneRun<P, R>(sceneId: string, runner: (params: P, ctx: RunContext) => Promise<R>) {
  const [state, setState] = useState<SceneRunState<R>>({
    status: 'idle',
    result: null,
    error: null,
    progress: 0,
    startedAt: null,
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = useCallback(
    async (params: P): Promise<R | null> => {
      setState((s) => ({ ...s, status: 'running', error: null, progress: 0, startedAt: performance.now() }));
      // Runners may report progress hundreds of times a second; each report re-renders the
      // scene, which the main thread pays for while the cores are busy with workers. The bar
      // moves by whole percents, at most PROGRESS_MS apart.
      let shown = 0;
      let shownAt = -Infinity;
      const onProgress = (fraction: number) => {
        const t = performance.now();
        if (!mounted.current || Math.round(fraction * 100) === Math.round(shown * 100)) return;
        if (t - shownAt < PROGRESS_MS && fraction < 1) return;
        shown = fraction;
        shownAt = t;
        setState((s) => ({ ...s, progress: fraction }));
      };
      try {
        const result = await startRun(sceneId, (signal) => runner(params, { signal, onProgress }));
        if (mounted.current) setState((s) => ({ ...s, status: 'done', result, progress: 1 }));
        return result;
      } catch (error) {
        if (!mounted.current) return null;
        // Stop has terminated the workers by now: show it in this task, not in a render React
        // schedules behind the scene's animation frames (on a busy page that took >100 ms).
        if (isAbort(error)) flushSync(() => setState((s) => ({ ...s, status: 'stopped' })));
        else
          setState((s) => ({
            ...s,
            status: 'error',
            error: error instanceof Error ? error.message : String(error),
          }));
        return null;
      }
    },
    [sceneId, runner],
  );

  const stop = useCallback(() => stopRun(), []);
  const reset = useCallback(async () => {
    await stopRun();
    if (mounted.current)
      setState({ status: 'idle', result: null, error: null, progress: 0, startedAt: null });
  }, []);

  return { ...state, start, stop, reset };
}
