import { startTransition, useEffect, useState } from 'react';

/**
 * `value` a frame late while `lagging`: what renders from it is laid out and painted in the frame
 * after whatever renders `value` itself. While every core is busy with workers, two frames of a few
 * milliseconds each are drawn on time, where one of both together was often stretched past 50 ms
 * (the pool's chart, breakdown and table when a round's numbers came in). Not lagging, it is
 * `value`, at once.
 */
export function useNextFrameValue<T>(value: T, lagging: boolean): T {
  const [late, setLate] = useState(value);
  // Not lagging, it keeps up (React's pattern for state derived from props): lagging again later,
  // it must not bring back a value from before.
  if (!lagging && late !== value) setLate(value);
  useEffect(() => {
    if (!lagging) return;
    const frame = requestAnimationFrame(() => startTransition(() => setLate(value)));
    return () => cancelAnimationFrame(frame);
  }, [value, lagging]);
  return lagging ? late : value;
}
