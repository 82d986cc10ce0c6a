/**
 * Python `array` / ctypes type codes and atomic access to cells of each type.
 *
 *   'b' 'B' 'h' 'H' 'i' 'I'   int8 … uint32 → number   (Atomics.load / store)
 *   'q' 'Q'                    int64 / uint64 → bigint  (Atomics on BigInt64Array)
 *   'l' 'L'                    C long: 64-bit as on 64-bit Linux → bigint (same as 'q' / 'Q')
 *   'f' 'd'                    float32 / float64 → number. Atomics has no float views, so the
 *                              bits go through an Int32 / BigInt64 view with Atomics.load/store:
 *                              a read never sees half of one write and half of another
 *                              (a plain Float64Array access on shared memory may tear).
 */
import { InvalidArgumentError } from '../errors';

export type IntCode = 'b' | 'B' | 'h' | 'H' | 'i' | 'I';
export type BigCode = 'q' | 'Q' | 'l' | 'L';
export type FloatCode = 'f' | 'd';
export type TypeCode = IntCode | BigCode | FloatCode;
export type ValueOf<C extends TypeCode> = C extends BigCode ? bigint : number;

export const TYPE_CODES: readonly TypeCode[] = ['b', 'B', 'h', 'H', 'i', 'I', 'q', 'Q', 'l', 'L', 'f', 'd'];

const BYTES: Record<TypeCode, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, q: 8, Q: 8, l: 8, L: 8, f: 4, d: 8 };

export function checkTypeCode(typecode: unknown): TypeCode {
  if (typeof typecode === 'string' && (TYPE_CODES as readonly string[]).includes(typecode)) return typecode as TypeCode;
  throw new InvalidArgumentError('typecode', `one of ${TYPE_CODES.map((c) => `'${c}'`).join(', ')}`, typecode);
}

export function isBigCode(c: TypeCode): c is BigCode {
  return c === 'q' || c === 'Q' || c === 'l' || c === 'L';
}

/** Bytes for `length` cells, rounded up to 8 so every view fits. */
export function bytesFor(c: TypeCode, length: number): number {
  return Math.max(8, Math.ceil((BYTES[c] * length) / 8) * 8);
}

/** Atomic get/set of cell i. */
export interface Cells<V> {
  readonly length: number;
  get(i: number): V;
  set(i: number, v: V): void;
}

export function cellsOver(c: TypeCode, sab: SharedArrayBuffer, length: number): Cells<number> | Cells<bigint> {
  switch (c) {
    case 'b':
      return intCells(new Int8Array(sab, 0, length));
    case 'B':
      return intCells(new Uint8Array(sab, 0, length));
    case 'h':
      return intCells(new Int16Array(sab, 0, length));
    case 'H':
      return intCells(new Uint16Array(sab, 0, length));
    case 'i':
      return intCells(new Int32Array(sab, 0, length));
    case 'I':
      return intCells(new Uint32Array(sab, 0, length));
    case 'q':
    case 'l':
      return bigCells(new BigInt64Array(sab, 0, length));
    case 'Q':
    case 'L':
      return bigCells(new BigUint64Array(sab, 0, length));
    case 'f':
      return float32Cells(new Int32Array(sab, 0, length));
    case 'd':
      return float64Cells(new BigInt64Array(sab, 0, length));
  }
}

type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

function intCells(a: IntArray): Cells<number> {
  return { length: a.length, get: (i) => Atomics.load(a, i), set: (i, v) => void Atomics.store(a, i, v) };
}

function bigCells(a: BigInt64Array | BigUint64Array): Cells<bigint> {
  return { length: a.length, get: (i) => Atomics.load(a, i), set: (i, v) => void Atomics.store(a, i, v) };
}

function float32Cells(bits: Int32Array): Cells<number> {
  const f = new Float32Array(1);
  const b = new Int32Array(f.buffer);
  return {
    length: bits.length,
    get: (i) => ((b[0] = Atomics.load(bits, i)), f[0]),
    set: (i, v) => {
      f[0] = v;
      Atomics.store(bits, i, b[0]);
    },
  };
}

function float64Cells(bits: BigInt64Array): Cells<number> {
  const f = new Float64Array(1);
  const b = new BigInt64Array(f.buffer);
  return {
    length: bits.length,
    get: (i) => ((b[0] = Atomics.load(bits, i)), f[0]),
    set: (i, v) => {
      f[0] = v;
      Atomics.store(bits, i, b[0]);
    },
  };
}

/** Validates a value for a cell of type c (numbers for number codes; bigint or integer for 64-bit). */
export function coerce<C extends TypeCode>(c: C, v: unknown, argument = 'value'): ValueOf<C> {
  if (isBigCode(c)) {
    if (typeof v === 'bigint') return v as ValueOf<C>;
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v) as ValueOf<C>;
    throw new InvalidArgumentError(argument, `a bigint (or integer) for typecode '${c}'`, v);
  }
  if (typeof v !== 'number') throw new InvalidArgumentError(argument, `a number for typecode '${c}'`, v);
  return v as ValueOf<C>;
}

export function zeroOf<C extends TypeCode>(c: C): ValueOf<C> {
  return (isBigCode(c) ? 0n : 0) as ValueOf<C>;
}
