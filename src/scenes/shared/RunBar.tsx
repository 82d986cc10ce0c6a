import type { RunStatus } from './use-scene-run';

const statusText: Record<RunStatus, string> = {
  idle: 'Ready',
  running: 'Running…',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Failed',
};

/** Run / Stop / Reset with a progress bar and the run's status, announced to screen readers. */
export function RunBar({
  status,
  progress,
  error,
  onRun,
  onStop,
  onReset,
  runLabel = 'Run',
  disabled = false,
}: {
  status: RunStatus;
  progress: number;
  error?: string | null;
  onRun: () => void;
  onStop: () => void;
  onReset?: () => void;
  runLabel?: string;
  disabled?: boolean;
}) {
  const running = status === 'running';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={onRun}
        disabled={running || disabled}
        className="rounded-md bg-sky-600 px-4 py-2 text-sm font-semibold text-white shadow hover:bg-sky-500 disabled:opacity-50"
      >
        {runLabel}
      </button>
      <button
        type="button"
        onClick={onStop}
        disabled={!running}
        className="rounded-md border border-rose-400 px-4 py-2 text-sm font-semibold text-rose-700 hover:bg-rose-50 disabled:opacity-40 dark:text-rose-300 dark:hover:bg-rose-950"
      >
        Stop
      </button>
      {onReset && (
        // Reset works mid-run too: it is how a user gets out of a hung (deadlocked) run.
        <button
          type="button"
          onClick={onReset}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Reset
        </button>
      )}
      <div className="flex min-w-40 flex-1 items-center gap-2">
        <div
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          {/* Scaled, not resized, on a layer of its own (will-change), and not eased: a new width
              would cost the main thread layout and paint, and a CSS transition ticked its style
              there every frame (traced: most of the queue scene's style recalculations) while
              every core is busy with workers. It moves in whole percents a few times a second. */}
          <div
            className="h-full origin-left bg-sky-500 will-change-transform"
            style={{ transform: `scaleX(${Math.min(1, Math.max(0, progress))})` }}
          />
        </div>
        <span
          role="status"
          data-testid="run-status"
          data-status={status}
          className="text-sm text-slate-600 dark:text-slate-300"
        >
          {statusText[status]}
        </span>
      </div>
      {status === 'error' && error && (
        <p role="alert" className="w-full text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
