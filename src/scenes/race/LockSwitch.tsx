/**
 * The scene's main control: the lock, on or off, with one click or the L key; and beside it the
 * four synchronisation modes for those who want Value(lock=True) or an atomic add.
 */
import { flipLock, lockSwitchOn, SYNC_LABELS, SYNC_MODES, type SyncMode } from './race-params';

export function LockSwitch({
  sync,
  onChange,
  disabled,
}: {
  sync: SyncMode;
  onChange: (sync: SyncMode) => void;
  disabled?: boolean;
}) {
  const on = lockSwitchOn(sync);
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-keyshortcuts="L"
        aria-label="Lock around the increment"
        data-testid="lock-switch"
        disabled={disabled}
        onClick={() => onChange(flipLock(sync))}
        className="group flex items-center gap-3 rounded-full border-2 border-slate-300 py-1.5 pl-1.5 pr-5 text-lg font-bold disabled:opacity-50 dark:border-slate-700"
      >
        <span
          className={`relative h-9 w-16 rounded-full transition-colors ${on ? 'bg-emerald-500' : 'bg-rose-500'}`}
          aria-hidden="true"
        >
          <span
            className={`absolute top-1 h-7 w-7 rounded-full bg-white shadow transition-all ${on ? 'left-8' : 'left-1'}`}
          />
        </span>
        <span>Lock {on ? 'ON' : 'OFF'}</span>
        <kbd className="rounded border border-slate-300 px-1.5 text-sm font-normal dark:border-slate-600">
          L
        </kbd>
      </button>
      <div role="radiogroup" aria-label="Synchronisation" className="flex flex-wrap gap-1">
        {SYNC_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={mode === sync}
            disabled={disabled}
            onClick={() => onChange(mode)}
            data-testid={`sync-${mode}`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-checked:border-sky-600 aria-checked:bg-sky-600 aria-checked:font-semibold aria-checked:text-white disabled:opacity-50 dark:border-slate-700"
          >
            {SYNC_LABELS[mode]}
          </button>
        ))}
      </div>
    </div>
  );
}
