import { readIsolation } from './isolation';

/** Always visible: whether real shared memory is available on this page. */
export function IsolationBadge() {
  const { isolated } = readIsolation();
  return (
    <span
      data-testid="isolation-badge"
      data-isolated={isolated}
      title={
        isolated
          ? 'Cross-origin isolated: SharedArrayBuffer and Atomics are available'
          : 'Not cross-origin isolated: no SharedArrayBuffer; scenes that need shared memory are disabled'
      }
      className={`rounded-full px-2.5 py-1 text-xs font-medium ${
        isolated
          ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100'
          : 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100'
      }`}
    >
      {isolated ? '● Shared memory on' : '○ No shared memory'}
    </span>
  );
}
