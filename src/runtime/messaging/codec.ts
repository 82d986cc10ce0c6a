/**
 * Our pickling: turns a value into bytes in private (non-shared) memory and back.
 *
 * Workers cannot structured-clone a value into bytes, and a queue lives in shared memory, so
 * messages need an explicit encoding. The rules follow the structured clone algorithm (what
 * `postMessage` would do), which is also what a JavaScript programmer expects:
 * - supported: null, undefined, booleans, numbers (incl. -0, NaN), bigint, strings, arrays, plain
 *   objects, Map, Set, Date, RegExp, Error, ArrayBuffer, typed arrays, DataView;
 * - class instances lose their prototype (own enumerable properties are copied, methods are not),
 *   exactly as structured clone does;
 * - shared references and cycles are preserved (the decoder rebuilds the same graph);
 * - refused with a PicklingError naming where: functions, symbols, promises, weak collections,
 *   SharedArrayBuffer and views over one, DOM nodes, and runtime primitives (Lock, Queue, Value…):
 *   like CPython, those cross to another process only as Process arguments ("through
 *   inheritance"), not inside messages.
 *
 * Byte format (little-endian): a one-byte tag, then the tag's payload; containers nest.
 * Strings are ASCII bytes when they are ASCII (cheap both ways), otherwise UTF-8.
 */
import { PicklingError } from '../errors';
import { UnpicklingError } from './errors';

/**
 * Thrown inside the encoder; collects path segments as it unwinds through containers and becomes
 * the runtime's PicklingError at the top, with the message "args[0].callback: a function cannot
 * be pickled" (`path` and `what` set as on every PicklingError).
 */
class Refusal {
  private segments: string[] = [];
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {}

  prependSegment(segment: string): void {
    this.segments.unshift(segment);
  }

  toPicklingError(root: string): PicklingError {
    const path = root + this.segments.join('');
    const error = new PicklingError(path, this.what);
    error.message = `${path}: ${this.reason}`;
    return error;
  }
}

const enum Tag {
  Null = 0,
  Undefined = 1,
  True = 2,
  False = 3,
  Int32 = 4,
  Float64 = 5,
  BigInt = 6,
  Ascii = 7,
  Utf8 = 8,
  Array = 9,
  Object = 10,
  Map = 11,
  Set = 12,
  Date = 13,
  RegExp = 14,
  ArrayBuffer = 15,
  TypedArray = 16,
  DataView = 17,
  Error = 18,
  /** A value already written: the payload is its index in order of first appearance. */
  Ref = 19,
}

/** Typed array constructors by the code written in the stream. */
const typedArrayKinds = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;
type AnyTypedArray = InstanceType<(typeof typedArrayKinds)[number]>;

/** Error names structured clone keeps; any other name comes back as a plain Error with the name set. */
const errorConstructors: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

/**
 * Runtime primitives (Lock, Queue, Value…) expose `toHandle()`: that is how they travel as Process
 * arguments. Inside a message they are refused, as CPython refuses a Lock in a Queue or in Pool
 * task arguments.
 */
function isRuntimePrimitive(value: object): boolean {
  return typeof (value as { toHandle?: unknown }).toHandle === 'function';
}

function isDomNode(value: object): boolean {
  const NodeCtor = (globalThis as { Node?: abstract new () => object }).Node;
  return typeof NodeCtor === 'function' && value instanceof NodeCtor;
}

/**
 * The kind a runtime primitive declares in its handle ("Lock", "Queue", …). Not the constructor's
 * name: production builds minify class names, and the message must still say "Lock".
 */
function primitiveKind(value: object): string {
  try {
    const handle = (value as { toHandle(): { __mp?: unknown } }).toHandle();
    if (typeof handle.__mp === 'string') return handle.__mp;
  } catch {
    // A closed or broken primitive may refuse to make a handle; fall back to its class name.
  }
  return describeInstance(value);
}

function describeInstance(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/** Why `value` cannot be pickled, or undefined if it can. Checked before containers are walked. */
function refusal(value: object): string | undefined {
  if (typeof SharedArrayBuffer === 'function') {
    if (value instanceof SharedArrayBuffer) {
      return 'a SharedArrayBuffer cannot be pickled (share memory through a Value or Array passed as a Process argument)';
    }
    if (ArrayBuffer.isView(value) && value.buffer instanceof SharedArrayBuffer) {
      return `a ${describeInstance(value)} over a SharedArrayBuffer cannot be pickled (it would stop being shared)`;
    }
  }
  if (isRuntimePrimitive(value)) {
    return `${primitiveKind(value)} objects should only be shared between processes through inheritance`;
  }
  if (value instanceof Promise) return 'a Promise cannot be pickled';
  if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) {
    return `a ${describeInstance(value)} cannot be pickled`;
  }
  if (isDomNode(value)) return `a DOM node (${describeInstance(value)}) cannot be pickled`;
  return undefined;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Encodes values into a growable private buffer. One instance per thread is enough: `encode`
 * returns a view that stays valid until the next call.
 */
export class Encoder {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private pos = 0;
  /** Objects written so far, for Ref (cycles and shared references). Allocated on first object. */
  private seen: Map<object, number> | undefined;
  private seenCount = 0;

  /** Encodes `value`; `root` names it in error messages ("args", "item"). */
  encode(value: unknown, root = 'value'): Uint8Array {
    this.pos = 0;
    this.seen = undefined;
    this.seenCount = 0;
    try {
      this.write(value);
    } catch (error) {
      if (error instanceof Refusal) throw error.toPicklingError(root);
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        throw new Refusal(
          'a deeply nested value',
          'the value is nested too deeply to be pickled',
        ).toPicklingError(root);
      }
      throw error;
    } finally {
      this.seen = undefined;
    }
    return this.bytes.subarray(0, this.pos);
  }

  private reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  private u8(x: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = x;
  }

  private u32(x: number): void {
    this.reserve(4);
    this.view.setUint32(this.pos, x, true);
    this.pos += 4;
  }

  private f64(x: number): void {
    this.reserve(8);
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }

  private raw(src: Uint8Array): void {
    this.u32(src.length);
    this.reserve(src.length);
    this.bytes.set(src, this.pos);
    this.pos += src.length;
  }

  private string(s: string): void {
    const n = s.length;
    // Optimistic ASCII: one byte per char, no TextEncoder call (cheap for keys and short text).
    this.reserve(5 + n);
    const start = this.pos;
    this.bytes[start] = Tag.Ascii;
    this.view.setUint32(start + 1, n, true);
    let p = start + 5;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        this.pos = start;
        this.utf8(s);
        return;
      }
      this.bytes[p++] = c;
    }
    this.pos = p;
  }

  private utf8(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    this.reserve(5 + s.length * 3);
    this.bytes[this.pos] = Tag.Utf8;
    const { written } = textEncoder.encodeInto(s, this.bytes.subarray(this.pos + 5));
    this.view.setUint32(this.pos + 1, written, true);
    this.pos += 5 + written;
  }

  private write(value: unknown): void {
    switch (typeof value) {
      case 'number':
        if ((value | 0) === value && !Object.is(value, -0)) {
          this.u8(Tag.Int32);
          this.reserve(4);
          this.view.setInt32(this.pos, value, true);
          this.pos += 4;
        } else {
          this.u8(Tag.Float64);
          this.f64(value);
        }
        return;
      case 'string':
        this.string(value);
        return;
      case 'boolean':
        this.u8(value ? Tag.True : Tag.False);
        return;
      case 'undefined':
        this.u8(Tag.Undefined);
        return;
      case 'bigint':
        this.bigint(value);
        return;
      case 'function':
        throw new Refusal(`function ${value.name || '(anonymous)'}`, 'a function cannot be pickled');
      case 'symbol':
        throw new Refusal(value.toString(), 'a symbol cannot be pickled');
      case 'object':
        if (value === null) this.u8(Tag.Null);
        else this.object(value);
        return;
    }
  }

  private bigint(value: bigint): void {
    this.u8(Tag.BigInt);
    const negative = value < 0n;
    let magnitude = negative ? -value : value;
    const digits: number[] = [];
    while (magnitude > 0n) {
      digits.push(Number(magnitude & 0xffn));
      magnitude >>= 8n;
    }
    this.u8(negative ? 1 : 0);
    this.raw(Uint8Array.from(digits));
  }

  private object(value: object): void {
    const seen = (this.seen ??= new Map());
    const index = seen.get(value);
    if (index !== undefined) {
      this.u8(Tag.Ref);
      this.u32(index);
      return;
    }
    const why = refusal(value);
    if (why !== undefined) throw new Refusal(describeInstance(value), why);
    // Boxed primitives (new Number(1)) arrive as their primitive value; they are not indexed.
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return this.write(value.valueOf());
    }
    seen.set(value, this.seenCount++);

    if (Array.isArray(value)) return this.array(value);
    if (value instanceof Map) return this.map(value);
    if (value instanceof Set) return this.set(value);
    if (value instanceof Date) {
      this.u8(Tag.Date);
      this.f64(value.getTime());
      return;
    }
    if (value instanceof RegExp) {
      this.u8(Tag.RegExp);
      this.string(value.source);
      this.string(value.flags);
      return;
    }
    if (value instanceof ArrayBuffer) {
      this.u8(Tag.ArrayBuffer);
      this.raw(new Uint8Array(value));
      return;
    }
    if (value instanceof DataView) {
      this.u8(Tag.DataView);
      this.raw(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return;
    }
    if (ArrayBuffer.isView(value)) return this.typedArray(value as AnyTypedArray);
    if (value instanceof Error) return this.error(value);
    this.plainObject(value);
  }

  private array(value: unknown[]): void {
    this.u8(Tag.Array);
    this.u32(value.length);
    let i = 0;
    try {
      for (; i < value.length; i++) this.write(value[i]);
    } catch (error) {
      if (error instanceof Refusal) error.prependSegment(`[${i}]`);
      throw error;
    }
  }

  private map(value: Map<unknown, unknown>): void {
    this.u8(Tag.Map);
    this.u32(value.size);
    let key: unknown;
    try {
      for (const [k, v] of value) {
        key = k;
        this.write(k);
        this.write(v);
      }
    } catch (error) {
      if (error instanceof Refusal) error.prependSegment(`.get(${describeKey(key)})`);
      throw error;
    }
  }

  private set(value: Set<unknown>): void {
    this.u8(Tag.Set);
    this.u32(value.size);
    try {
      for (const v of value) this.write(v);
    } catch (error) {
      if (error instanceof Refusal) error.prependSegment('<set member>');
      throw error;
    }
  }

  private typedArray(value: AnyTypedArray): void {
    const kind = typedArrayKinds.findIndex((Ctor) => value instanceof Ctor);
    if (kind < 0)
      throw new Refusal(describeInstance(value), `a ${describeInstance(value)} cannot be pickled`);
    this.u8(Tag.TypedArray);
    this.u8(kind);
    this.raw(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }

  private error(value: Error): void {
    this.u8(Tag.Error);
    this.string(String(value.name));
    this.string(String(value.message));
    if (typeof value.stack === 'string') this.string(value.stack);
    else this.u8(Tag.Undefined);
    // Own enumerable extras (e.g. a worker name attached by the pool) travel as a plain object.
    this.plainObject(value, ['stack', 'message', 'name']);
  }

  private plainObject(value: object, skip?: readonly string[]): void {
    const keys = Object.keys(value);
    const record = value as Record<string, unknown>;
    let count = keys.length;
    if (skip) for (const k of keys) if (skip.includes(k)) count--;
    this.u8(Tag.Object);
    this.u32(count);
    let key = '';
    try {
      for (key of keys) {
        if (skip?.includes(key)) continue;
        this.string(key);
        this.write(record[key]);
      }
    } catch (error) {
      if (error instanceof Refusal) error.prependSegment(describeProperty(key));
      throw error;
    }
  }
}

function describeProperty(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : typeof key === 'object' ? 'object key' : String(key);
}

/** Decodes what an Encoder wrote. `bytes` must be private memory (TextDecoder refuses shared views). */
export class Decoder {
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(this.bytes.buffer);
  private pos = 0;
  private objects: unknown[] = [];

  decode(bytes: Uint8Array): unknown {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    this.objects = [];
    try {
      const value = this.read();
      if (this.pos !== bytes.length) throw new UnpicklingError(`${bytes.length - this.pos} trailing bytes`);
      return value;
    } catch (error) {
      if (error instanceof RangeError) throw new UnpicklingError(`truncated message (${error.message})`);
      throw error;
    } finally {
      this.objects = [];
    }
  }

  private u8(): number {
    if (this.pos >= this.bytes.length) throw new UnpicklingError('truncated message');
    return this.bytes[this.pos++];
  }

  private u32(): number {
    const x = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return x;
  }

  private f64(): number {
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  /** A copy of the next length-prefixed byte run, in a fresh ArrayBuffer. */
  private raw(): Uint8Array<ArrayBuffer> {
    const n = this.u32();
    if (this.pos + n > this.bytes.length) throw new UnpicklingError('truncated message');
    const out = this.bytes.slice(this.pos, this.pos + n) as Uint8Array<ArrayBuffer>;
    this.pos += n;
    return out;
  }

  private readString(): string {
    const value = this.read();
    if (typeof value !== 'string') throw new UnpicklingError('expected a string');
    return value;
  }

  private read(): unknown {
    const tag = this.u8();
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.Undefined:
        return undefined;
      case Tag.True:
        return true;
      case Tag.False:
        return false;
      case Tag.Int32: {
        const x = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return x;
      }
      case Tag.Float64:
        return this.f64();
      case Tag.BigInt: {
        const negative = this.u8() === 1;
        const digits = this.raw();
        let x = 0n;
        for (let i = digits.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(digits[i]);
        return negative ? -x : x;
      }
      case Tag.Ascii: {
        const n = this.u32();
        if (this.pos + n > this.bytes.length) throw new UnpicklingError('truncated message');
        const s = asciiString(this.bytes, this.pos, n);
        this.pos += n;
        return s;
      }
      case Tag.Utf8: {
        const n = this.u32();
        if (this.pos + n > this.bytes.length) throw new UnpicklingError('truncated message');
        const s = textDecoder.decode(this.bytes.subarray(this.pos, this.pos + n));
        this.pos += n;
        return s;
      }
      case Tag.Array: {
        const n = this.u32();
        const out: unknown[] = new Array(n);
        this.objects.push(out);
        for (let i = 0; i < n; i++) out[i] = this.read();
        return out;
      }
      case Tag.Object: {
        const out: Record<string, unknown> = {};
        this.objects.push(out);
        this.fillObject(out);
        return out;
      }
      case Tag.Map: {
        const n = this.u32();
        const out = new Map<unknown, unknown>();
        this.objects.push(out);
        for (let i = 0; i < n; i++) {
          const k = this.read();
          out.set(k, this.read());
        }
        return out;
      }
      case Tag.Set: {
        const n = this.u32();
        const out = new Set<unknown>();
        this.objects.push(out);
        for (let i = 0; i < n; i++) out.add(this.read());
        return out;
      }
      case Tag.Date: {
        const out = new Date(this.f64());
        this.objects.push(out);
        return out;
      }
      case Tag.RegExp: {
        const index = this.objects.push(null) - 1;
        const out = new RegExp(this.readString(), this.readString());
        this.objects[index] = out;
        return out;
      }
      case Tag.ArrayBuffer: {
        const index = this.objects.push(null) - 1;
        const out = this.raw().buffer;
        this.objects[index] = out;
        return out;
      }
      case Tag.TypedArray: {
        const index = this.objects.push(null) - 1;
        const Ctor = typedArrayKinds[this.u8()];
        if (!Ctor) throw new UnpicklingError('unknown typed array kind');
        const copy = this.raw();
        const out = new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
        this.objects[index] = out;
        return out;
      }
      case Tag.DataView: {
        const index = this.objects.push(null) - 1;
        const out = new DataView(this.raw().buffer);
        this.objects[index] = out;
        return out;
      }
      case Tag.Error:
        return this.error();
      case Tag.Ref: {
        const index = this.u32();
        if (index >= this.objects.length) throw new UnpicklingError('reference to an unknown object');
        return this.objects[index];
      }
      default:
        throw new UnpicklingError(`unknown tag ${tag}`);
    }
  }

  private fillObject(out: Record<string, unknown>): void {
    const n = this.u32();
    for (let i = 0; i < n; i++) {
      const key = this.readString();
      // defineProperty, not assignment: a key named "__proto__" must stay an own property.
      Object.defineProperty(out, key, {
        value: this.read(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }

  private error(): Error {
    const index = this.objects.push(null) - 1;
    const name = this.readString();
    const message = this.readString();
    const stack = this.read();
    const Ctor = errorConstructors[name] ?? Error;
    const out = new Ctor(message);
    if (out.name !== name) out.name = name;
    if (typeof stack === 'string') out.stack = stack;
    this.objects[index] = out;
    if (this.u8() !== Tag.Object) throw new UnpicklingError('malformed error');
    this.fillObject(out as unknown as Record<string, unknown>);
    return out;
  }
}

/** String.fromCharCode over a byte range, in slices small enough for the argument limit. */
function asciiString(bytes: Uint8Array, start: number, n: number): string {
  if (n <= 16) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[start + i]);
    return s;
  }
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    const end = Math.min(n, i + 8192);
    s += String.fromCharCode.apply(null, bytes.subarray(start + i, start + end) as unknown as number[]);
  }
  return s;
}

/** One encoder and one decoder per thread, for callers that encode and decode synchronously. */
export const threadEncoder = new Encoder();
export const threadDecoder = new Decoder();

/** Encodes `value` into a fresh private copy (for callers that await before using the bytes). */
export function pickle(value: unknown, root = 'value'): Uint8Array<ArrayBuffer> {
  return threadEncoder.encode(value, root).slice() as Uint8Array<ArrayBuffer>;
}

export function unpickle(bytes: Uint8Array): unknown {
  return threadDecoder.decode(bytes);
}

/** Throws the PicklingError `value` would raise when sent, without keeping the bytes. */
export function assertPicklable(value: unknown, root = 'value'): void {
  threadEncoder.encode(value, root);
}
