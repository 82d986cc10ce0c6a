import { Suspense, createElement, lazy, useCallback, useEffect, useMemo, type ComponentType } from 'react';
import type { AnyScene, SceneProps } from '../scenes/shared/scene-definition';
import { parseUrlParams, toQuery, type ParamSchema, type ParamValues } from '../scenes/shared/params';
import { stopRun } from '../scenes/shared/run-controller';
import { ErrorBoundary } from './ErrorBoundary';
import { IsolationNotice } from './IsolationNotice';
import { readIsolation } from './isolation';
import { Notice } from './Notice';
import { parseHash, sceneHash } from './route';
import { useShell } from './store';

/** One lazy component per scene for the page's lifetime, so revisiting a scene does not reload it. */
const lazyScenes = new WeakMap<AnyScene, ComponentType<SceneProps<ParamSchema>>>();
function sceneComponent(scene: AnyScene) {
  let component = lazyScenes.get(scene);
  if (!component) lazyScenes.set(scene, (component = lazy(scene.load)));
  return component;
}

/**
 * Mounts one scene: URL parameters in (clamped, with a message for every correction), settings
 * back out to the URL, and on unmount every run of the scene is stopped so no worker outlives it.
 */
export function SceneHost({ scene, query }: { scene: AnyScene; query: URLSearchParams }) {
  const replaceRoute = useShell((s) => s.replaceRoute);
  // The shell's router has already corrected the URL; parsing again only turns text into values.
  const parsed = useMemo(() => parseUrlParams(scene.params, query), [scene, query]);
  const messages = useShell((s) => s.paramMessages);
  const dismissMessages = useShell((s) => s.dismissParamMessages);

  const writeParams = useCallback(
    (next: ParamValues<typeof scene.params>) => {
      const hash = sceneHash(scene.id, toQuery(scene.params, next));
      if (hash !== location.hash) {
        history.replaceState(null, '', hash);
        replaceRoute(parseHash(hash));
      }
    },
    [scene, replaceRoute],
  );

  useEffect(() => () => void stopRun(), []);

  useEffect(() => {
    document.title = `${scene.title} · Multiprocessing Playground`;
    return () => {
      document.title = 'Multiprocessing Playground';
    };
  }, [scene]);

  const isolated = readIsolation().isolated;
  const lacksSharedMemory = scene.needsSharedMemory && !isolated;
  const blocked = lacksSharedMemory && !scene.withoutSharedMemory;

  return (
    <section aria-labelledby="scene-title" data-scene={scene.id}>
      <h1 id="scene-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
        {scene.title}
      </h1>
      <p className="mb-4 mt-1 max-w-3xl text-slate-600 dark:text-slate-300">{scene.summary}</p>
      {messages.length > 0 && (
        <Notice tone="warning" onDismiss={dismissMessages}>
          <p className="font-semibold">Some settings in the link were corrected:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="param-messages">
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Notice>
      )}
      {lacksSharedMemory && !blocked && (
        <Notice tone="warning">
          <p data-testid="partial-scene-notice">
            <strong>Shared memory is off on this page,</strong> so the live experiment cannot run here;{' '}
            {scene.withoutSharedMemory} works without it. The home page says how to turn shared memory on.
          </p>
        </Notice>
      )}
      {blocked ? (
        <IsolationNotice sceneTitle={scene.title} />
      ) : (
        <ErrorBoundary label={scene.title}>
          <Suspense fallback={<p className="text-slate-500">Loading {scene.title}…</p>}>
            {createElement(sceneComponent(scene), {
              params: parsed.values,
              setParams: writeParams,
              isolated,
            })}
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
