import { memo, useId, useState } from 'react';
import { AUTO, describeRange, parseUrlParams, type ParamSchema, type ParamSpec, type ParamValues } from './params';

/**
 * Controls generated from a scene's parameter schema. Typed values are checked with the same
 * rules as the URL: an out-of-range number is clamped and the message says what happened.
 * An int spec with `auto` gets an "auto" checkbox beside its number; while it is ticked the number
 * shows what auto stands for in this run (`autoValues`, from the scene) and cannot be edited.
 */
function ParamControlsView<S extends ParamSchema>({
  schema,
  values,
  onChange,
  disabled = false,
  only,
  autoValues,
}: {
  schema: S;
  values: ParamValues<S>;
  onChange: (next: ParamValues<S>) => void;
  disabled?: boolean;
  /** Show only these parameters (others are still kept in `values`). */
  only?: readonly (keyof S & string)[];
  /** For parameters set to "auto": the number the scene will use for them with these values. */
  autoValues?: Partial<Record<keyof S & string, number>>;
}) {
  const names = (only ?? Object.keys(schema)) as (keyof S & string)[];
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
      {names.map((name) => (
        <ParamControl
          key={name}
          name={name}
          spec={schema[name]!}
          value={(values as Record<string, unknown>)[name]}
          disabled={disabled}
          autoValue={autoValues?.[name]}
          onCommit={(value) => onChange({ ...values, [name]: value })}
        />
      ))}
    </div>
  );
}

/**
 * Memoised: a scene re-renders several times a second while a run is live, and the controls
 * (disabled meanwhile) need not. Pass a stable `onChange` for this to help.
 */
export const ParamControls = memo(ParamControlsView) as typeof ParamControlsView;

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function ParamControl({
  name,
  spec,
  value,
  disabled,
  autoValue,
  onCommit,
}: {
  name: string;
  spec: ParamSpec;
  value: unknown;
  disabled: boolean;
  autoValue: number | undefined;
  onCommit: (value: unknown) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const hint = describeRange(name, spec).replace(`${name} must be `, '');

  const commit = (text: string) => {
    setDraft(null);
    const { values, messages } = parseUrlParams({ [name]: spec }, new URLSearchParams([[name, text]]));
    setMessage(messages[0] ?? null);
    onCommit(values[name]);
  };

  const label = (
    <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
      {spec.label}
    </label>
  );
  const isAuto = spec.kind === 'int' && spec.auto === true && value === AUTO;
  const help = (
    <p id={`${id}-help`} className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
      {spec.help ? `${spec.help} ` : ''}({hint})
      {isAuto && autoValue !== undefined && (
        <span data-testid={`param-auto-${name}`}> Auto uses {autoValue.toLocaleString('en-US')} here.</span>
      )}
    </p>
  );
  const error = message && (
    <p role="status" className="mt-0.5 text-xs text-amber-700 dark:text-amber-300" data-testid={`param-message-${name}`}>
      {message}
    </p>
  );
  const inputClass =
    'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900';

  if (spec.kind === 'enum') {
    return (
      <div>
        {label}
        <select
          id={id}
          aria-describedby={`${id}-help`}
          className={inputClass}
          value={String(value)}
          disabled={disabled}
          onChange={(e) => commit(e.target.value)}
        >
          {spec.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  if (spec.kind === 'bool') {
    return (
      <div className="flex items-start gap-2 pt-5">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => commit(String(e.target.checked))}
        />
        <div>
          {label}
          {spec.help && <p className="text-xs text-slate-500 dark:text-slate-400">{spec.help}</p>}
        </div>
      </div>
    );
  }
  const input = (
    <input
      id={id}
      type="text"
      inputMode={spec.kind === 'int' ? 'numeric' : 'text'}
      aria-describedby={`${id}-help`}
      className={`${inputClass} font-mono`}
      value={isAuto ? (autoValue === undefined ? '' : String(autoValue)) : (draft ?? textOf(value))}
      placeholder={isAuto ? AUTO : undefined}
      disabled={disabled || isAuto}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== null && commit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
  if (spec.kind === 'int' && spec.auto) {
    // Unticking keeps the number auto stood for, so the run does not change until the user edits it.
    const fallback = autoValue ?? (typeof spec.default === 'number' ? spec.default : spec.min);
    return (
      <div>
        {label}
        <div className="flex items-center gap-2">
          {input}
          <label className="mt-1 flex shrink-0 items-center gap-1 text-sm text-slate-700 dark:text-slate-200">
            <input
              type="checkbox"
              className="h-4 w-4"
              aria-label={`${spec.label}: auto`}
              checked={isAuto}
              disabled={disabled}
              onChange={(e) => commit(e.target.checked ? AUTO : String(fallback))}
            />
            auto
          </label>
        </div>
        {help}
        {error}
      </div>
    );
  }
  return (
    <div>
      {label}
      {input}
      {help}
      {error}
    </div>
  );
}
