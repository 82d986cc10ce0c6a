/** How schedules are written for people: runs of the same process, e.g. "P1 ×1 → P2 ×6 → P1 ×5". */
import { processLabel } from '../../sim/race-program';

export interface ScheduleRun {
  pid: number;
  steps: number;
}

export function scheduleRuns(schedule: readonly number[]): ScheduleRun[] {
  const runs: ScheduleRun[] = [];
  for (const pid of schedule) {
    const last = runs.at(-1);
    if (last && last.pid === pid) last.steps++;
    else runs.push({ pid, steps: 1 });
  }
  return runs;
}

export function formatSchedule(schedule: readonly number[]): string {
  return scheduleRuns(schedule)
    .map((r) => `${processLabel(r.pid)} ×${r.steps}`)
    .join(' → ');
}
