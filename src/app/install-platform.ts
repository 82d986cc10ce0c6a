import { browserPlatform } from '../runtime/platform/browser';
import { setPlatform } from '../runtime/platform/platform';

/** The runtime is platform-neutral; in the app it spawns Web Workers. */
export function installPlatform(): void {
  setPlatform(browserPlatform);
}
