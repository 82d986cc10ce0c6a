import type { ComponentType } from 'react';
import type { ParamSchema, ParamValues } from './params';

/** What a headless run gets: a signal that Stop (or leaving the scene) aborts. */
export interface RunContext {
  signal: AbortSignal;
  /** Optional progress callback, 0..1, for callers that show a bar. */
  onProgress?: (fraction: number) => void;
}

/** One line of the home page's concept map. */
export interface ConceptLine {
  python: string;
  go: string;
  /** What the user sees in this scene, in a few words. */
  shows: string;
}

/** Props every scene component receives from the shell. */
export interface SceneProps<S extends ParamSchema> {
  params: ParamValues<S>;
  /** Update parameters; the shell writes them to the URL. */
  setParams: (next: ParamValues<S>) => void;
  /**
   * Whether the page has SharedArrayBuffer. A scene is mounted without it only when it declares
   * `withoutSharedMemory`, and must then offer just that part.
   */
  isolated: boolean;
}

/**
 * One entry of the scene registry. The shell builds navigation, routing, URL validation and
 * `window.playground.run` from it; the scene itself supplies only its UI and its headless runner.
 */
export interface SceneDefinition<S extends ParamSchema = ParamSchema, R = unknown> {
  id: string;
  title: string;
  summary: string;
  needsSharedMemory: boolean;
  /**
   * What the scene still offers on a page without SharedArrayBuffer, in a few words (e.g. "the
   * step-through"); absent when nothing works there, and the shell shows why instead.
   */
  withoutSharedMemory?: string;
  concepts: ConceptLine[];
  params: S;
  /**
   * Runs the scene's experiment without the UI and resolves with plain JSON: the same object the
   * scene's "Export JSON" gives. Must terminate every worker it started when it settles or when
   * `ctx.signal` aborts (then it rejects with an AbortError).
   */
  run: (params: ParamValues<S>, ctx: RunContext) => Promise<R>;
  /** Loaded lazily so the initial bundle stays small. */
  load: () => Promise<{ default: ComponentType<SceneProps<S>> }>;
}

/**
 * A scene of any schema, as the registry holds them. (`any` here only erases the per-scene
 * parameter type; each scene's own definition is fully typed.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScene = SceneDefinition<any, any>;

/** Helps TypeScript infer S and R at each scene's definition site. */
export function defineScene<S extends ParamSchema, R>(scene: SceneDefinition<S, R>): SceneDefinition<S, R> {
  return scene;
}
