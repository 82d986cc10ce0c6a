/** The scene's side notes: how the figures are measured, and experiments worth trying. */
export function SceneNotes() {
  return (
    <>
      <details className="text-sm text-slate-600 dark:text-slate-300">
        <summary className="cursor-pointer font-medium">How it is measured</summary>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>
            The serial baseline runs the whole range as one call in a worker, after warm-up calls, so it gets
            the same JIT as the pool.
          </li>
          <li>
            Each repeat measures the serial run and every pool size once, in alternating order: a change in
            the machine&apos;s load hits them alike.
          </li>
          <li>
            Cold: the clock starts before the pool is created. Warm: the pool is started and warmed up first;
            only the call is timed.
          </li>
          <li>Speedup is serial median ÷ pool median; the bars span the slowest and fastest repeat.</li>
          <li>
            The Amdahl fit is a least-squares fit of 1/speedup = f + (1 − f)/p, with p capped at the core
            count for CPU-bound work.
          </li>
        </ul>
      </details>
      <details className="text-sm text-slate-600 dark:text-slate-300">
        <summary className="cursor-pointer font-medium">Things to try</summary>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>
            Size 5,000,000, cold pool: start-up dwarfs the work, as in CPython. Tick “warm pool” and run
            again.
          </li>
          <li>Tasks 256, chunksize 1 then 0: watch the lanes deal one range at a time, then in batches.</li>
          <li>
            Prime counting with tasks 0: the last range holds the biggest numbers, so one worker finishes
            last.
          </li>
          <li>
            I/O-like wait with pool sizes 1,4,8: speedup passes the core count, because waiting needs no core.
          </li>
        </ul>
      </details>
    </>
  );
}
