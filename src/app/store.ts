import { create } from 'zustand';
import { parseHash, type Route } from './route';

export type Theme = 'light' | 'dark';

interface ShellState {
  route: Route;
  /** A notice from routing itself, e.g. an unknown scene sent the user home. */
  routeNotice: string | null;
  theme: Theme;
  setRoute: (route: Route, notice?: string | null) => void;
  dismissRouteNotice: () => void;
  setTheme: (theme: Theme) => void;
}

const initialTheme = (): Theme =>
  typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'dark' : 'light';

export const useShell = create<ShellState>((set) => ({
  route: typeof location !== 'undefined' ? parseHash(location.hash) : { kind: 'home' },
  routeNotice: null,
  theme: initialTheme(),
  setRoute: (route, notice = null) => set({ route, routeNotice: notice }),
  dismissRouteNotice: () => set({ routeNotice: null }),
  setTheme: (theme) => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    try {
      localStorage.setItem('mp-theme', theme);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
    set({ theme });
  },
}));
