/**
 * The comparison table as this visit fills it: the latest measured row per workload, kept
 * across leaving and re-opening the scene (not across reloads: numbers from another day and
 * another load do not belong in one table).
 */
import { create } from 'zustand';
import { mergeTable, type GilTableRow } from './gil-result';

interface GilSession {
  rows: GilTableRow[];
  addRows: (rows: readonly GilTableRow[]) => void;
  clear: () => void;
}

export const useGilSession = create<GilSession>((set) => ({
  rows: [],
  addRows: (rows) => set((s) => ({ rows: mergeTable(s.rows, rows) })),
  clear: () => set({ rows: [] }),
}));
