import { useEffect } from 'react';
import { findScene } from '../scenes/registry';
import { parseUrlParams, toQuery } from '../scenes/shared/params';
import { parseHash, sceneHash } from './route';
import { useShell } from './store';
import { Header } from './Header';
import { HomePage } from './HomePage';
import { SceneHost } from './SceneHost';
import { Notice } from './Notice';

/**
 * Follows the hash. Unknown scenes go home with a notice instead of a blank page; a scene's
 * parameters are checked against its schema, and a link with bad values is rewritten to the
 * corrected ones (so the URL always reproduces what is shown), with a message for each correction.
 */
function useHashRouting(): void {
  const setRoute = useShell((s) => s.setRoute);
  useEffect(() => {
    const follow = () => {
      const route = parseHash(location.hash);
      if (route.kind !== 'scene') return setRoute(route);
      const scene = findScene(route.sceneId);
      if (!scene) {
        history.replaceState(null, '', '#/');
        setRoute({ kind: 'home' }, { routeNotice: `There is no scene called "${route.sceneId}". Pick one below.` });
        return;
      }
      const { values, messages } = parseUrlParams(scene.params, route.query);
      if (messages.length === 0) return setRoute(route);
      const corrected = sceneHash(scene.id, toQuery(scene.params, values));
      history.replaceState(null, '', corrected);
      setRoute(parseHash(corrected), { paramMessages: messages });
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [setRoute]);
}

export function App() {
  useHashRouting();
  const route = useShell((s) => s.route);
  const routeNotice = useShell((s) => s.routeNotice);
  const dismiss = useShell((s) => s.dismissRouteNotice);
  const scene = route.kind === 'scene' ? findScene(route.sceneId) : undefined;

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-sky-600 focus:px-3 focus:py-2 focus:text-white"
      >
        Skip to content
      </a>
      <Header currentSceneId={scene?.id} />
      <main id="main" className="mx-auto max-w-[1600px] px-4 pb-16 pt-4 sm:px-6">
        {routeNotice && (
          <Notice tone="warning" onDismiss={dismiss}>
            {routeNotice}
          </Notice>
        )}
        {scene && route.kind === 'scene' ? <SceneHost key={scene.id} scene={scene} query={route.query} /> : <HomePage />}
      </main>
    </div>
  );
}
