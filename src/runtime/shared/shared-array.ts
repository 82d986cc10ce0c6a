/**
 * RawArray and SharedArray — Python's `multiprocessing.RawArray(typecode, size_or_init)` and
 * `Array(typecode, size_or_init, lock=True)`.
 *
 *   new RawArray(typecode, lengthOrValues, { name? })
 *   new SharedArray(typecode, lengthOrValues, { lock = true, name? })
 *     get(i) / set(i, v)    one atomic cell access; SharedArray takes the lock around each one
 *     length, toArray(), setAll(values)   (SharedArray: under the lock, as one operation)
 *     getLock(), getObj()   (SharedArray)
 *   RawArray.typed: the typed-array view itself, for Atomics in hot loops (integer codes; for
 *   'f'/'d' it is the bit view, use get/set).
 *
 * Memory: the cells in one SharedArrayBuffer (length × element size, rounded up to 8 bytes);
 * the lock in its own.
 */
import { InvalidArgumentError, RuntimeError, checkInt } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocShared } from '../memory/shared';
import type { LockHandle } from '../sync/lock';
import type { RLockHandle } from '../sync/rlock';
import { ResourceKind } from '../../telemetry/layout';
import { rebuildLock, resolveLock, type AnyLock, type LockOption } from './sync-option';
import { bytesFor, cellsOver, checkTypeCode, coerce, type Cells, type TypeCode, type ValueOf } from './typecodes';

const MAX_LENGTH = 1 << 28;

export interface RawArrayHandle extends Handle {
  __mp: 'RawArray';
  id: number;
  name: string;
  typecode: TypeCode;
  length: number;
  sab: SharedArrayBuffer;
}

export class RawArray<C extends TypeCode = 'i'> {
  readonly typecode: C;
  readonly length: number;
  readonly id: number;
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Cells<ValueOf<C>>;

  constructor(typecode: C, lengthOrValues: number | readonly (ValueOf<C> | number)[], options: { name?: string } = {}, rebuilt?: RawArrayHandle) {
    if (rebuilt) {
      this.typecode = rebuilt.typecode as C;
      this.length = rebuilt.length;
      this.buffer = rebuilt.sab;
      this.id = rebuilt.id;
      this.name = rebuilt.name;
      this.cells = cellsOver(this.typecode, this.buffer, this.length) as Cells<ValueOf<C>>;
      return;
    }
    this.typecode = checkTypeCode(typecode) as C;
    const values = typeof lengthOrValues === 'number' ? null : lengthOrValues;
    if (values !== null && !Array.isArray(values)) {
      throw new InvalidArgumentError('lengthOrValues', 'a length (integer ≥ 0) or an array of initial values', lengthOrValues);
    }
    this.length = values ? values.length : checkInt('lengthOrValues', lengthOrValues, 0, MAX_LENGTH);
    this.buffer = allocShared(bytesFor(this.typecode, this.length));
    this.cells = cellsOver(this.typecode, this.buffer, this.length) as Cells<ValueOf<C>>;
    values?.forEach((v, i) => this.cells.set(i, coerce(this.typecode, v, `lengthOrValues[${i}]`)));
    const r = registerResource({ kind: ResourceKind.ARRAY, name: options.name, capacity: this.length, owner: this });
    this.id = r.id;
    this.name = options.name ?? r.name;
  }

  /** The typed view of the cells (bit view for 'f' / 'd'). */
  get typed(): Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array {
    switch (this.typecode) {
      case 'b':
        return new Int8Array(this.buffer, 0, this.length);
      case 'B':
        return new Uint8Array(this.buffer, 0, this.length);
      case 'h':
        return new Int16Array(this.buffer, 0, this.length);
      case 'H':
        return new Uint16Array(this.buffer, 0, this.length);
      case 'i':
      case 'f':
        return new Int32Array(this.buffer, 0, this.length);
      case 'I':
        return new Uint32Array(this.buffer, 0, this.length);
      case 'Q':
      case 'L':
        return new BigUint64Array(this.buffer, 0, this.length);
      default:
        return new BigInt64Array(this.buffer, 0, this.length);
    }
  }

  get(i: number): ValueOf<C> {
    return this.cells.get(this.index(i));
  }

  set(i: number, v: ValueOf<C>): void {
    this.cells.set(this.index(i), coerce(this.typecode, v));
  }

  toArray(): ValueOf<C>[] {
    return Array.from({ length: this.length }, (_, i) => this.cells.get(i));
  }

  setAll(values: readonly ValueOf<C>[]): void {
    if (!Array.isArray(values) || values.length !== this.length) {
      throw new InvalidArgumentError('values', `an array of exactly ${this.length} values`, values);
    }
    values.forEach((v, i) => this.cells.set(i, coerce(this.typecode, v, `values[${i}]`)));
  }

  toHandle(): RawArrayHandle {
    return { __mp: 'RawArray', id: this.id, name: this.name, typecode: this.typecode, length: this.length, sab: this.buffer };
  }

  static fromHandle(h: Handle): RawArray<TypeCode> {
    const r = h as RawArrayHandle;
    return new RawArray(r.typecode, 0, {}, r);
  }

  private index(i: number): number {
    if (Number.isInteger(i) && i >= 0 && i < this.length) return i;
    throw new InvalidArgumentError('index', this.length ? `an integer from 0 to ${this.length - 1}` : 'in range (the array is empty)', i);
  }
}

export interface SharedArrayHandle extends Handle {
  __mp: 'SharedArray';
  raw: RawArrayHandle;
  lock: LockHandle | RLockHandle | null;
}

export class SharedArray<C extends TypeCode = 'i'> {
  private readonly raw: RawArray<C>;
  private readonly lock: AnyLock | null;

  constructor(
    typecode: C,
    lengthOrValues: number | readonly (ValueOf<C> | number)[],
    options: { lock?: LockOption; name?: string } = {},
    rebuilt?: SharedArrayHandle,
  ) {
    if (rebuilt) {
      this.raw = RawArray.fromHandle(rebuilt.raw) as RawArray<C>;
      this.lock = rebuildLock(rebuilt.lock);
      return;
    }
    this.raw = new RawArray(typecode, lengthOrValues, { name: options.name });
    this.lock = resolveLock(options.lock, this.raw.name);
  }

  get length(): number {
    return this.raw.length;
  }

  get typecode(): C {
    return this.raw.typecode;
  }

  get name(): string {
    return this.raw.name;
  }

  get(i: number): ValueOf<C> {
    return this.locked(() => this.raw.get(i));
  }

  set(i: number, v: ValueOf<C>): void {
    this.locked(() => this.raw.set(i, v));
  }

  toArray(): ValueOf<C>[] {
    return this.locked(() => this.raw.toArray());
  }

  setAll(values: readonly ValueOf<C>[]): void {
    this.locked(() => this.raw.setAll(values));
  }

  getLock(): AnyLock {
    if (!this.lock) throw new RuntimeError(`${this.name} was created with lock: false and has no lock`);
    return this.lock;
  }

  getObj(): RawArray<C> {
    return this.raw;
  }

  toHandle(): SharedArrayHandle {
    return { __mp: 'SharedArray', raw: this.raw.toHandle(), lock: this.lock?.toHandle() ?? null };
  }

  static fromHandle(h: Handle): SharedArray<TypeCode> {
    return new SharedArray('i', 0, {}, h as SharedArrayHandle);
  }

  private locked<T>(f: () => T): T {
    const lock = this.lock;
    if (!lock) return f();
    lock.acquire();
    try {
      return f();
    } finally {
      lock.release();
    }
  }
}

registerHandleKind('RawArray', RawArray.fromHandle);
registerHandleKind('SharedArray', SharedArray.fromHandle);
