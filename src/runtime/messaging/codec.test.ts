import { describe, expect, it } from 'vitest';
import { PicklingError } from '../errors';
import { Decoder, Encoder, pickle, unpickle } from './codec';
import { FrameReader, OutgoingFrame, PENDING_BLOB } from './frame';

const roundTrip = (value: unknown) => unpickle(pickle(value));

describe('codec round trips', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['false', false],
    ['int', -123456],
    ['float', 3.25],
    ['NaN', NaN],
    ['Infinity', -Infinity],
    ['ascii', 'hello'],
    ['unicode', 'héllo 🌍 日本'],
    ['empty string', ''],
    ['bigint', -(2n ** 100n) + 7n],
    ['zero bigint', 0n],
  ])('%s', (_label, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('keeps -0 distinct from 0', () => {
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
  });

  it('rebuilds nested containers, dates, regexps and binary data', () => {
    const value = {
      list: [1, 'two', [3.5, null], { deep: true }],
      map: new Map<unknown, unknown>([
        ['a', 1],
        [2, new Set(['x', 'y'])],
      ]),
      when: new Date(1_700_000_000_000),
      pattern: /ab+c/gi,
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([1.5, -2.25]),
      big: new BigInt64Array([-5n]),
      buffer: new Uint16Array([7, 8]).buffer,
      view: new DataView(new Uint8Array([9, 10]).buffer),
      '__proto__ as key': 1,
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toStrictEqual(value);
    expect(back.floats).toBeInstanceOf(Float64Array);
    expect(back.map.get(2)).toBeInstanceOf(Set);
  });

  it('keeps an own "__proto__" key as data, not as the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": 1}}') as object;
    const back = roundTrip(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
  });

  it('copies a typed array view of a larger buffer without its neighbours', () => {
    const whole = new Int32Array([1, 2, 3, 4]);
    const back = roundTrip(whole.subarray(1, 3)) as Int32Array;
    expect(Array.from(back)).toEqual([2, 3]);
    expect(back.buffer.byteLength).toBe(8);
  });

  it('preserves cycles and shared references, as structured clone does', () => {
    const shared = { n: 1 };
    const cyclic: { self?: unknown; a: object; b: object } = { a: shared, b: shared };
    cyclic.self = cyclic;
    const back = roundTrip(cyclic) as typeof cyclic;
    expect(back.self).toBe(back);
    expect(back.a).toBe(back.b);
    expect(back.a).toEqual({ n: 1 });
  });

  it('drops the prototype of class instances and keeps own data, as structured clone does', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
      norm() {
        return Math.hypot(this.x, this.y);
      }
    }
    const back = roundTrip(new Point(3, 4));
    expect(back).toEqual({ x: 3, y: 4 });
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('carries errors with name, message, stack and extra fields', () => {
    const error = Object.assign(new TypeError('bad thing'), { workerName: 'PoolWorker-1' });
    const back = roundTrip(error) as TypeError & { workerName: string };
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('bad thing');
    expect(back.stack).toBe(error.stack);
    expect(back.workerName).toBe('PoolWorker-1');
    const custom = Object.assign(new Error('x'), { name: 'ZeroDivisionError' });
    expect((roundTrip(custom) as Error).name).toBe('ZeroDivisionError');
  });

  it('unboxes boxed primitives', () => {
    expect(roundTrip([new Number(2), new String('s'), new Boolean(false)])).toEqual([2, 's', false]);
  });

  it('reuses one encoder across calls without leaking state', () => {
    const encoder = new Encoder();
    const decoder = new Decoder();
    const shared = { k: 1 };
    expect(decoder.decode(encoder.encode([shared, shared]).slice())).toEqual([{ k: 1 }, { k: 1 }]);
    expect(decoder.decode(encoder.encode({ again: shared }).slice())).toEqual({ again: { k: 1 } });
  });
});

describe('codec refusals', () => {
  const refusal = (value: unknown, root = 'args'): PicklingError => {
    try {
      pickle(value, root);
    } catch (error) {
      expect(error).toBeInstanceOf(PicklingError);
      return error as PicklingError;
    }
    throw new Error('expected a PicklingError');
  };

  it('names the path to a function', () => {
    const error = refusal([{ callback: () => 1 }]);
    expect(error.message).toBe('args[0].callback: a function cannot be pickled');
    expect(error.path).toBe('args[0].callback');
  });

  it('names paths through maps, quoted keys and symbols', () => {
    expect(refusal({ m: new Map([['k', Symbol('s')]]) }, 'item').message).toBe(
      'item.m.get("k"): a symbol cannot be pickled',
    );
    expect(refusal({ 'a b': [0, 1, Promise.resolve()] }).message).toBe(
      'args["a b"][2]: a Promise cannot be pickled',
    );
  });

  it('refuses shared memory and runtime primitives like CPython refuses a Lock in a message', () => {
    expect(refusal(new SharedArrayBuffer(8)).message).toMatch(/SharedArrayBuffer cannot be pickled/);
    expect(refusal({ v: new Int32Array(new SharedArrayBuffer(8)) }).message).toMatch(
      /^args\.v: a Int32Array over a SharedArrayBuffer/,
    );
    class Lock {
      toHandle() {
        return {};
      }
    }
    expect(refusal([new Lock()]).message).toBe(
      'args[0]: Lock objects should only be shared between processes through inheritance',
    );
  });

  it('refuses weak collections', () => {
    expect(refusal(new WeakMap()).message).toBe('args: a WeakMap cannot be pickled');
  });
});

describe('ring frames', () => {
  const ring = new Int32Array(16);
  const ringBytes = new Uint8Array(ring.buffer);
  const reader = new FrameReader();
  const frame = new OutgoingFrame();

  /** Writes at `pos`, reads back, checks the size bookkeeping agrees. */
  const through = (value: unknown, pos: number) => {
    frame.prepare(value, 'item').writeTo(ring, ringBytes, pos);
    expect(FrameReader.frameWords(ring, pos)).toBe(frame.words);
    let back = reader.read(ring, ringBytes, pos);
    if (back === PENDING_BLOB) back = reader.decodeBlob();
    expect(reader.words).toBe(frame.words);
    return back;
  };

  it.each([
    null,
    undefined,
    true,
    false,
    0,
    -1,
    2 ** 31 - 1,
    0.1,
    -0,
    'a',
    'odd',
    'even',
    'ünïcode🌍',
    [1, { a: 'b' }],
  ])('round-trips %s across the wrap point', (value) => {
    for (const pos of [0, 13, 14, 15]) {
      const back = through(value, pos);
      if (typeof value === 'number') expect(Object.is(back, value)).toBe(true);
      else expect(back).toEqual(value);
    }
  });

  it('sizes frames in words', () => {
    expect(frame.prepare(7, 'item').words).toBe(2);
    expect(frame.prepare(7.5, 'item').words).toBe(3);
    expect(frame.prepare('abc', 'item').words).toBe(3);
    expect(frame.prepare(null, 'item').words).toBe(1);
  });
});
