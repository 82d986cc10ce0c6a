import { useEffect } from 'react';
import { findScene } from '../scenes/registry';
import { parseHash } from './route';
import { useShell } from './store';
import { Header } from './Header';
import { HomePage } from './HomePage';
import { SceneHost } from './SceneHost';
import { Notice } from './Notice';

/** Follows the hash: unknown scenes go home with a notice instead of a blank page. */
function useHashRouting(): void {
  const setRoute = useShell((s) => s.setRoute);
  useEffect(() => {
    const follow = () => {
      const route = parseHash(location.hash);
      if (route.kind === 'scene' && !findScene(route.sceneId)) {
        history.replaceState(null, '', '#/');
        setRoute({ kind: 'home' }, `There is no scene called "${route.sceneId}". Pick one below.`);
        return;
      }
      setRoute(route);
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
