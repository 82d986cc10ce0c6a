import { scenes } from '../scenes/registry';
import { readIsolation } from './isolation';
import { Notice } from './Notice';
import { sceneHash } from './route';

/** Scenes that offer part of themselves on a page without shared memory. */
const partial = scenes.filter((scene) => scene.withoutSharedMemory);

/**
 * What is missing, why, how to fix it, and what still works. Shown on the home page and in place
 * of any scene that needs shared memory when the page is not cross-origin isolated.
 */
export function IsolationNotice({ sceneTitle }: { sceneTitle?: string }) {
  const status = readIsolation();
  if (status.isolated) return null;
  return (
    <Notice tone="error">
      <p className="font-semibold">
        {sceneTitle
          ? `${sceneTitle} needs shared memory, which this page does not have.`
          : 'Shared memory is off on this page.'}
      </p>
      <p className="mt-1">
        <strong>What is missing:</strong> <code>SharedArrayBuffer</code> (and with it{' '}
        <code>Atomics.wait</code>), which the playground uses for shared counters, locks and queues between
        workers.
      </p>
      <p className="mt-1">
        <strong>Why:</strong> browsers only allow it on <em>cross-origin isolated</em> pages, which need two
        response headers: <code>Cross-Origin-Opener-Policy: same-origin</code> and{' '}
        <code>Cross-Origin-Embedder-Policy: require-corp</code>.
        {status.fallback === 'failed' &&
          ' The service-worker fallback was tried and did not succeed in this browser.'}
        {!status.secureContext &&
          ' This page is also not a secure context (use https or localhost), so the service-worker fallback cannot run.'}
      </p>
      <p className="mt-1">
        <strong>How to fix it:</strong> run <code>npm run dev</code> or <code>npm run preview</code> (both
        send the headers), or deploy with the shipped <code>_headers</code> / <code>vercel.json</code>, or
        serve over https/localhost so the bundled service worker can add them.
      </p>
      {partial.length > 0 && (
        <p className="mt-1">
          <strong>Still works without it:</strong>{' '}
          {partial.map((scene, i) => (
            <span key={scene.id}>
              {i > 0 && '; '}
              <a className="underline" href={sceneHash(scene.id)}>
                {scene.title}
              </a>
              : {scene.withoutSharedMemory}
            </span>
          ))}
          .
        </p>
      )}
    </Notice>
  );
}
