/**
 * The manager server: the built-in task a Manager's process runs (Python: `BaseManager`'s server).
 *
 *   managerServer(ctx, requests, replies)
 *     owns every managed object (dicts, lists, values) and serves requests one at a time from the
 *     shared request queue, replying on the caller's slot queue. `null` on the request queue
 *     stops it. Because requests are served one at a time, each single operation is atomic
 *     (`increment` is exact), but a read-then-write by a client is two round trips and races,
 *     exactly as with CPython's proxies.
 *
 * Errors keep Python's names: KeyError (missing key), IndexError (list index out of range),
 * ValueError (list.remove / index of a missing value), TypeError (wrong operation for the kind).
 */
import { PicklingError } from '../errors';
import type { ManagedKind, ManagerOp, ManagerReply, ManagerRequest } from '../manager/manager-protocol';
import type { Queue } from '../messaging/queue';
import type { RemoteErrorInfo } from '../pool/pool-protocol';
import type { TaskContext } from './task-context';
// Rebuilds proxies sent to this process (their handle kinds register on import).
import type { SyncDictProxy, SyncListProxy, SyncValueProxy } from '../manager/proxies';
import '../manager/proxies';

interface Managed {
  kind: ManagedKind;
  dict?: Map<unknown, unknown>;
  list?: unknown[];
  value?: unknown;
}

function pyError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

function keyRepr(key: unknown): string {
  return typeof key === 'string' ? `'${key}'` : String(key);
}

/** Python's list index rules: negatives count from the end; out of range is IndexError. */
function listIndex(list: unknown[], i: unknown, what: string): number {
  if (typeof i !== 'number' || !Number.isInteger(i))
    throw pyError('TypeError', `list indices must be integers, not ${typeof i}`);
  const k = i < 0 ? list.length + i : i;
  if (k < 0 || k >= list.length) throw pyError('IndexError', `${what} index out of range`);
  return k;
}

function dictOp(d: Map<unknown, unknown>, op: ManagerOp, args: unknown[]): unknown {
  switch (op) {
    case 'get':
      return d.has(args[0]) ? d.get(args[0]) : args[1];
    case 'set':
      d.set(args[0], args[1]);
      return undefined;
    case 'delete':
      if (!d.delete(args[0])) throw pyError('KeyError', keyRepr(args[0]));
      return undefined;
    case 'has':
      return d.has(args[0]);
    case 'keys':
      return [...d.keys()];
    case 'values':
      return [...d.values()];
    case 'items':
      return [...d.entries()];
    case 'len':
      return d.size;
    case 'update': {
      const source = args[0];
      const entries =
        source instanceof Map
          ? source.entries()
          : Array.isArray(source)
            ? source
            : Object.entries(source as object);
      for (const [k, v] of entries as Iterable<[unknown, unknown]>) d.set(k, v);
      return undefined;
    }
    case 'clear':
      d.clear();
      return undefined;
    case 'pop': {
      if (d.has(args[0])) {
        const v = d.get(args[0]);
        d.delete(args[0]);
        return v;
      }
      if (args.length > 1) return args[1];
      throw pyError('KeyError', keyRepr(args[0]));
    }
    case 'setdefault':
      if (!d.has(args[0])) d.set(args[0], args[1]);
      return d.get(args[0]);
    case 'copy':
      return new Map(d);
    default:
      throw pyError('AttributeError', `'DictProxy' object has no attribute '${op}'`);
  }
}

function listOp(list: unknown[], op: ManagerOp, args: unknown[]): unknown {
  switch (op) {
    case 'get':
      return list[listIndex(list, args[0], 'list')];
    case 'set':
      list[listIndex(list, args[0], 'list assignment')] = args[1];
      return undefined;
    case 'delete':
      list.splice(listIndex(list, args[0], 'list assignment'), 1);
      return undefined;
    case 'len':
      return list.length;
    case 'append':
      list.push(args[0]);
      return undefined;
    case 'extend':
      list.push(...(args[0] as unknown[]));
      return undefined;
    case 'insert': {
      const i = args[0] as number;
      list.splice(i < 0 ? Math.max(0, list.length + i) : Math.min(i, list.length), 0, args[1]);
      return undefined;
    }
    case 'pop': {
      if (list.length === 0) throw pyError('IndexError', 'pop from empty list');
      const k = listIndex(list, args.length > 0 ? args[0] : -1, 'pop');
      return list.splice(k, 1)[0];
    }
    case 'remove': {
      const k = list.findIndex((x) => Object.is(x, args[0]));
      if (k < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
      list.splice(k, 1);
      return undefined;
    }
    case 'index': {
      const k = list.findIndex((x) => Object.is(x, args[0]));
      if (k < 0) throw pyError('ValueError', `${keyRepr(args[0])} is not in list`);
      return k;
    }
    case 'count':
      return list.filter((x) => Object.is(x, args[0])).length;
    case 'slice':
      return list.slice(args[0] as number | undefined, args[1] as number | undefined);
    case 'copy':
      return list.slice();
    case 'clear':
      list.length = 0;
      return undefined;
    default:
      throw pyError('AttributeError', `'ListProxy' object has no attribute '${op}'`);
  }
}

function valueOp(m: Managed, op: ManagerOp, args: unknown[]): unknown {
  switch (op) {
    case 'get':
      return m.value;
    case 'set':
      m.value = args[0];
      return undefined;
    case 'increment': {
      const by = args[0] ?? 1;
      if (typeof m.value !== 'number' || typeof by !== 'number') {
        throw pyError('TypeError', `cannot increment a ${typeof m.value} by a ${typeof by}`);
      }
      m.value = m.value + by;
      return m.value;
    }
    default:
      throw pyError('AttributeError', `'ValueProxy' object has no attribute '${op}'`);
  }
}

function create(kind: ManagedKind, initial: unknown): Managed {
  switch (kind) {
    case 'dict': {
      const dict = new Map<unknown, unknown>();
      if (initial != null) dictOp(dict, 'update', [initial]);
      return { kind, dict };
    }
    case 'list':
      return { kind, list: Array.isArray(initial) ? [...initial] : [] };
    case 'value':
      return { kind, value: initial };
    default:
      throw pyError('ValueError', `unknown managed kind ${String(kind)}`);
  }
}

function toInfo(ctx: TaskContext, error: unknown): RemoteErrorInfo {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    stack: e.stack ?? '',
    workerName: ctx.name,
    workerPid: ctx.pid,
    index: -1,
  };
}

export function managerServer(
  ctx: TaskContext,
  requests: Queue<ManagerRequest | null>,
  replies: Queue<ManagerReply>[],
): number {
  const objects = new Map<number, Managed>();
  let nextId = 1;
  let served = 0;

  const serve = (op: ManagerOp, objectId: number, args: unknown[]): unknown => {
    if (op === 'ping') return ctx.pid;
    if (op === 'create') {
      const id = nextId++;
      objects.set(id, create(args[0] as ManagedKind, args[1]));
      return id;
    }
    const m = objects.get(objectId);
    if (!m) throw pyError('KeyError', `no managed object with id ${objectId}`);
    if (m.kind === 'dict') return dictOp(m.dict!, op, args);
    if (m.kind === 'list') return listOp(m.list!, op, args);
    return valueOp(m, op, args);
  };

  for (;;) {
    const request = requests.get();
    if (request === null) break;
    const [slot, generation, seq, op, objectId, args] = request;
    let reply: ManagerReply;
    try {
      reply = [generation, seq, true, serve(op, objectId, args)];
    } catch (error) {
      reply = [generation, seq, false, toInfo(ctx, error)];
    }
    const out = replies[slot];
    try {
      out.put(reply);
    } catch (error) {
      // A value that cannot be pickled back still gets an answer (the caller would hang otherwise).
      if (!(error instanceof PicklingError)) throw error;
      out.put([generation, seq, false, toInfo(ctx, error)]);
    }
    served++;
    if ((served & 1023) === 0) ctx.telemetry.setProgress(served);
    ctx.telemetry.countOps();
  }
  return served;
}

// ---- tasks that use proxies (the Value vs Manager comparison, tests) ----

/**
 * `times` read-modify-write updates of `counts[key]` through a dict proxy: two round trips each
 * and NOT atomic, so concurrent callers lose updates (the Manager lesson).
 */
export function managerDictIncrement(
  _ctx: TaskContext,
  counts: SyncDictProxy<string, number>,
  key: string,
  times: number,
): number {
  for (let i = 0; i < times; i++) counts.set(key, (counts.get(key, 0) as number) + 1);
  return times;
}

/** `times` server-side increments: one round trip each, exact under contention. */
export function managerValueIncrement(
  _ctx: TaskContext,
  counter: SyncValueProxy<number>,
  times: number,
): number {
  for (let i = 0; i < times; i++) counter.increment();
  return times;
}

/** Appends `items` to a list proxy, then records `done[pid] = count` in a dict proxy. */
export function managerListAppend(
  ctx: TaskContext,
  list: SyncListProxy,
  done: SyncDictProxy<number, number>,
  items: unknown[],
): number {
  for (const item of items) list.append(item);
  done.set(ctx.pid, items.length);
  return items.length;
}

export const managerTasks = { managerServer, managerDictIncrement, managerValueIncrement, managerListAppend };
