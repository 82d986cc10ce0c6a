/**
 * `window.playground`: the automation API. The benchmark, the end-to-end tests and curious users
 * in the console drive scenes through it, with the same validation a URL gets (but strict: bad
 * parameters reject instead of being clamped).
 */
import { liveWorkerCount } from '../runtime/process/process-table';
import { findScene, scenes } from '../scenes/registry';
import { ParamError, validateParams, type ParamSchema, type ParamValues } from '../scenes/shared/params';
import { startRun, stopRun } from '../scenes/shared/run-controller';
import type { BenchProbes } from '../scenes/pool/bench-probes';
import { readIsolation } from './isolation';

export interface PlaygroundApi {
  /** The registered scenes. */
  scenes(): { id: string; title: string; needsSharedMemory: boolean }[];
  /** Runs a scene's experiment headlessly; resolves with the same JSON its "Export JSON" gives. */
  run(id: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Stops whatever runs, terminating its workers. */
  stop(): Promise<void>;
  /** Whether the page is cross-origin isolated (SharedArrayBuffer available). */
  readonly isolated: boolean;
  /** How many workers (processes) are alive right now: 0 after every run ends or stops. */
  liveWorkers(): number;
  /**
   * Micro-benchmarks that need a direct runtime handle (process start, warm dispatch, locked
   * increments, queue throughput, postMessage): `npm run bench` uses them. Loaded on first call.
   */
  bench(): Promise<BenchProbes>;
}

declare global {
  interface Window {
    playground: PlaygroundApi;
  }
}

/** A rejection whose message a test or a user can read: which parameter, which range. */
function reject(message: string): Promise<never> {
  return Promise.reject(new Error(message));
}

export const playground: PlaygroundApi = {
  scenes: () => scenes.map(({ id, title, needsSharedMemory }) => ({ id, title, needsSharedMemory })),

  run(id, params) {
    const scene = typeof id === 'string' ? findScene(id) : undefined;
    if (!scene) {
      return reject(`unknown scene ${JSON.stringify(id)}; scenes: ${scenes.map((s) => s.id).join(', ')}`);
    }
    if (scene.needsSharedMemory && !readIsolation().isolated) {
      return reject(
        `scene "${id}" needs SharedArrayBuffer, which this page does not have: it is not cross-origin isolated (COOP/COEP headers missing)`,
      );
    }
    let values: ParamValues<ParamSchema>;
    try {
      values = validateParams(scene.params, params);
    } catch (error) {
      if (error instanceof ParamError) return reject(`${scene.id}: ${error.message}`);
      throw error;
    }
    return startRun(scene.id, (signal) => scene.run(values, { signal })).then(
      // Plain JSON, exactly what "Export JSON" writes.
      (result) => JSON.parse(JSON.stringify(result)) as unknown,
    );
  },

  stop: stopRun,

  get isolated() {
    return readIsolation().isolated;
  },

  liveWorkers: liveWorkerCount,

  bench: () => import('../scenes/pool/bench-probes').then((module) => module.benchProbes),
};

export function installPlaygroundApi(): void {
  Object.defineProperty(window, 'playground', { value: playground, configurable: true, enumerable: true });
}
