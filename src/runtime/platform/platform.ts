/**
 * The installed platform adapter.
 *
 *   setPlatform(p)  install an adapter (node-setup.ts installs the Node one for tests)
 *   getPlatform()   the adapter; in a page with Web Workers it defaults to the browser adapter
 *
 * Only the parent (the page, or the Node test process) spawns processes.
 */
import { browserPlatform } from './browser';
import type { Platform } from './types';

export type { Platform, WorkerInit, WorkerLike, WorkerSide } from './types';

let installed: Platform | null = null;

export function setPlatform(platform: Platform): void {
  installed = platform;
}

export function getPlatform(): Platform {
  if (installed) return installed;
  if (typeof Worker === 'function' && typeof navigator !== 'undefined') return (installed = browserPlatform);
  throw new Error(
    'No platform adapter installed: in Node call setPlatform(nodePlatform) from runtime/platform/node.ts ' +
      '(the Vitest setup file node-setup.ts does this)',
  );
}

/** Whether this context has SharedArrayBuffer at all (a page needs cross-origin isolation). */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function';
}

/** Python's `os.cpu_count()` / `multiprocessing.cpu_count()`: logical cores of this machine. */
export function cpuCount(): number {
  return getPlatform().cpuCount();
}
