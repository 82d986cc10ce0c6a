import { memo, useId, useState } from 'react';

export interface CodeListing {
  /** Tab label, e.g. "Python". */
  label: string;
  code: string;
  /** A line to highlight (1-based), e.g. the step-through's current line. */
  highlightLine?: number;
  /** What the listing is, shown under the tabs (e.g. "runnable with python3"). */
  note?: string;
}

/**
 * Tabs of source listings with a copy button. Memoised: scenes re-render several times a second
 * while a run is live, and long listings need not be re-rendered when they did not change.
 */
export const CodePanel = memo(function CodePanel({
  listings,
  title = 'Code',
}: {
  listings: CodeListing[];
  title?: string;
}) {
  const [active, setActive] = useState(0);
  const [copied, setCopied] = useState<string | null>(null);
  const id = useId();
  const current = listings[Math.min(active, listings.length - 1)];
  if (!current) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(current.code);
      setCopied(current.label);
    } catch {
      setCopied(null);
    }
    setTimeout(() => setCopied(null), 1500);
  };

  // Off screen the panel is skipped (see skip-offscreen in index.css) and stands in at this height:
  // the tabs, the note and the listing, whose box stops growing at 32rem.
  const lines = current.code.split('\n').length;
  const estimatedPx = Math.round((current.note ? 67 : 43) + Math.min(512, 24 + 20.8 * lines));

  return (
    <section
      aria-label={title}
      className="skip-offscreen rounded-lg border border-slate-200 dark:border-slate-800"
      style={{ containIntrinsicSize: `auto ${estimatedPx}px` }}
    >
      <div
        className="flex items-center gap-1 border-b border-slate-200 px-2 pt-2 dark:border-slate-800"
        role="tablist"
      >
        {listings.map((listing, i) => (
          <button
            key={listing.label}
            type="button"
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === active}
            aria-controls={`${id}-panel`}
            onClick={() => setActive(i)}
            className="rounded-t-md px-3 py-1.5 text-sm aria-selected:bg-slate-900 aria-selected:text-white dark:aria-selected:bg-slate-100 dark:aria-selected:text-slate-900"
          >
            {listing.label}
          </button>
        ))}
        <button
          type="button"
          onClick={copy}
          aria-label={`Copy the ${current.label} code`}
          className="ml-auto mb-1 rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-700"
        >
          {copied === current.label ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      {current.note && <p className="px-3 pt-2 text-xs text-slate-500 dark:text-slate-400">{current.note}</p>}
      <pre
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-${active}`}
        tabIndex={0}
        className="max-h-[32rem] overflow-auto p-3 font-mono text-[0.8rem] leading-relaxed"
        data-testid={`code-${current.label.toLowerCase()}`}
      >
        {current.code.split('\n').map((line, i) => (
          <div
            key={i}
            className={
              current.highlightLine === i + 1 ? '-mx-3 bg-amber-100 px-3 dark:bg-amber-900/50' : undefined
            }
            aria-current={current.highlightLine === i + 1 ? 'step' : undefined}
          >
            {line || ' '}
          </div>
        ))}
      </pre>
    </section>
  );
});
