/** The explanation beside the run; `backticks` in the text become inline code. */
import type { ExplanationBlock } from './race-explanation';

function withCode(text: string) {
  return text.split('`').map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] dark:bg-slate-800">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

export function ExplanationPanel({ blocks }: { blocks: readonly ExplanationBlock[] }) {
  return (
    <section
      aria-labelledby="race-explanation"
      className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="race-explanation"
    >
      <h2 id="race-explanation" className="text-lg font-semibold">
        What is going on
      </h2>
      {blocks.map((block) => (
        <div key={block.heading}>
          <h3 className="font-semibold">{block.heading}</h3>
          <p className="mt-0.5 leading-relaxed text-slate-700 dark:text-slate-300">{withCode(block.text)}</p>
        </div>
      ))}
    </section>
  );
}
