/**
 * Whether this page may use SharedArrayBuffer, and if not, why — in words a user can act on.
 */
export interface IsolationStatus {
  isolated: boolean;
  hasSharedArrayBuffer: boolean;
  /** What the service-worker fallback (public/coi-serviceworker.js) reported. */
  fallback: 'not-needed' | 'registering' | 'activating' | 'unsupported' | 'failed' | 'absent';
  secureContext: boolean;
}

declare global {
  interface Window {
    __coiServiceWorker?: { state: IsolationStatus['fallback']; error?: string };
  }
}

export function readIsolation(): IsolationStatus {
  return {
    isolated: globalThis.crossOriginIsolated === true,
    hasSharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    fallback: typeof window !== 'undefined' ? (window.__coiServiceWorker?.state ?? 'absent') : 'absent',
    secureContext: typeof window !== 'undefined' ? window.isSecureContext : false,
  };
}
