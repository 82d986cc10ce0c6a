import { scenes } from '../scenes/registry';
import { sceneHash } from './route';
import { IsolationBadge } from './IsolationBadge';
import { useShell } from './store';

/** "Race: the lost update" → "Race": the navigation stays one line; the full title heads the scene. */
function navLabel(title: string): string {
  return title.split(':')[0]!.trim();
}

export function Header({ currentSceneId }: { currentSceneId: string | undefined }) {
  const theme = useShell((s) => s.theme);
  const setTheme = useShell((s) => s.setTheme);
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <a href="#/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="./favicon.svg" alt="" className="h-6 w-6" />
          <span>Multiprocessing Playground</span>
        </a>
        <nav aria-label="Scenes" className="flex-1">
          <ul className="flex flex-wrap gap-1">
            {scenes.map((scene) => (
              <li key={scene.id}>
                <a
                  href={sceneHash(scene.id)}
                  aria-current={scene.id === currentSceneId ? 'page' : undefined}
                  title={scene.title}
                  className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white dark:aria-[current=page]:bg-slate-100 dark:aria-[current=page]:text-slate-900"
                >
                  {navLabel(scene.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <IsolationBadge />
        <button
          type="button"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm dark:border-slate-700"
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </div>
    </header>
  );
}
