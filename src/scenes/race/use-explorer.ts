/**
 * The explorer worker, owned by the component that uses it: created on first request,
 * terminated on unmount. A new request while one is running terminates the worker and starts
 * afresh, so a stale count can never land after the settings changed.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ExploreResult, FoundSchedule } from '../../sim/race-explorer';
import type { RaceProgram } from '../../sim/race-program';
import type { ExploreRequest, ExploreResponse } from './explore-protocol';

interface Pending {
  id: number;
  resolve: (response: ExploreResponse) => void;
  reject: (error: Error) => void;
}

/** A request without its id: distributes over the union so `target` survives. */
type RequestBody = ExploreRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export class ExplorerCancelled extends Error {
  override name = 'AbortError';
}

export function useExplorer() {
  const worker = useRef<Worker | null>(null);
  const pending = useRef<Pending | null>(null);
  const nextId = useRef(1);

  const shutdown = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    pending.current?.reject(new ExplorerCancelled('cancelled'));
    pending.current = null;
  }, []);

  useEffect(() => shutdown, [shutdown]);

  const request = useCallback(
    (body: RequestBody): Promise<ExploreResponse> => {
      if (pending.current) shutdown();
      if (!worker.current) {
        const w = new Worker(new URL('./explore-worker.ts', import.meta.url), {
          type: 'module',
          name: 'race-explorer',
        });
        w.addEventListener('message', (event: MessageEvent<ExploreResponse>) => {
          const waiting = pending.current;
          if (!waiting || waiting.id !== event.data.id) return;
          pending.current = null;
          waiting.resolve(event.data);
        });
        w.addEventListener('error', (event) => {
          event.preventDefault();
          const waiting = pending.current;
          pending.current = null;
          waiting?.reject(new Error(event.message || 'the explorer worker failed'));
        });
        worker.current = w;
      }
      const id = nextId.current++;
      return new Promise<ExploreResponse>((resolve, reject) => {
        pending.current = { id, resolve, reject };
        worker.current!.postMessage({ ...body, id } as ExploreRequest);
      });
    },
    [shutdown],
  );

  const explore = useCallback(
    async (program: RaceProgram): Promise<ExploreResult> => {
      const response = await request({ kind: 'explore', program });
      if (response.kind === 'error') throw new Error(response.message);
      if (response.kind !== 'explore') throw new Error('unexpected explorer reply');
      return response.result;
    },
    [request],
  );

  const find = useCallback(
    async (program: RaceProgram, target: number): Promise<FoundSchedule | null> => {
      const response = await request({ kind: 'find', program, target });
      if (response.kind === 'error') throw new Error(response.message);
      if (response.kind !== 'find') throw new Error('unexpected explorer reply');
      return response.result;
    },
    [request],
  );

  return { explore, find, cancel: shutdown };
}
