/**
 * Earlier runs in this visit, kept across leaving and re-opening the scene (not across reloads:
 * figures measured on another day, under another load, do not belong on the same chart).
 */
import { create } from 'zustand';
import type { PoolResult } from './pool-result';

export interface HistoryEntry {
  id: number;
  label: string;
  result: PoolResult;
  /** Drawn as a faded line on the speedup chart. */
  overlay: boolean;
}

interface HistoryState {
  entries: HistoryEntry[];
  add: (result: PoolResult) => void;
  toggleOverlay: (id: number) => void;
  clear: () => void;
}

/** At most this many runs are kept; the oldest go first. */
const MAX_ENTRIES = 12;
let nextId = 1;

export function describeRun(r: PoolResult): string {
  const tasks = r.tasks === 0 ? 'one range per worker' : `${r.tasks} tasks`;
  return `${r.workload} ${r.size.toLocaleString('en-US')}, ${tasks}, ${r.warm ? 'warm' : 'cold'}`;
}

export const useRunHistory = create<HistoryState>((set) => ({
  entries: [],
  add: (result) =>
    set((s) => ({
      entries: [{ id: nextId++, label: describeRun(result), result, overlay: true }, ...s.entries].slice(
        0,
        MAX_ENTRIES,
      ),
    })),
  toggleOverlay: (id) =>
    set((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, overlay: !e.overlay } : e)) })),
  clear: () => set({ entries: [] }),
}));
