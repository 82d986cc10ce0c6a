import { useRunHistory } from './run-history';

/** Earlier runs of this visit: each can be overlaid on the speedup chart to compare. */
export function RunHistory() {
  const { entries, toggleOverlay, clear } = useRunHistory();
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="pool-history" className="text-sm">
      <div className="flex items-center justify-between">
        <h3 id="pool-history" className="font-semibold">
          Runs in this visit
        </h3>
        <button
          type="button"
          onClick={clear}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Clear history
        </button>
      </div>
      <ul className="mt-1 space-y-1" data-testid="pool-history">
        {entries.map((e) => {
          const best = Math.max(...e.result.points.map((p) => p.speedup));
          return (
            <li key={e.id} className="flex items-center gap-2">
              <input
                id={`pool-history-${e.id}`}
                type="checkbox"
                checked={e.overlay}
                onChange={() => toggleOverlay(e.id)}
                className="h-4 w-4"
              />
              <label htmlFor={`pool-history-${e.id}`} className="flex-1">
                #{e.id} {e.label}: serial {e.result.serialMs.toFixed(1)} ms, best {best.toFixed(2)}×
                {e.result.amdahlSerialFraction !== null &&
                  `, serial fraction ${(e.result.amdahlSerialFraction * 100).toFixed(1)}%`}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
