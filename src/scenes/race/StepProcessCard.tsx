/**
 * One process in the step-through: its Python source with its current line, the atomic steps of
 * the increment it is in, its private register, and the button that makes it take one step.
 */
import { processColor } from '../../charts/process-colors';
import { currentIncrement, nextStep, processStatus, type SimState } from '../../sim/race-machine';
import { incrementSteps, processLabel, pythonSource } from '../../sim/race-program';

const STATUS_TEXT = {
  ready: 'ready',
  'waiting-for-lock': 'waiting for the lock',
  done: 'done',
} as const;

export function StepProcessCard({
  state,
  pid,
  onStep,
}: {
  state: SimState;
  pid: number;
  onStep: (pid: number) => void;
}) {
  const label = processLabel(pid);
  const color = processColor(pid);
  const status = processStatus(state, pid);
  const next = nextStep(state, pid);
  const steps = incrementSteps(state.program);
  const proc = state.processes[pid]!;
  const stepInIncrement = next ? proc.pc % steps.length : steps.length;
  const increment = Math.min(currentIncrement(state, pid) + 1, state.program.increments);
  const source = pythonSource(state.program);
  const key = String(pid + 1);
  const blockedBy =
    status === 'waiting-for-lock' && state.lockHolder !== null ? processLabel(state.lockHolder) : null;

  return (
    <article
      aria-label={`Process ${label}`}
      data-testid={`sim-process-${pid + 1}`}
      data-status={status}
      className="flex flex-col gap-3 rounded-xl border-2 bg-white p-4 dark:bg-slate-900"
      style={{ borderColor: color }}
    >
      <header className="flex items-center gap-2">
        <span className="h-4 w-4 rounded-full" style={{ background: color }} aria-hidden="true" />
        <h3 className="text-xl font-bold">{label}</h3>
        <span
          className={`ml-auto rounded-full px-2.5 py-0.5 text-sm font-medium ${
            status === 'ready'
              ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100'
              : status === 'done'
                ? 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-200'
                : 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100'
          }`}
          data-testid={`sim-status-${pid + 1}`}
        >
          {STATUS_TEXT[status]}
          {blockedBy ? ` (held by ${blockedBy})` : ''}
        </span>
      </header>

      <pre
        className="overflow-x-auto rounded-md bg-slate-50 py-2 font-mono text-sm leading-relaxed dark:bg-slate-950"
        aria-label={`${label}'s Python source`}
      >
        {source.map((line, i) => {
          const current = next?.line === i + 1;
          return (
            <div
              key={i}
              className="px-3"
              style={current ? { background: `${color}40`, boxShadow: `inset 4px 0 0 ${color}` } : undefined}
              aria-current={current ? 'step' : undefined}
            >
              {line}
            </div>
          );
        })}
      </pre>

      <div>
        <p className="mb-1 text-sm text-slate-600 dark:text-slate-300">
          {next
            ? `Increment ${increment} of ${state.program.increments}, step by step:`
            : `All ${state.program.increments} increments done.`}
        </p>
        <ol className="space-y-0.5 font-mono text-sm" aria-label={`${label}'s steps in this increment`}>
          {steps.map((s, i) => {
            const done = i < stepInIncrement;
            const isNext = next !== null && i === stepInIncrement;
            return (
              <li
                key={i}
                className={`flex items-center gap-2 rounded px-2 py-0.5 ${isNext ? 'font-bold' : done ? 'opacity-50' : 'opacity-80'}`}
                style={isNext ? { background: `${color}33` } : undefined}
                aria-current={isNext ? 'step' : undefined}
              >
                <span className="w-4 text-center" aria-hidden="true">
                  {isNext ? '▶' : done ? '✓' : ''}
                </span>
                <span>{s.expanded}</span>
                <span className="ml-auto hidden text-xs font-normal text-slate-500 sm:inline dark:text-slate-400">
                  {s.machine}
                </span>
              </li>
            );
          })}
        </ol>
      </div>

      <p className="text-lg">
        register <span className="font-mono">tmp</span> ={' '}
        <output
          className="font-mono text-2xl font-bold"
          data-testid={`sim-register-${pid + 1}`}
          aria-label={`${label}'s register tmp`}
        >
          {proc.register ?? '—'}
        </output>
      </p>

      <button
        type="button"
        onClick={() => onStep(pid)}
        disabled={status !== 'ready'}
        aria-keyshortcuts={key}
        className="rounded-lg px-4 py-2.5 text-base font-semibold text-slate-950 shadow disabled:cursor-not-allowed disabled:opacity-40"
        style={{ background: color }}
      >
        {next ? `Step ${label}: ${next.op}` : `${label} is done`}
        <kbd className="ml-2 rounded border border-slate-900/30 px-1.5 text-sm font-normal">{key}</kbd>
      </button>
    </article>
  );
}
