/**
 * The handle protocol: how a Lock, Value, Queue… crosses to a worker.
 *
 *   interface Shareable { toHandle(): Handle }     implemented by every primitive
 *   Handle = { __mp: '<Kind>', ...plain data and SharedArrayBuffers }
 *   registerHandleKind(kind, rebuild)              each primitive module registers its rebuild
 *   encodeArgs(args) / encodeValue(v)              parent side: primitives → handles, then a
 *                                                  cloneability check that throws PicklingError
 *   decodeArgs(args) / decodeValue(v)              worker side: handles → primitives over the
 *                                                  same memory
 *
 * Primitives are found at any depth in arrays, plain objects, Maps and Sets. Everything else is
 * structured-cloned as is (that is our pickling). The worker must have imported the module that
 * registers a kind before decoding it: `process/handle-kinds.ts` imports them all.
 */
import { PicklingError, describeValue } from '../errors';

export interface Handle {
  readonly __mp: string;
  readonly [field: string]: unknown;
}

export interface Shareable {
  toHandle(): Handle;
}

export type Rebuild = (handle: Handle) => unknown;

const kinds = new Map<string, Rebuild>();

export function registerHandleKind(kind: string, rebuild: Rebuild): void {
  kinds.set(kind, rebuild);
}

export function registeredHandleKinds(): string[] {
  return [...kinds.keys()];
}

export function isShareable(v: unknown): v is Shareable {
  return typeof v === 'object' && v !== null && typeof (v as Partial<Shareable>).toHandle === 'function';
}

export function isHandle(v: unknown): v is Handle {
  return typeof v === 'object' && v !== null && typeof (v as { __mp?: unknown }).__mp === 'string';
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Walks containers, replacing primitives by `map(primitive)` and leaving other leaves alone. */
function transform(v: unknown, replace: (v: unknown) => unknown | undefined): unknown {
  const replaced = replace(v);
  if (replaced !== undefined) return replaced;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => transform(x, replace));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [transform(k, replace), transform(x, replace)]));
  if (v instanceof Set) return new Set([...v].map((x) => transform(x, replace)));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) out[key] = transform(v[key], replace);
    return out;
  }
  return v;
}

/** Parent side: one value → its sendable form. Throws PicklingError naming what failed. */
export function encodeValue(v: unknown, path = 'value'): unknown {
  const encoded = transform(v, (x) => (isShareable(x) ? x.toHandle() : undefined));
  assertCloneable(encoded, path);
  return encoded;
}

/** Parent side: process arguments → their sendable form. */
export function encodeArgs(args: readonly unknown[]): unknown[] {
  return encodeValue([...args], 'args') as unknown[];
}

/** Worker side: rebuild primitives from handles. */
export function decodeValue(v: unknown): unknown {
  return transform(v, (x) => {
    if (!isHandle(x)) return undefined;
    const rebuild = kinds.get(x.__mp);
    if (!rebuild) {
      throw new Error(`No handle kind "${x.__mp}" is registered in this worker (known: ${registeredHandleKinds().join(', ')})`);
    }
    return rebuild(x);
  });
}

export function decodeArgs(args: readonly unknown[]): unknown[] {
  return decodeValue([...args]) as unknown[];
}

/**
 * structuredClone is the exact test of what postMessage accepts. On failure, descend to the
 * innermost part that still fails so the error names it (`args[1].onDone: function onDone`).
 */
function assertCloneable(v: unknown, path: string): void {
  try {
    structuredClone(v);
  } catch (e) {
    if (!isCloneError(e)) throw e;
    const [where, what] = findUncloneable(v, path);
    throw new PicklingError(where, what);
  }
}

function isCloneError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'DataCloneError' || /could not be cloned|clone/i.test(e.message));
}

function clones(v: unknown): boolean {
  try {
    structuredClone(v);
    return true;
  } catch {
    return false;
  }
}

function findUncloneable(v: unknown, path: string): [string, string] {
  if (typeof v === 'object' && v !== null) {
    const children: [string, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [`${path}[${i}]`, x])
      : v instanceof Map
        ? [...v].map(([k, x]) => [`${path}.get(${describeValue(k)})`, x])
        : v instanceof Set
          ? [...v].map((x, i) => [`${path}<set item ${i}>`, x])
          : Object.keys(v).map((k) => [`${path}.${k}`, (v as Record<string, unknown>)[k]]);
    for (const [childPath, child] of children) {
      if (!clones(child)) return findUncloneable(child, childPath);
    }
  }
  return [path, describeValue(v)];
}
