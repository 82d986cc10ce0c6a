import { create } from 'zustand';
import { parseHash, type Route } from './route';

export type Theme = 'light' | 'dark';

interface ShellState {
  route: Route;
  /** A notice from routing itself, e.g. an unknown scene sent the user home. */
  routeNotice: string | null;
  /** Corrections made to the URL's scene parameters (clamped or defaulted), until dismissed. */
  paramMessages: string[];
  theme: Theme;
  setRoute: (route: Route, notices?: { routeNotice?: string | null; paramMessages?: string[] }) => void;
  /** Updates the route without touching the notices (the scene changed its own settings). */
  replaceRoute: (route: Route) => void;
  dismissRouteNotice: () => void;
  dismissParamMessages: () => void;
  setTheme: (theme: Theme) => void;
}

const initialTheme = (): Theme =>
  typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'dark' : 'light';

export const useShell = create<ShellState>((set) => ({
  route: typeof location !== 'undefined' ? parseHash(location.hash) : { kind: 'home' },
  routeNotice: null,
  paramMessages: [],
  theme: initialTheme(),
  setRoute: (route, notices = {}) =>
    set({ route, routeNotice: notices.routeNotice ?? null, paramMessages: notices.paramMessages ?? [] }),
  replaceRoute: (route) => set({ route }),
  dismissRouteNotice: () => set({ routeNotice: null }),
  dismissParamMessages: () => set({ paramMessages: [] }),
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
