/**
 * A lock drawn as a padlock: who holds it now, and the processes queued up waiting for it, in
 * the order they started waiting. Plain HTML: it changes every frame but has few elements.
 */

export interface LockParty {
  label: string;
  color: string;
}

export function LockQueue({
  name,
  holder,
  waiters,
  note,
  testId,
}: {
  name: string;
  holder: LockParty | null;
  /** First in line first. */
  waiters: readonly LockParty[];
  /** Shown under the lock, e.g. "1,234 hand-offs". */
  note?: string;
  testId?: string;
}) {
  const shown = waiters.slice(0, 8);
  return (
    <figure
      className="m-0"
      data-testid={testId}
      aria-label={`${name}: ${holder ? `held by ${holder.label}` : 'free'}, ${waiters.length} waiting`}
    >
      <div className="flex items-center gap-3">
        <div
          className="flex min-h-14 flex-1 flex-row-reverse flex-wrap items-center justify-start gap-1.5"
          aria-hidden="true"
        >
          {shown.length === 0 ? (
            <span className="text-sm text-slate-500 dark:text-slate-400">no one waiting</span>
          ) : (
            shown.map((w, i) => (
              <span
                key={`${w.label}-${i}`}
                className="rounded-full border-2 border-dashed px-2.5 py-1 text-sm font-semibold"
                style={{ borderColor: w.color, color: w.color }}
              >
                {w.label}
              </span>
            ))
          )}
          {waiters.length > shown.length && <span className="text-sm">+{waiters.length - shown.length}</span>}
          {shown.length > 0 && <span className="text-xl text-slate-400">→</span>}
        </div>
        <div className="relative flex w-32 flex-col items-center">
          <div
            className={`h-7 w-16 rounded-t-full border-[6px] border-b-0 ${holder ? 'border-slate-500' : 'translate-y-[-6px] border-slate-400 dark:border-slate-500'}`}
            aria-hidden="true"
          />
          <div
            className="flex h-16 w-28 items-center justify-center rounded-lg border-2 text-base font-bold text-slate-900 shadow"
            style={{
              background: holder ? holder.color : 'transparent',
              borderColor: holder ? holder.color : 'rgb(148 163 184)',
            }}
          >
            <span
              className={holder ? '' : 'text-slate-500 dark:text-slate-300'}
              data-testid={testId ? `${testId}-holder` : undefined}
            >
              {holder ? holder.label : 'free'}
            </span>
          </div>
        </div>
      </div>
      <figcaption className="mt-1 text-right text-sm text-slate-600 dark:text-slate-300">
        {name}
        {note ? ` · ${note}` : ''}
      </figcaption>
    </figure>
  );
}
