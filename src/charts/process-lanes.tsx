/**
 * One horizontal lane per process over time: running, waiting for a lock, done. The race's live
 * lanes grow every frame while its processes hold the cores, so they are drawn the way the other
 * live lanes are: by a painter worker (StateLanes, with this chart's states and sizes).
 */
import { StateLanes, type LanesLook, type LaneStateStyle } from './state-lanes';

export type LaneState = 'starting' | 'running' | 'waiting' | 'done';

export interface LaneSegment {
  /** Milliseconds on the chart's time axis. */
  from: number;
  to: number;
  state: LaneState;
}

export interface Lane {
  label: string;
  color: string;
  segments: readonly LaneSegment[];
}

export const LANE_STATE_LABELS: Record<LaneState, string> = {
  starting: 'starting',
  running: 'running',
  waiting: 'waiting for the lock',
  done: 'done',
};

export const WAITING_COLOR = '#f59e0b';

const PROCESS_LANE_STATES: LaneStateStyle[] = [
  { key: 'starting', label: LANE_STATE_LABELS.starting, color: 'ink', draw: 'thin', opacity: 0.25 },
  { key: 'running', label: LANE_STATE_LABELS.running, color: 'process', draw: 'solid' },
  {
    key: 'waiting',
    label: LANE_STATE_LABELS.waiting,
    color: WAITING_COLOR,
    draw: 'hatch',
    tint: `${WAITING_COLOR}55`,
    stripeWidth: 2.5,
  },
  { key: 'done', label: LANE_STATE_LABELS.done, color: 'ink', draw: 'none' },
];

/** Short labels ("P1") and taller lanes than the message-passing scenes' lanes. */
const PROCESS_LANES_LOOK: LanesLook = {
  labelWidth: 56,
  laneHeight: { min: 14, max: 30, budget: 320 },
  axisHeight: 26,
  trackOpacity: 0.08,
  font: { max: 15, share: 0.6 },
};

export function ProcessLanes({
  lanes,
  domain,
  title,
  testId,
}: {
  lanes: readonly Lane[];
  /** [start, end] of the time axis, in ms. */
  domain: readonly [number, number];
  title: string;
  testId?: string;
}) {
  // StateLanes names each lane's last state in the canvas's accessible name.
  return (
    <StateLanes
      lanes={lanes}
      states={PROCESS_LANE_STATES}
      domain={domain}
      title={title}
      testId={testId}
      look={PROCESS_LANES_LOOK}
      legend={false}
    />
  );
}
