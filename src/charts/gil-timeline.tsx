/**
 * GIL timeline: one lane per thread or process over time, showing when it ran (for a thread:
 * held the GIL), waited for the GIL, or waited on I/O with the GIL released. Thousands of short
 * segments, redrawn as the run goes while its workers hold the cores: drawn by the state-lanes
 * painter worker (StateLanes, with these states and sizes). Several timelines given the same
 * `domainMs` line up, so their lengths compare directly.
 */
import { useMemo } from 'react';
import { StateLanes, type LanesLook, type LaneStateStyle } from './state-lanes';

export type GilTimelineState = 'gate' | 'running' | 'waiting' | 'io' | 'done';

export interface GilTimelineSegment {
  from: number;
  to: number;
  state: GilTimelineState;
}

export interface GilTimelineLane {
  label: string;
  color: string;
  segments: readonly GilTimelineSegment[];
}

export const GIL_WAITING_COLOR = '#f59e0b';
export const GIL_IO_COLOR = '#94a3b8';

export const GIL_STATE_LABELS: Record<GilTimelineState, string> = {
  gate: 'at the start gate',
  running: 'running',
  waiting: 'waiting for the GIL',
  io: 'waiting on I/O (GIL released)',
  done: 'done',
};

const GIL_STATES: LaneStateStyle[] = [
  { key: 'gate', label: GIL_STATE_LABELS.gate, color: 'ink', draw: 'thin', opacity: 0.3 },
  { key: 'running', label: GIL_STATE_LABELS.running, color: 'process', draw: 'solid' },
  {
    key: 'waiting',
    label: GIL_STATE_LABELS.waiting,
    color: GIL_WAITING_COLOR,
    draw: 'hatch',
    tint: `${GIL_WAITING_COLOR}44`,
    stripeWidth: 2.5,
  },
  // A thinner bar: the process is not competing for anything while it waits on I/O.
  {
    key: 'io',
    label: GIL_STATE_LABELS.io,
    color: `${GIL_IO_COLOR}cc`,
    draw: 'hatch',
    tint: `${GIL_IO_COLOR}22`,
    stripeWidth: 2.5,
    inset: 7,
  },
  { key: 'done', label: GIL_STATE_LABELS.done, color: 'ink', draw: 'none' },
];

/** Fixed 26 px lanes, so timelines of 1 and 8 lanes share a scale; slivers of waiting are not drawn. */
function gilLook(showAxis: boolean): LanesLook {
  return {
    labelWidth: 96,
    laneHeight: { min: 26, max: 26, budget: 0 },
    axisHeight: showAxis ? 24 : 4,
    trackOpacity: 0.07,
    font: { max: 14, share: 1 },
    axis: showAxis ? 'elapsed' : 'none',
    minWidth: 0.75,
    skipBelow: 0.2,
  };
}

export function GilTimeline({
  lanes,
  domainMs,
  title,
  description,
  showAxis = true,
  testId,
}: {
  lanes: readonly GilTimelineLane[];
  /** Length of the time axis in ms (from 0). */
  domainMs: number;
  /** The chart's accessible name. */
  title: string;
  /** Spoken after the title, e.g. the current state of each lane. */
  description?: string;
  showAxis?: boolean;
  testId?: string;
}) {
  const look = useMemo(() => gilLook(showAxis), [showAxis]);
  const domain = useMemo(() => [0, domainMs] as const, [domainMs]);
  return (
    <StateLanes
      lanes={lanes}
      states={GIL_STATES}
      domain={domain}
      title={title}
      description={description}
      testId={testId}
      look={look}
      legend={false}
    />
  );
}

/** The key under the timelines: `swatch` sizes and colours the sample, `background` draws hatching. */
const GIL_TIMELINE_KEY: readonly { label: string; swatch: string; background?: string }[] = [
  { label: 'running (a thread: holding the GIL)', swatch: 'h-3 bg-sky-400' },
  {
    label: 'waiting for the GIL',
    swatch: 'h-3',
    background: `repeating-linear-gradient(135deg, ${GIL_WAITING_COLOR} 0 3px, ${GIL_WAITING_COLOR}44 3px 6px)`,
  },
  {
    label: 'waiting on I/O, GIL released',
    swatch: 'h-2',
    background: `repeating-linear-gradient(135deg, ${GIL_IO_COLOR} 0 3px, ${GIL_IO_COLOR}33 3px 6px)`,
  },
];

/** The key under the timelines. */
export function GilTimelineLegend() {
  return (
    <ul
      className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300"
      aria-label="Timeline key"
    >
      {GIL_TIMELINE_KEY.map((entry) => (
        <li key={entry.label} className="inline-flex items-center gap-1.5">
          <span
            className={`inline-block w-5 rounded-sm ${entry.swatch}`}
            style={entry.background ? { background: entry.background } : undefined}
            aria-hidden="true"
          />{' '}
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
