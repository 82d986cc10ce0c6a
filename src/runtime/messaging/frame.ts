/**
 * How one message sits in a ring of Int32 words (the data area of a queue or pipe).
 *
 * A frame is a header word, `kind | (length << 8)`, followed by its payload words. Positions wrap
 * with `& mask` (the ring holds a power-of-two number of words), so a frame may straddle the end.
 *
 *   kind       payload                                   words   why
 *   Null       —                                         1       the poison pill must be cheap
 *   Undefined  —                                         1
 *   True/False —                                         1
 *   Int32      the value                                 2       fast path: small ints
 *   Float64    low word, high word                       3       fast path: any other number
 *   String     UTF-16 units, two per word (length=units) 1+⌈n/2⌉ fast path: no UTF-8 transcoding
 *   Blob       byte length, then the codec's bytes       2+⌈b/4⌉ everything else (codec.ts)
 *
 * Fast paths never touch the codec and never allocate; only Blob frames go through `Encoder`.
 */
import { threadDecoder, threadEncoder } from './codec';

const enum Kind {
  Null = 1,
  Undefined = 2,
  True = 3,
  False = 4,
  Int32 = 5,
  Float64 = 6,
  String = 7,
  Blob = 8,
}

/** Longest string (in UTF-16 units) that fits the header's 24-bit length. Longer ones are blobs. */
const MAX_INLINE_STRING = 0xffffff;

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/**
 * A message ready to be copied into a ring: its kind, its size in words and its payload. Preparing
 * (encoding) happens before the writer takes the queue's lock, so the critical section is a copy.
 */
export class OutgoingFrame {
  kind = Kind.Null;
  /** Total words, header included. */
  words = 1;
  int = 0;
  low = 0;
  high = 0;
  text = '';
  /** Codec output for Blob frames. Points into the thread's encoder scratch unless detached. */
  blob: Uint8Array = new Uint8Array(0);

  /** Prepares `value`; throws the codec's PicklingError (naming `root`) before anything is written. */
  prepare(value: unknown, root: string): this {
    switch (typeof value) {
      case 'number':
        if ((value | 0) === value && !Object.is(value, -0)) {
          this.kind = Kind.Int32;
          this.int = value;
          this.words = 2;
        } else {
          this.kind = Kind.Float64;
          f64[0] = value;
          this.low = f64Words[0];
          this.high = f64Words[1];
          this.words = 3;
        }
        return this;
      case 'string':
        if (value.length <= MAX_INLINE_STRING) {
          this.kind = Kind.String;
          this.text = value;
          this.words = 1 + ((value.length + 1) >>> 1);
          return this;
        }
        break;
      case 'boolean':
        this.kind = value ? Kind.True : Kind.False;
        this.words = 1;
        return this;
      case 'undefined':
        this.kind = Kind.Undefined;
        this.words = 1;
        return this;
      case 'object':
        if (value === null) {
          this.kind = Kind.Null;
          this.words = 1;
          return this;
        }
        break;
    }
    this.kind = Kind.Blob;
    this.blob = threadEncoder.encode(value, root);
    this.words = 2 + ((this.blob.length + 3) >>> 2);
    return this;
  }

  /** Copies a Blob payload out of the shared encoder scratch, for callers that await before writing. */
  detach(): this {
    if (this.kind === Kind.Blob) this.blob = this.blob.slice();
    return this;
  }

  /** Writes the frame at word position `pos` of `ring` (caller holds the lock and checked space). */
  writeTo(ring: Int32Array, ringBytes: Uint8Array, pos: number): void {
    const mask = ring.length - 1;
    switch (this.kind) {
      case Kind.Int32:
        ring[pos & mask] = Kind.Int32;
        ring[(pos + 1) & mask] = this.int;
        return;
      case Kind.Float64:
        ring[pos & mask] = Kind.Float64;
        ring[(pos + 1) & mask] = this.low;
        ring[(pos + 2) & mask] = this.high;
        return;
      case Kind.String: {
        const s = this.text;
        const n = s.length;
        ring[pos & mask] = Kind.String | (n << 8);
        let p = pos + 1;
        for (let i = 0; i < n; i += 2) {
          // charCodeAt past the end is NaN, and NaN << 16 is 0: an odd tail pads with zero.
          ring[p++ & mask] = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
        }
        return;
      }
      case Kind.Blob: {
        const n = this.blob.length;
        ring[pos & mask] = Kind.Blob;
        ring[(pos + 1) & mask] = n;
        const start = ((pos + 2) & mask) * 4;
        const first = Math.min(n, ringBytes.length - start);
        ringBytes.set(this.blob.subarray(0, first), start);
        if (first < n) ringBytes.set(this.blob.subarray(first), 0);
        return;
      }
      default:
        ring[pos & mask] = this.kind;
    }
  }
}

/** Returned by `readFrame` for a Blob whose bytes were copied out and still need decoding. */
export const PENDING_BLOB: unique symbol = Symbol('pending blob');

/**
 * Reads frames out of a ring. Blob bytes are copied into private memory while the caller holds the
 * lock; `decodeBlob()` decodes them after the lock is released (decoding is the slow part, and the
 * decoder cannot read shared memory anyway).
 */
export class FrameReader {
  /** Words taken by the last frame read, header included. */
  words = 0;
  private blobBytes = new Uint8Array(256);
  private blobLength = 0;
  private units = new Uint16Array(64);

  /** Size in words of the frame at `pos`, without reading its payload. */
  static frameWords(ring: Int32Array, pos: number): number {
    const mask = ring.length - 1;
    const header = ring[pos & mask];
    switch (header & 0xff) {
      case Kind.Int32:
        return 2;
      case Kind.Float64:
        return 3;
      case Kind.String:
        return 1 + (((header >>> 8) + 1) >>> 1);
      case Kind.Blob:
        return 2 + ((ring[(pos + 1) & mask] + 3) >>> 2);
      default:
        return 1;
    }
  }

  read(ring: Int32Array, ringBytes: Uint8Array, pos: number): unknown {
    const mask = ring.length - 1;
    const header = ring[pos & mask];
    switch (header & 0xff) {
      case Kind.Int32:
        this.words = 2;
        return ring[(pos + 1) & mask];
      case Kind.Float64:
        this.words = 3;
        f64Words[0] = ring[(pos + 1) & mask];
        f64Words[1] = ring[(pos + 2) & mask];
        return f64[0];
      case Kind.String:
        return this.readString(ring, pos, header >>> 8);
      case Kind.Blob:
        return this.copyBlob(ring, ringBytes, pos);
      case Kind.Null:
        this.words = 1;
        return null;
      case Kind.Undefined:
        this.words = 1;
        return undefined;
      case Kind.True:
        this.words = 1;
        return true;
      case Kind.False:
        this.words = 1;
        return false;
      default:
        throw new Error(`corrupt queue frame header ${header} at word ${pos & mask}`);
    }
  }

  decodeBlob(): unknown {
    return threadDecoder.decode(this.blobBytes.subarray(0, this.blobLength));
  }

  private readString(ring: Int32Array, pos: number, n: number): string {
    const mask = ring.length - 1;
    this.words = 1 + ((n + 1) >>> 1);
    let p = pos + 1;
    if (n <= 12) {
      // Short strings: concatenating a few chars beats filling a buffer and calling apply().
      let s = '';
      for (let i = 0; i < n; i += 2) {
        const w = ring[p++ & mask];
        s += i + 1 < n ? String.fromCharCode(w & 0xffff, w >>> 16) : String.fromCharCode(w & 0xffff);
      }
      return s;
    }
    if (this.units.length < n + 1) this.units = new Uint16Array(Math.max(n + 1, this.units.length * 2));
    const units = this.units;
    for (let i = 0; i < n; i += 2) {
      const w = ring[p++ & mask];
      units[i] = w;
      units[i + 1] = w >>> 16;
    }
    let s = '';
    for (let i = 0; i < n; i += 8192) {
      s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
    }
    return s;
  }

  private copyBlob(ring: Int32Array, ringBytes: Uint8Array, pos: number): typeof PENDING_BLOB {
    const mask = ring.length - 1;
    const n = ring[(pos + 1) & mask];
    this.words = 2 + ((n + 3) >>> 2);
    if (this.blobBytes.length < n) this.blobBytes = new Uint8Array(Math.max(n, this.blobBytes.length * 2));
    const start = ((pos + 2) & mask) * 4;
    const first = Math.min(n, ringBytes.length - start);
    this.blobBytes.set(ringBytes.subarray(start, start + first), 0);
    if (first < n) this.blobBytes.set(ringBytes.subarray(0, n - first), first);
    this.blobLength = n;
    return PENDING_BLOB;
  }
}
