/**
 * The live picture: the counter climbing against the expected line, one lane per process, the
 * lock with its holder and queue, how the work (or the lock) was shared, and how long waits took.
 */
import { CategoryBars } from '../../charts/category-bars';
import { CounterClimb } from '../../charts/counter-climb';
import { Histogram } from '../../charts/histogram';
import { LockQueue } from '../../charts/lock-queue';
import { processColor } from '../../charts/process-colors';
import { LANE_STATE_LABELS, ProcessLanes, WAITING_COLOR } from '../../charts/process-lanes';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { useAnimationFrame } from '../shared/use-animation-frame';
import type { LivePictureStore } from './live-picture-store';
import type { RaceSettings } from './race-params';

const label = (i: number) => `P${i + 1}`;

function formatWait(us: number): string {
  if (us >= 1000) return `${+(us / 1000).toPrecision(2)} ms`;
  return `${+us.toPrecision(2)} µs`;
}

function Legend() {
  const swatch = 'inline-block h-3 w-5 rounded-sm align-middle';
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
      <span>
        <span className={swatch} style={{ background: processColor(0) }} /> {LANE_STATE_LABELS.running}
      </span>
      <span>
        <span
          className={swatch}
          style={{
            background: `repeating-linear-gradient(45deg, ${WAITING_COLOR} 0 3px, transparent 3px 6px)`,
          }}
        />{' '}
        {LANE_STATE_LABELS.waiting}
      </span>
      <span>
        <span className="inline-block h-0.5 w-5 bg-slate-400 align-middle" /> {LANE_STATE_LABELS.starting} (at
        the start line)
      </span>
    </p>
  );
}

export function LivePicturePanel({
  settings,
  store,
  running,
}: {
  settings: RaceSettings;
  store: LivePictureStore;
  running: boolean;
}) {
  // Not useSyncExternalStore: its renders cannot be interrupted. In a transition React renders the
  // charts in slices between frames while the processes hold the cores.
  const [picture, setPicture] = useState(store.getSnapshot);
  useEffect(
    () => store.subscribe(() => startTransition(() => setPicture(store.getSnapshot()))),
    [store],
  );
  useAnimationFrame(() => store.sampleFrame(), running);
  const hasLock = settings.sync === 'lock' || settings.sync === 'value-lock';
  const expected = settings.processes * settings.increments;
  const pictureLanes = picture?.lanes;
  const lanes = useMemo(
    () => (pictureLanes ?? []).map((segments, i) => ({ label: label(i), color: processColor(i), segments })),
    [pictureLanes],
  );
  const now = picture?.now ?? 0;
  const domain = useMemo(() => [0, Math.max(now, 50)] as const, [now]);
  return (
    <section
      aria-labelledby="race-live"
      className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="race-live"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="race-live" className="text-lg font-semibold">
          Live picture{' '}
          {running && (
            <span className="ml-2 text-sm font-normal text-sky-600 dark:text-sky-400">
              sampling every frame
            </span>
          )}
        </h2>
        {!picture && (
          <p className="text-sm text-slate-500 dark:text-slate-400">Press Run to watch the processes race.</p>
        )}
      </div>
      {picture && (
        <>
          <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
            <div>
              <h3 className="text-sm font-semibold">The counter against the increments done</h3>
              <CounterClimb
                series={picture.climb}
                expected={expected}
                title="Shared counter value against increments performed; the diagonal means nothing lost"
                testId="counter-climb"
              />
            </div>
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">Processes over time</h3>
              <ProcessLanes
                lanes={lanes}
                domain={domain}
                title="One lane per process: running, waiting for the lock, done"
                testId="process-lanes"
              />
              <Legend />
            </div>
          </div>
          <div className={`grid gap-4 [&>*]:min-w-0 ${hasLock ? 'lg:grid-cols-3' : 'lg:grid-cols-2'}`}>
            {hasLock && (
              <div>
                <h3 className="mb-2 text-sm font-semibold">The lock now</h3>
                <LockQueue
                  name={settings.sync === 'value-lock' ? 'the Value’s own lock (an RLock)' : 'lock'}
                  holder={
                    picture.holder === null
                      ? null
                      : { label: label(picture.holder), color: processColor(picture.holder) }
                  }
                  waiters={picture.waiters.map((i) => ({ label: label(i), color: processColor(i) }))}
                  testId="live-lock"
                />
              </div>
            )}
            <div>
              <h3 className="text-sm font-semibold">
                {hasLock ? 'Lock acquisitions per process (fairness)' : 'Increments done per process'}
              </h3>
              <CategoryBars
                title={
                  hasLock
                    ? 'Lock acquisitions per process in the current repeat'
                    : 'Increments done per process in the current repeat'
                }
                xLabel="process"
                height={200}
                testId="fairness"
                bars={(hasLock ? picture.acquisitions : picture.progress).map((value, i) => ({
                  key: String(i),
                  label: label(i),
                  value,
                  valueLabel:
                    value >= 1e6
                      ? `${(value / 1e6).toFixed(2)}M`
                      : value >= 1e3
                        ? `${(value / 1e3).toFixed(0)}k`
                        : String(value),
                  color: processColor(i),
                }))}
              />
            </div>
            {hasLock ? (
              <div>
                <h3 className="text-sm font-semibold">Time spent waiting for the lock</h3>
                <Histogram
                  values={picture.waitsUs}
                  log
                  title="Distribution of waits for the lock (sampled from the event rings), log scale"
                  xLabel={`one wait (log scale), ${picture.waitsUs.length.toLocaleString('en-US')} sampled`}
                  formatX={formatWait}
                  color={WAITING_COLOR}
                  height={200}
                  emptyText="No process has had to wait yet."
                  testId="wait-histogram"
                />
              </div>
            ) : (
              <p className="self-center text-base leading-relaxed text-slate-700 dark:text-slate-300">
                {settings.sync === 'atomic'
                  ? 'An atomic add never waits for a lock and never loses an update: the cores take turns on the counter’s cache line, one whole addition at a time.'
                  : 'Without a lock nobody ever waits: every process runs flat out, and the counter pays for it. The gap under the diagonal is the updates lost so far.'}
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
