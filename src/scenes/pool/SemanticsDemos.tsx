/**
 * Pool's semantics, each demo run for real on a fresh pool: ordering of map / starmap / imap /
 * imap_unordered, get(timeout), where exceptions surface, and what an initializer is for.
 */
import { useCallback, useState } from 'react';
import { CodePanel } from '../shared/CodePanel';
import type { RunContext } from '../shared/scene-definition';
import { useSceneRun } from '../shared/use-scene-run';
import { demoListings } from './demo-listings';
import { DEMOS, type DemoDefinition, type DemoLine } from './semantics-demos';

const TONE: Record<DemoLine['tone'], string> = {
  info: 'text-slate-700 dark:text-slate-200',
  ok: 'text-emerald-700 dark:text-emerald-300',
  raised: 'text-rose-700 dark:text-rose-300',
};
const MARK: Record<DemoLine['tone'], string> = { info: '·', ok: '✓', raised: '✗' };

function DemoCard({ demo }: { demo: DemoDefinition }) {
  const [lines, setLines] = useState<DemoLine[]>([]);
  const runner = useCallback(
    (_: null, ctx: RunContext) => demo.run(ctx.signal, (line) => setLines((old) => [...old, line])),
    [demo],
  );
  const run = useSceneRun<null, void>('pool', runner);
  const running = run.status === 'running';
  return (
    <article
      aria-labelledby={`demo-${demo.id}`}
      className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-testid={`demo-${demo.id}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`demo-${demo.id}`} className="font-semibold">
          {demo.title}
        </h3>
        <button
          type="button"
          disabled={running}
          onClick={() => {
            setLines([]);
            void run.start(null);
          }}
          className="rounded-md bg-sky-600 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-500 disabled:opacity-50"
          aria-label={`Run the demo: ${demo.title}`}
        >
          {running ? 'Running…' : 'Run demo'}
        </button>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">{demo.explanation}</p>
      <ol
        role="log"
        aria-live="polite"
        aria-label={`${demo.title}: outcome`}
        className="min-h-[2.5rem] space-y-0.5 rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-900"
      >
        {lines.length === 0 && !running && (
          <li className="text-slate-500 dark:text-slate-400">Not run yet.</li>
        )}
        {lines.map((line, i) => (
          <li key={i} className={TONE[line.tone]} data-tone={line.tone}>
            {MARK[line.tone]} {line.text}
          </li>
        ))}
        {run.status === 'error' && <li className={TONE.raised}>✗ the demo itself failed: {run.error}</li>}
        {run.status === 'stopped' && <li className="text-slate-500">stopped</li>}
      </ol>
      <CodePanel listings={demoListings(demo.id)} title={`${demo.title}: Python and Go`} />
    </article>
  );
}

export function SemanticsDemos() {
  return (
    <section
      aria-labelledby="pool-semantics"
      className="skip-offscreen space-y-3"
      style={{ containIntrinsicSize: 'auto 1440px' }}
    >
      <h2 id="pool-semantics" className="text-xl font-semibold">
        Pool semantics, run for real
      </h2>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        Each demo starts its own pool, does what the Python beside it does, prints what happened and ends its
        workers.
      </p>
      <div className="grid gap-4 xl:grid-cols-2">
        {DEMOS.map((demo) => (
          <DemoCard key={demo.id} demo={demo} />
        ))}
      </div>
    </section>
  );
}
