/**
 * One colour per process, the same in every chart of a scene. The first four match the
 * `--color-proc-*` theme colours; all are mid-tone so they read on white and on slate-950.
 */
const PROCESS_COLORS = [
  '#38bdf8', // sky
  '#f472b6', // pink
  '#a3e635', // lime
  '#fbbf24', // amber
  '#a78bfa', // violet
  '#34d399', // emerald
  '#fb923c', // orange
  '#60a5fa', // blue
  '#e879f9', // fuchsia
  '#2dd4bf', // teal
  '#facc15', // yellow
  '#f87171', // red
  '#818cf8', // indigo
  '#4ade80', // green
  '#c084fc', // purple
  '#94a3b8', // slate
] as const;

/** Colour of process `index` (0-based order within the experiment, not the OS-like pid). */
export function processColor(index: number): string {
  return PROCESS_COLORS[((index % PROCESS_COLORS.length) + PROCESS_COLORS.length) % PROCESS_COLORS.length]!;
}
