import { useRef, useState } from 'react';
import { takeSnapshot, type EventRecord, type TelemetrySnapshot } from '../../telemetry/snapshot';
import { useAnimationFrame } from './use-animation-frame';

/**
 * The telemetry picture, sampled once per animation frame while `active` (workers never post
 * messages per event; the UI reads shared memory). Events are delivered incrementally: each
 * snapshot carries only the records written since the previous one, and `onEvents` (if given)
 * receives them so a scene can accumulate what it needs without re-reading the rings.
 */
export function useTelemetry(
  active: boolean,
  { onEvents, events = true }: { onEvents?: (events: EventRecord[]) => void; events?: boolean } = {},
): TelemetrySnapshot | null {
  const [snapshot, setSnapshot] = useState<TelemetrySnapshot | null>(null);
  const cursor = useRef<TelemetrySnapshot['cursor'] | undefined>(undefined);
  useAnimationFrame(() => {
    const next = takeSnapshot({ since: cursor.current, events });
    cursor.current = next.cursor;
    if (onEvents && next.events.length > 0) onEvents(next.events);
    setSnapshot(next);
  }, active);
  return snapshot;
}
