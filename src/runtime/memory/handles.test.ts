import { describe, expect, it } from 'vitest';
import { PicklingError } from '../errors';
import { Lock } from '../sync/lock';
import { Value } from '../shared/value';
import { decodeArgs, encodeArgs, isHandle } from './handles';

describe('handles', () => {
  it('replaces primitives at any depth by handles and rebuilds them over the same memory', () => {
    const lock = new Lock({ name: 'deep' });
    const v = new Value('i', 5);
    const encoded = encodeArgs([1, { nested: [lock], m: new Map([['v', v]]) }]);
    const [, obj] = encoded as [number, { nested: unknown[]; m: Map<string, unknown> }];
    expect(isHandle(obj.nested[0])).toBe(true);
    expect((obj.nested[0] as { __mp: string }).__mp).toBe('Lock');
    const [n, back] = decodeArgs(structuredClone(encoded)) as [number, { nested: Lock[]; m: Map<string, Value<'i'>> }];
    expect(n).toBe(1);
    const rebuilt = back.nested[0];
    expect(rebuilt).toBeInstanceOf(Lock);
    expect(rebuilt.name).toBe('deep');
    lock.acquire();
    expect(rebuilt.locked()).toBe(true);
    lock.release();
    back.m.get('v')!.value = 9;
    expect(v.value).toBe(9);
  });

  it('names what cannot be pickled and where', () => {
    const sym = Symbol('tag');
    expect(() => encodeArgs([{ a: [1, { cb: () => 1 }] }])).toThrow(PicklingError);
    let caught: unknown = null;
    try {
      encodeArgs([{ a: [1, { cb: function callback() {} }] }]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PicklingError);
    expect((caught as PicklingError).path).toBe('args[0].a[1].cb');
    expect((caught as PicklingError).message).toMatch(/function callback/);
    expect(() => encodeArgs([sym])).toThrow(/Symbol\(tag\) at args\[0\]/);
  });

  it('fails clearly on an unregistered handle kind', () => {
    expect(() => decodeArgs([{ __mp: 'NoSuchKind' }])).toThrow(/No handle kind "NoSuchKind"/);
  });
});
