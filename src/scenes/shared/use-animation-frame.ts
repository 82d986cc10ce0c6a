import { useEffect, useRef } from 'react';

/**
 * Calls `onFrame(now)` once per animation frame while `active`. The callback is read through a
 * ref, so passing a new closure each render does not restart the loop.
 */
export function useAnimationFrame(onFrame: (now: number) => void, active: boolean): void {
  const callback = useRef(onFrame);
  useEffect(() => {
    callback.current = onFrame;
  });
  useEffect(() => {
    if (!active) return;
    let handle = requestAnimationFrame(function tick(now) {
      callback.current(now);
      handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [active]);
}
