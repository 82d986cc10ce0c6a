/**
 * Proxies to objects living in a manager process (Python: `DictProxy`, `ListProxy`, `ValueProxy`).
 * Every method is one round trip to the server, so it is slow, as in Python; each single
 * operation is atomic, a read-then-write (`d.set(k, (await d.get(k)) + 1)`) is not.
 *
 *   On the main thread (what Manager.dict() / list() / value() give you): async methods.
 *     DictProxy   get(k, default?) set(k, v) delete(k) has(k) keys() values() items() len()
 *                 update(entries) clear() pop(k, default?) setdefault(k, v) copy() → Map
 *     ListProxy   get(i) set(i, v) delete(i) len() append(v) extend(vs) insert(i, v) pop(i?)
 *                 remove(v) index(v) count(v) slice(a?, b?) copy() → array clear()
 *     ValueProxy  get() set(v) increment(by = 1) → new value (atomic in the server)
 *   In a process (a proxy passed as a Process argument arrives as the Sync twin): the same
 *   methods, blocking: SyncDictProxy, SyncListProxy, SyncValueProxy.
 *
 * Keys are compared as a JavaScript Map compares them: use strings and numbers (an object key
 * is a copy on the server and never equals another copy).
 */
import { registerHandleKind, type Handle } from '../memory/handles';
import {
  clientFor,
  linkToHandle,
  type ManagerClient,
  type ManagerLink,
  type ManagerLinkHandle,
} from './client';
import type { ManagedKind, ManagerOp } from './manager-protocol';

export interface ProxyHandle extends Handle {
  __mp: 'DictProxy' | 'ListProxy' | 'ValueProxy';
  link: ManagerLinkHandle;
  objectId: number;
}

const handleKinds: Record<ManagedKind, ProxyHandle['__mp']> = {
  dict: 'DictProxy',
  list: 'ListProxy',
  value: 'ValueProxy',
};

abstract class Proxy {
  protected readonly client: ManagerClient;
  constructor(
    link: ManagerLink | ManagerLinkHandle,
    readonly objectId: number,
    private readonly kind: ManagedKind,
  ) {
    this.client = clientFor(link);
  }

  toHandle(): ProxyHandle {
    return { __mp: handleKinds[this.kind], link: linkToHandle(this.client.link), objectId: this.objectId };
  }
}

abstract class AsyncProxy extends Proxy {
  protected call<R>(op: ManagerOp, ...args: unknown[]): Promise<R> {
    return this.client.callAsync(op, this.objectId, args) as Promise<R>;
  }
}

abstract class SyncProxy extends Proxy {
  protected call<R>(op: ManagerOp, ...args: unknown[]): R {
    return this.client.call(op, this.objectId, args) as R;
  }
}

type Entries<K, V> = Map<K, V> | readonly (readonly [K, V])[] | (K extends string ? Record<K, V> : never);

export class DictProxy<K = string, V = unknown> extends AsyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'dict');
  }
  get(key: K): Promise<V | undefined>;
  get<D>(key: K, fallback: D): Promise<V | D>;
  get(key: K, fallback?: unknown): Promise<unknown> {
    return this.call('get', key, fallback);
  }
  set = (key: K, value: V): Promise<void> => this.call('set', key, value);
  /** Python's `del d[k]`: KeyError if missing. */
  delete = (key: K): Promise<void> => this.call('delete', key);
  has = (key: K): Promise<boolean> => this.call('has', key);
  keys = (): Promise<K[]> => this.call('keys');
  values = (): Promise<V[]> => this.call('values');
  items = (): Promise<[K, V][]> => this.call('items');
  len = (): Promise<number> => this.call('len');
  update = (entries: Entries<K, V>): Promise<void> => this.call('update', entries);
  clear = (): Promise<void> => this.call('clear');
  pop = (key: K, ...fallback: [] | [V]): Promise<V> => this.call('pop', key, ...fallback);
  setdefault = (key: K, value: V): Promise<V> => this.call('setdefault', key, value);
  copy = (): Promise<Map<K, V>> => this.call('copy');
}

export class SyncDictProxy<K = string, V = unknown> extends SyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'dict');
  }
  get(key: K): V | undefined;
  get<D>(key: K, fallback: D): V | D;
  get(key: K, fallback?: unknown): unknown {
    return this.call('get', key, fallback);
  }
  set = (key: K, value: V): void => this.call('set', key, value);
  delete = (key: K): void => this.call('delete', key);
  has = (key: K): boolean => this.call('has', key);
  keys = (): K[] => this.call('keys');
  values = (): V[] => this.call('values');
  items = (): [K, V][] => this.call('items');
  len = (): number => this.call('len');
  update = (entries: Entries<K, V>): void => this.call('update', entries);
  clear = (): void => this.call('clear');
  pop = (key: K, ...fallback: [] | [V]): V => this.call('pop', key, ...fallback);
  setdefault = (key: K, value: V): V => this.call('setdefault', key, value);
  copy = (): Map<K, V> => this.call('copy');
}

export class ListProxy<T = unknown> extends AsyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'list');
  }
  get = (index: number): Promise<T> => this.call('get', index);
  set = (index: number, value: T): Promise<void> => this.call('set', index, value);
  delete = (index: number): Promise<void> => this.call('delete', index);
  len = (): Promise<number> => this.call('len');
  append = (value: T): Promise<void> => this.call('append', value);
  extend = (values: readonly T[]): Promise<void> => this.call('extend', values);
  insert = (index: number, value: T): Promise<void> => this.call('insert', index, value);
  pop = (...index: [] | [number]): Promise<T> => this.call('pop', ...index);
  remove = (value: T): Promise<void> => this.call('remove', value);
  index = (value: T): Promise<number> => this.call('index', value);
  count = (value: T): Promise<number> => this.call('count', value);
  slice = (start?: number, end?: number): Promise<T[]> => this.call('slice', start, end);
  copy = (): Promise<T[]> => this.call('copy');
  clear = (): Promise<void> => this.call('clear');
}

export class SyncListProxy<T = unknown> extends SyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'list');
  }
  get = (index: number): T => this.call('get', index);
  set = (index: number, value: T): void => this.call('set', index, value);
  delete = (index: number): void => this.call('delete', index);
  len = (): number => this.call('len');
  append = (value: T): void => this.call('append', value);
  extend = (values: readonly T[]): void => this.call('extend', values);
  insert = (index: number, value: T): void => this.call('insert', index, value);
  pop = (...index: [] | [number]): T => this.call('pop', ...index);
  remove = (value: T): void => this.call('remove', value);
  index = (value: T): number => this.call('index', value);
  count = (value: T): number => this.call('count', value);
  slice = (start?: number, end?: number): T[] => this.call('slice', start, end);
  copy = (): T[] => this.call('copy');
  clear = (): void => this.call('clear');
}

export class ValueProxy<T = number> extends AsyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'value');
  }
  get = (): Promise<T> => this.call('get');
  set = (value: T): Promise<void> => this.call('set', value);
  /** One round trip, done by the server: exact under contention (unlike get-then-set). */
  increment = (by = 1): Promise<T> => this.call('increment', by);
}

export class SyncValueProxy<T = number> extends SyncProxy {
  constructor(link: ManagerLink | ManagerLinkHandle, objectId: number) {
    super(link, objectId, 'value');
  }
  get = (): T => this.call('get');
  set = (value: T): void => this.call('set', value);
  increment = (by = 1): T => this.call('increment', by);
}

// Handles are only rebuilt inside processes, which block: they get the Sync twins.
registerHandleKind(
  'DictProxy',
  (h: Handle) => new SyncDictProxy((h as ProxyHandle).link, (h as ProxyHandle).objectId),
);
registerHandleKind(
  'ListProxy',
  (h: Handle) => new SyncListProxy((h as ProxyHandle).link, (h as ProxyHandle).objectId),
);
registerHandleKind(
  'ValueProxy',
  (h: Handle) => new SyncValueProxy((h as ProxyHandle).link, (h as ProxyHandle).objectId),
);
