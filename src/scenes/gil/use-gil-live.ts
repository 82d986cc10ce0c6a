/**
 * Samples telemetry once per animation frame while a GIL run is going and keeps the picture of
 * the latest serial, threads and processes measurement of the workload being measured.
 */
import { startTransition, useCallback, useRef, useState } from 'react';
import { takeSnapshot, type EventCursor, type TelemetrySnapshot } from '../../telemetry';
import { useAnimationFrame } from '../shared/use-animation-frame';
import { PhaseTrack, snapshotMs, type GilPhaseView } from './gil-live';
import type { GilWorkload } from './gil-params';
import type { GilMode } from './gil-result';
import type { GilPhase } from './run-gil';

export interface GilLivePicture {
  workload: GilWorkload | null;
  /** The mode being measured now (null when idle). */
  current: GilMode | null;
  views: Partial<Record<GilMode, GilPhaseView>>;
}

const EMPTY: GilLivePicture = { workload: null, current: null, views: {} };

const RENDER_MS = 66;

export function useGilLive(active: boolean) {
  const tracks = useRef<Partial<Record<GilMode, PhaseTrack>>>({});
  const current = useRef<{ workload: GilWorkload | null; mode: GilMode | null }>({
    workload: null,
    mode: null,
  });
  const cursor = useRef<EventCursor | undefined>(undefined);
  const [picture, setPicture] = useState<GilLivePicture>(EMPTY);

  const render = useCallback((snapshot: TelemetrySnapshot | null) => {
    const views: Partial<Record<GilMode, GilPhaseView>> = {};
    for (const [mode, track] of Object.entries(tracks.current) as [GilMode, PhaseTrack][])
      views[mode] = track.view(snapshot);
    setPicture({ workload: current.current.workload, current: current.current.mode, views });
  }, []);

  const sample = useCallback(() => {
    const snapshot = takeSnapshot({ since: cursor.current });
    cursor.current = snapshot.cursor;
    for (const track of Object.values(tracks.current)) {
      if (!track || track.done) continue;
      track.ingest(snapshot.events, snapshot.epochMs);
      track.advanceTo(snapshotMs(snapshot, track.phase));
    }
    return snapshot;
  }, []);

  // Sampled every frame, rendered at most every RENDER_MS and in a transition: each render of the
  // timelines and the scene costs the main thread while the workers hold the cores (traced: the
  // whole scene re-rendered every frame, 49 fps with 8 workers).
  const renderedAt = useRef(-Infinity);
  useAnimationFrame((now) => {
    const snapshot = sample();
    if (now - renderedAt.current < RENDER_MS) return;
    renderedAt.current = now;
    startTransition(() => render(snapshot));
  }, active);

  /** Call before a run starts: forget the old picture and skip events written before now. */
  const reset = useCallback(() => {
    tracks.current = {};
    current.current = { workload: null, mode: null };
    cursor.current = takeSnapshot({ events: false }).cursor;
    setPicture(EMPTY);
  }, []);

  /** The runner's onPhase: a new measurement begins. */
  const onPhase = useCallback(
    (phase: GilPhase) => {
      // Whatever was still being drawn belongs to a measurement that has ended.
      const snapshot = sample();
      for (const track of Object.values(tracks.current)) track?.finish();
      if (current.current.workload !== phase.workload) tracks.current = {};
      tracks.current[phase.mode] = new PhaseTrack(phase);
      current.current = { workload: phase.workload, mode: phase.mode };
      render(snapshot);
    },
    [render, sample],
  );

  /** The run ended: draw its last events and freeze. */
  const settle = useCallback(() => {
    const snapshot = sample();
    for (const track of Object.values(tracks.current)) track?.finish();
    current.current = { ...current.current, mode: null };
    render(snapshot);
  }, [render, sample]);

  return { picture, reset, onPhase, settle };
}
