/**
 * RawValue and Value — Python's `multiprocessing.RawValue(typecode, value)` and
 * `Value(typecode, value, lock=True)`: one typed cell in shared memory.
 *
 *   new RawValue(typecode, initial = 0, { name? })
 *     .value            get = one atomic load, set = one atomic store (no lock: `v.value += 1`
 *                       from two processes loses updates)
 *   new Value(typecode, initial = 0, { lock = true, name? })
 *     .value            each get and each set takes the lock on its own, exactly as CPython's
 *                       synchronized wrapper: `v.value += 1` is a locked get then a locked set,
 *                       and still races. Hold getLock() around the whole update to be exact.
 *     getLock()         the RLock (lock: true), the Lock/RLock you passed; throws if lock: false
 *     getObj()          the underlying RawValue
 *     peek()            an unlocked atomic read (for a UI sampling it every frame)
 *     getAsync() / setAsync(v)   the main thread's twins of the locked get / set
 *   typecodes and atomicity: `typecodes.ts` ('i' int32 default; 'q'/'l' bigint; 'd' float64).
 *
 * Memory: the cell in its own SharedArrayBuffer (8 bytes); the lock in its own (mutex-core.ts).
 */
import { RuntimeError } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { registerResource } from '../memory/resource-table';
import { allocShared } from '../memory/shared';
import type { LockHandle } from '../sync/lock';
import type { RLockHandle } from '../sync/rlock';
import { ResourceKind } from '../../telemetry/layout';
import { rebuildLock, resolveLock, type AnyLock, type LockOption } from './sync-option';
import { bytesFor, cellsOver, checkTypeCode, coerce, isBigCode, zeroOf, type Cells, type TypeCode, type ValueOf } from './typecodes';

export interface RawValueHandle extends Handle {
  __mp: 'RawValue';
  id: number;
  name: string;
  typecode: TypeCode;
  sab: SharedArrayBuffer;
}

export class RawValue<C extends TypeCode = 'i'> {
  readonly typecode: C;
  readonly id: number;
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Cells<ValueOf<C>>;
  private readonly jsType: 'number' | 'bigint';

  constructor(typecode: C, initial?: ValueOf<C> | number, options: { name?: string } = {}, rebuilt?: RawValueHandle) {
    this.jsType = isBigCode(rebuilt ? rebuilt.typecode : checkTypeCode(typecode)) ? 'bigint' : 'number';
    if (rebuilt) {
      this.typecode = rebuilt.typecode as C;
      this.buffer = rebuilt.sab;
      this.id = rebuilt.id;
      this.name = rebuilt.name;
      this.cells = cellsOver(this.typecode, this.buffer, 1) as Cells<ValueOf<C>>;
      return;
    }
    this.typecode = checkTypeCode(typecode) as C;
    this.buffer = allocShared(bytesFor(this.typecode, 1));
    const cells = cellsOver(this.typecode, this.buffer, 1) as Cells<ValueOf<C>>;
    this.cells = cells;
    cells.set(0, initial === undefined ? zeroOf(this.typecode) : coerce(this.typecode, initial, 'initial'));
    const r = registerResource({
      kind: ResourceKind.VALUE,
      name: options.name,
      probe: { owner: () => -1, value: () => Number(cells.get(0)) },
      owner: this,
    });
    this.id = r.id;
    this.name = options.name ?? r.name;
  }

  get value(): ValueOf<C> {
    return this.cells.get(0);
  }

  set value(v: ValueOf<C>) {
    // Fast path: the right JS type goes straight to the atomic store; anything else is checked.
    this.cells.set(0, typeof v === this.jsType ? v : coerce(this.typecode, v));
  }

  toHandle(): RawValueHandle {
    return { __mp: 'RawValue', id: this.id, name: this.name, typecode: this.typecode, sab: this.buffer };
  }

  static fromHandle(h: Handle): RawValue<TypeCode> {
    const r = h as RawValueHandle;
    return new RawValue(r.typecode, undefined, {}, r);
  }
}

export interface ValueHandle extends Handle {
  __mp: 'Value';
  raw: RawValueHandle;
  lock: LockHandle | RLockHandle | null;
}

export class Value<C extends TypeCode = 'i'> {
  private readonly raw: RawValue<C>;
  private readonly lock: AnyLock | null;

  constructor(
    typecode: C,
    initial?: ValueOf<C> | number,
    options: { lock?: LockOption; name?: string } = {},
    rebuilt?: ValueHandle,
  ) {
    if (rebuilt) {
      this.raw = RawValue.fromHandle(rebuilt.raw) as RawValue<C>;
      this.lock = rebuildLock(rebuilt.lock);
      return;
    }
    this.raw = new RawValue(typecode, initial, { name: options.name });
    this.lock = resolveLock(options.lock, this.raw.name);
  }

  get typecode(): C {
    return this.raw.typecode;
  }

  get name(): string {
    return this.raw.name;
  }

  get id(): number {
    return this.raw.id;
  }

  get value(): ValueOf<C> {
    const lock = this.lock;
    if (!lock) return this.raw.value;
    lock.acquire();
    try {
      return this.raw.value;
    } finally {
      lock.release();
    }
  }

  set value(v: ValueOf<C>) {
    const lock = this.lock;
    if (!lock) {
      this.raw.value = v;
      return;
    }
    lock.acquire();
    try {
      this.raw.value = v;
    } finally {
      lock.release();
    }
  }

  async getAsync(): Promise<ValueOf<C>> {
    if (this.lock) await this.lock.acquireAsync();
    try {
      return this.raw.value;
    } finally {
      this.lock?.release();
    }
  }

  async setAsync(v: ValueOf<C>): Promise<void> {
    if (this.lock) await this.lock.acquireAsync();
    try {
      this.raw.value = v;
    } finally {
      this.lock?.release();
    }
  }

  peek(): ValueOf<C> {
    return this.raw.value;
  }

  getLock(): AnyLock {
    if (!this.lock) throw new RuntimeError(`${this.name} was created with lock: false and has no lock`);
    return this.lock;
  }

  getObj(): RawValue<C> {
    return this.raw;
  }

  toHandle(): ValueHandle {
    return { __mp: 'Value', raw: this.raw.toHandle(), lock: this.lock?.toHandle() ?? null };
  }

  static fromHandle(h: Handle): Value<TypeCode> {
    return new Value('i', undefined, {}, h as ValueHandle);
  }
}

registerHandleKind('RawValue', RawValue.fromHandle);
registerHandleKind('Value', Value.fromHandle);
