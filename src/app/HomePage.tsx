import { scenes } from '../scenes/registry';
import { IsolationNotice } from './IsolationNotice';
import { sceneHash } from './route';

/** The concept map: each Python multiprocessing concept, the scene that shows it, its Go twin. */
export function HomePage() {
  const rows = scenes.flatMap((scene) => scene.concepts.map((concept) => ({ scene, concept })));
  return (
    <div>
      <section className="max-w-4xl py-6">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">See processes race, lock, queue and deadlock.</h1>
        <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">
          Everything Python's <code>multiprocessing</code> tutorials teach, running for real in your browser: Web Workers are the
          processes, <code>SharedArrayBuffer</code> and <code>Atomics</code> are the shared memory and the locks, and every number is
          measured on your own {navigator.hardwareConcurrency || 'few'} cores. Each scene shows the Python, and the Go it maps to.
        </p>
      </section>
      <IsolationNotice />
      <h2 className="mb-2 mt-4 text-xl font-semibold">Concept map</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm" data-testid="concept-map">
          <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Python <code>multiprocessing</code>
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Scene: what you see
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Go
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ scene, concept }) => (
              <tr key={`${scene.id}:${concept.python}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-4 py-2 font-mono text-[0.85rem]">{concept.python}</td>
                <td className="px-4 py-2">
                  <a className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-300" href={sceneHash(scene.id)}>
                    {scene.title}
                  </a>
                  <span className="text-slate-600 dark:text-slate-400"> — {concept.shows}</span>
                  {scene.needsSharedMemory && (
                    <span className="sr-only"> (needs shared memory)</span>
                  )}
                </td>
                <td className="px-4 py-2 font-mono text-[0.85rem]">{concept.go}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mb-2 mt-8 text-xl font-semibold">Scenes</h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {scenes.map((scene) => (
          <li key={scene.id}>
            <a
              href={sceneHash(scene.id)}
              className="block h-full rounded-lg border border-slate-200 p-4 hover:border-sky-400 hover:bg-sky-50/50 dark:border-slate-800 dark:hover:border-sky-600 dark:hover:bg-sky-950/30"
            >
              <span className="font-semibold">{scene.title}</span>
              <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{scene.summary}</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-slate-500">
        Automate it from the console: <code>await playground.run('race', {'{'} sync: 'none' {'}'})</code>. See the README for the API.
      </p>
    </div>
  );
}
