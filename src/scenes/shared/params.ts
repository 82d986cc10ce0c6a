/**
 * Parameter schemas for scenes, and the two ways parameters arrive:
 * - from the URL (a human's link): lenient — out-of-range values are clamped, nonsense is
 *   replaced by the default, and every change is reported as a message to show;
 * - from `window.playground.run` (a program): strict — anything invalid rejects with a message
 *   naming the parameter and its valid range.
 */

/**
 * An integer. With `auto: true` the value may also be the word "auto": the scene decides the
 * number at run time from the other parameters (and says which number it used); an explicit
 * number always wins.
 */
export type IntSpec = { kind: 'int'; label: string; min: number; max: number; help?: string } & (
  | { auto?: false; default: number }
  | { auto: true; default: number | 'auto' }
);

export type ParamSpec =
  | IntSpec
  | { kind: 'enum'; label: string; values: readonly string[]; default: string; help?: string }
  | { kind: 'bool'; label: string; default: boolean; help?: string }
  | {
      kind: 'int-list';
      label: string;
      min: number;
      max: number;
      minLength: number;
      maxLength: number;
      default: readonly number[];
      help?: string;
    };

export type ParamSchema = Record<string, ParamSpec>;

/** The value type a spec produces. */
export type ParamValue<S extends ParamSpec> = S extends { kind: 'int'; auto: true }
  ? number | 'auto'
  : S extends { kind: 'int' }
    ? number
    : S extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : S extends { kind: 'bool' }
        ? boolean
        : number[];

export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ParamValue<S[K]> };

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

/** "processes must be an integer from 1 to 16" — the one phrasing used everywhere. */
export function describeRange(name: string, spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return `${name} must be ${spec.auto ? '"auto" or ' : ''}an integer from ${spec.min} to ${spec.max}`;
    case 'enum':
      return `${name} must be one of ${spec.values.map((v) => `"${v}"`).join(', ')}`;
    case 'bool':
      return `${name} must be true or false`;
    case 'int-list':
      return `${name} must be a list of ${spec.minLength} to ${spec.maxLength} integers, each from ${spec.min} to ${spec.max}`;
  }
}

export function defaults<S extends ParamSchema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    out[name] = spec.kind === 'int-list' ? [...spec.default] : spec.default;
  }
  return out as ParamValues<S>;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The word an `auto` int spec accepts instead of a number. */
export const AUTO = 'auto';

/** A default as a message shows it: "auto" quoted, like the enum values. */
const shownDefault = (value: number | string) => (typeof value === 'string' ? `"${value}"` : String(value));

function parseIntStrict(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw !== 'string' || !/^\s*-?\d+\s*$/.test(raw.replace(/_/g, ''))) return undefined;
  return Number(raw.replace(/_/g, ''));
}

/** Lenient parse of URL parameters: always returns usable values, plus what was corrected. */
export function parseUrlParams<S extends ParamSchema>(
  schema: S,
  query: URLSearchParams,
): { values: ParamValues<S>; messages: string[] } {
  const values = defaults(schema) as Record<string, unknown>;
  const messages: string[] = [];
  for (const key of query.keys()) {
    if (!(key in schema)) messages.push(`Unknown parameter "${key}" was ignored.`);
  }
  for (const [name, spec] of Object.entries(schema)) {
    const raw = query.get(name);
    if (raw === null) continue;
    const range = describeRange(name, spec);
    switch (spec.kind) {
      case 'int': {
        if (spec.auto && raw.trim().toLowerCase() === AUTO) {
          values[name] = AUTO;
          break;
        }
        const asNumber = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(asNumber)) {
          messages.push(
            spec.auto
              ? `${name}="${raw}" is not valid: ${range}; using ${shownDefault(spec.default)}.`
              : `"${raw}" is not a number: ${range}; using ${spec.default}.`,
          );
          break;
        }
        const n = clamp(Math.round(asNumber), spec.min, spec.max);
        if (n !== asNumber) messages.push(`${name}=${raw} is out of range: ${range}; using ${n}.`);
        values[name] = n;
        break;
      }
      case 'enum':
        if (spec.values.includes(raw)) values[name] = raw;
        else messages.push(`${name}="${raw}" is not valid: ${range}; using "${spec.default}".`);
        break;
      case 'bool':
        if (raw === 'true' || raw === '1' || raw === 'on') values[name] = true;
        else if (raw === 'false' || raw === '0' || raw === 'off') values[name] = false;
        else messages.push(`${name}="${raw}" is not valid: ${range}; using ${spec.default}.`);
        break;
      case 'int-list': {
        const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const nums = parts.map(Number).filter((x) => Number.isFinite(x));
        let list = [...new Set(nums.map((x) => clamp(Math.round(x), spec.min, spec.max)))];
        list = list.slice(0, spec.maxLength);
        if (list.length < spec.minLength) {
          messages.push(`${name}="${raw}" is not valid: ${range}; using ${spec.default.join(',')}.`);
          break;
        }
        if (nums.length !== parts.length || list.join(',') !== parts.join(',')) {
          messages.push(`${name}="${raw}" was corrected: ${range}; using ${list.join(',')}.`);
        }
        values[name] = list;
        break;
      }
    }
  }
  return { values: values as ParamValues<S>, messages };
}

/** Strict validation for programmatic runs: missing keys take defaults, anything else invalid throws. */
export function validateParams<S extends ParamSchema>(schema: S, input: unknown): ParamValues<S> {
  if (input === undefined || input === null) return defaults(schema);
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ParamError('params', 'params must be an object such as { processes: 2 }');
  }
  const values = defaults(schema) as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in schema)) {
      throw new ParamError(key, `unknown parameter "${key}"; valid parameters: ${Object.keys(schema).join(', ')}`);
    }
  }
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const spec = schema[name]!;
    const fail = () => new ParamError(name, `${describeRange(name, spec)} (got ${JSON.stringify(raw) ?? String(raw)})`);
    switch (spec.kind) {
      case 'int': {
        if (spec.auto && raw === AUTO) {
          values[name] = AUTO;
          break;
        }
        const n = parseIntStrict(raw);
        if (n === undefined || n < spec.min || n > spec.max) throw fail();
        values[name] = n;
        break;
      }
      case 'enum':
        if (typeof raw !== 'string' || !spec.values.includes(raw)) throw fail();
        values[name] = raw;
        break;
      case 'bool':
        if (typeof raw !== 'boolean') throw fail();
        values[name] = raw;
        break;
      case 'int-list': {
        if (!Array.isArray(raw) || raw.length < spec.minLength || raw.length > spec.maxLength) throw fail();
        const list = raw.map(parseIntStrict);
        if (list.some((n) => n === undefined || n < spec.min || n > spec.max)) throw fail();
        values[name] = list;
        break;
      }
    }
  }
  return values as ParamValues<S>;
}

/** The URL query for a set of values; parameters equal to their default are left out. */
export function toQuery<S extends ParamSchema>(schema: S, values: ParamValues<S>): string {
  const query = new URLSearchParams();
  for (const [name, spec] of Object.entries(schema)) {
    const v = (values as Record<string, unknown>)[name];
    const text = Array.isArray(v) ? v.join(',') : String(v);
    const def = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
    if (text !== def) query.set(name, text);
  }
  return query.toString();
}
