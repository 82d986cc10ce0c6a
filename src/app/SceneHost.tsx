import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import type { AnyScene } from '../scenes/shared/scene-definition';
import { parseUrlParams, toQuery, type ParamValues } from '../scenes/shared/params';
import { stopRun } from '../scenes/shared/run-controller';
import { ErrorBoundary } from './ErrorBoundary';
import { IsolationNotice } from './IsolationNotice';
import { readIsolation } from './isolation';
import { Notice } from './Notice';
import { sceneHash } from './route';
import { useShell } from './store';

/**
 * Mounts one scene: URL parameters in (clamped, with a message for every correction), settings
 * back out to the URL, and on unmount every run of the scene is stopped so no worker outlives it.
 */
export function SceneHost({ scene, query }: { scene: AnyScene; query: URLSearchParams }) {
  const setRoute = useShell((s) => s.setRoute);
  const parsed = useMemo(() => parseUrlParams(scene.params, query), [scene, query]);
  // Corrections are shown until dismissed, even after the URL has been rewritten to the corrected values.
  const [messages, setMessages] = useState<string[]>(parsed.messages);
  const SceneComponent = useMemo(() => lazy(scene.load), [scene]);

  const writeParams = useCallback(
    (next: ParamValues<typeof scene.params>) => {
      const hash = sceneHash(scene.id, toQuery(scene.params, next));
      if (hash !== location.hash) {
        history.replaceState(null, '', hash);
        setRoute({ kind: 'scene', sceneId: scene.id, query: new URLSearchParams(hash.split('?')[1] ?? '') });
      }
    },
    [scene, setRoute],
  );

  useEffect(() => {
    if (parsed.messages.length > 0) {
      setMessages((old) => [...new Set([...old, ...parsed.messages])]);
      writeParams(parsed.values);
    }
  }, [parsed, writeParams]);

  useEffect(() => () => void stopRun(), []);

  useEffect(() => {
    document.title = `${scene.title} · Multiprocessing Playground`;
    return () => {
      document.title = 'Multiprocessing Playground';
    };
  }, [scene]);

  const blocked = scene.needsSharedMemory && !readIsolation().isolated;

  return (
    <section aria-labelledby="scene-title" data-scene={scene.id}>
      <h1 id="scene-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
        {scene.title}
      </h1>
      <p className="mb-4 mt-1 max-w-3xl text-slate-600 dark:text-slate-300">{scene.summary}</p>
      {messages.length > 0 && (
        <Notice tone="warning" onDismiss={() => setMessages([])}>
          <p className="font-semibold">Some settings in the link were corrected:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="param-messages">
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Notice>
      )}
      {blocked ? (
        <IsolationNotice sceneTitle={scene.title} />
      ) : (
        <ErrorBoundary label={scene.title}>
          <Suspense fallback={<p className="text-slate-500">Loading {scene.title}…</p>}>
            <SceneComponent params={parsed.values} setParams={writeParams} />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
