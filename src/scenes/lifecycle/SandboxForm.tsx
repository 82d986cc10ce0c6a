/**
 * "Start your own process": a name, what the target does, its arguments, daemon or not. The
 * first start opens a session (a run: Stop and Reset end it); "Parent exits" ends it the way a
 * Python program ends.
 */
import { useId, useState } from 'react';
import type { RunStatus } from '../shared/use-scene-run';
import { ENDING_LABELS, SANDBOX_ENDINGS, describeSpec, type SandboxEnding, type SandboxProcessSpec } from './sandbox';

const LIMITS = {
  steps: { min: 1, max: 100 },
  stepMs: { min: 10, max: 2_000 },
  exitCode: { min: 0, max: 255 },
} as const;

function clampField(name: keyof typeof LIMITS, raw: string, fallback: number): { value: number; message: string | null } {
  const { min, max } = LIMITS[name];
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return { value: fallback, message: `"${raw}" is not a number: ${name} must be an integer from ${min} to ${max}; using ${fallback}.` };
  const v = Math.min(max, Math.max(min, Math.round(n)));
  return { value: v, message: v !== n ? `${name}=${raw} is out of range (${min} to ${max}); using ${v}.` : null };
}

export function SandboxForm({
  sessionOpen,
  disabled,
  status,
  onStart,
  onParentExits,
  onStop,
}: {
  sessionOpen: boolean;
  disabled: boolean;
  status: RunStatus;
  onStart: (spec: SandboxProcessSpec) => void;
  onParentExits: () => void;
  onStop: () => void;
}) {
  const id = useId();
  const [count, setCount] = useState(1);
  const [name, setName] = useState('');
  const [ending, setEnding] = useState<SandboxEnding>('return');
  const [steps, setSteps] = useState('5');
  const [stepMs, setStepMs] = useState('200');
  const [exitCode, setExitCode] = useState('3');
  const [daemon, setDaemon] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);

  const submit = () => {
    const s = clampField('steps', steps, 5);
    const t = clampField('stepMs', stepMs, 200);
    const c = clampField('exitCode', exitCode, 3);
    setSteps(String(s.value));
    setStepMs(String(t.value));
    setExitCode(String(c.value));
    setMessages([s.message, t.message, c.message].filter((m): m is string => m !== null));
    const spec: SandboxProcessSpec = {
      name: name.trim() || `worker-${count}`,
      steps: s.value,
      stepMs: t.value,
      ending,
      exitCode: c.value,
      daemon,
    };
    setCount((n) => n + 1);
    setName('');
    onStart(spec);
  };

  const preview = describeSpec({ name, steps: Number(steps) || 0, stepMs: Number(stepMs) || 0, ending, exitCode: Number(exitCode) || 0, daemon });
  const input = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900';

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="sandbox">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          Your own processes
        </h2>
        <span className="text-xs text-slate-500 dark:text-slate-400" role="status" data-testid="sandbox-status">
          {sessionOpen ? 'session open: the processes below are yours to join, terminate or kill' : status === 'done' ? 'the parent exited' : status === 'stopped' ? 'stopped: every process was terminated' : 'no session yet'}
        </span>
      </div>
      <form
        className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-7"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="col-span-2 text-xs font-medium sm:col-span-1">
          name
          <input className={input} value={name} placeholder={`worker-${count}`} onChange={(e) => setName(e.target.value)} disabled={disabled} maxLength={24} />
        </label>
        <label className="col-span-2 text-xs font-medium">
          target does
          <select className={input} value={ending} onChange={(e) => setEnding(e.target.value as SandboxEnding)} disabled={disabled}>
            {SANDBOX_ENDINGS.map((v) => (
              <option key={v} value={v}>
                {ENDING_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium">
          steps
          <input className={`${input} font-mono`} inputMode="numeric" value={steps} onChange={(e) => setSteps(e.target.value)} disabled={disabled || ending === 'forever'} />
        </label>
        <label className="text-xs font-medium">
          ms per step
          <input className={`${input} font-mono`} inputMode="numeric" value={stepMs} onChange={(e) => setStepMs(e.target.value)} disabled={disabled} />
        </label>
        <label className="text-xs font-medium">
          exit code
          <input className={`${input} font-mono`} inputMode="numeric" value={exitCode} onChange={(e) => setExitCode(e.target.value)} disabled={disabled || ending !== 'exit'} />
        </label>
        <label className="flex items-end gap-1.5 pb-1.5 text-xs font-medium">
          <input type="checkbox" checked={daemon} onChange={(e) => setDaemon(e.target.checked)} disabled={disabled} />
          daemon
        </label>
        <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-4 xl:col-span-7">
          <button type="submit" disabled={disabled} className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-500 disabled:opacity-50">
            Start process
          </button>
          <button
            type="button"
            disabled={!sessionOpen}
            onClick={onParentExits}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Parent exits
          </button>
          <button
            type="button"
            disabled={!sessionOpen}
            onClick={onStop}
            className="rounded-md border border-rose-400 px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50 disabled:opacity-40 dark:text-rose-300 dark:hover:bg-rose-950"
          >
            Stop (terminate all)
          </button>
          <code className="text-xs text-slate-600 dark:text-slate-300">
            Process(target={preview.replace(/\(.*/, '')}, args={preview.slice(4)}
            {daemon ? ', daemon=True' : ''})
          </code>
        </div>
      </form>
      {disabled && <p className="text-xs text-slate-500">The guided run is going; your processes can start when it ends.</p>}
      {messages.map((m) => (
        <p key={m} role="status" className="text-xs text-amber-700 dark:text-amber-300">
          {m}
        </p>
      ))}
    </section>
  );
}
