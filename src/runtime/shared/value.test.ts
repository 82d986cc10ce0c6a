import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, RuntimeError } from '../errors';
import { runTask } from '../process/spawn';
import { terminateAll } from '../process/process-table';
import { RLock } from '../sync/rlock';
import { Lock } from '../sync/lock';
import { RawArray, SharedArray } from './shared-array';
import { RawValue, Value } from './value';

afterEach(() => terminateAll());

describe('Value and RawValue', () => {
  it('default to int32 zero with an RLock, like Python', () => {
    const v = new Value('i');
    expect(v.value).toBe(0);
    expect(v.getLock()).toBeInstanceOf(RLock);
    expect(v.getObj()).toBeInstanceOf(RawValue);
    v.value = 2 ** 31; // wraps like a C int
    expect(v.value).toBe(-(2 ** 31));
  });

  it('holds float64 and int64 exactly', () => {
    const d = new RawValue('d', 0.1);
    expect(d.value).toBe(0.1);
    d.value = Math.PI;
    expect(d.value).toBe(Math.PI);
    const q = new Value('q', 2n ** 62n);
    expect(q.value).toBe(2n ** 62n);
    q.value = 5n;
    expect(q.getObj().value).toBe(5n);
    const f = new RawValue('f', 1.5);
    expect(f.value).toBe(1.5);
  });

  it('lock: false has no lock; a Lock can be shared', () => {
    const raw = new Value('i', 1, { lock: false });
    expect(() => raw.getLock()).toThrow(RuntimeError);
    const lock = new Lock();
    expect(new Value('i', 0, { lock }).getLock()).toBe(lock);
  });

  it('rejects bad type codes and values naming the argument', () => {
    expect(() => new Value('x' as 'i')).toThrow(/typecode must be one of/);
    expect(() => new RawValue('i', 'a' as unknown as number)).toThrow(InvalidArgumentError);
  });

  it('a RawValue crosses to a process, which updates the same memory', async () => {
    const counter = new RawValue('i', 0);
    const p = await runTask('sideEffectCounter', [counter]);
    expect(p.exitCode, p.error?.message).toBe(0);
    expect(counter.value).toBe(1);
  });
});

describe('SharedArray and RawArray', () => {
  it('get/set cells, from a length or initial values', () => {
    const a = new SharedArray('d', [1.5, 2.5, 3.5]);
    expect(a.toArray()).toEqual([1.5, 2.5, 3.5]);
    a.set(1, 9);
    expect(a.get(1)).toBe(9);
    expect(new RawArray('i', 4).toArray()).toEqual([0, 0, 0, 0]);
    expect(() => a.get(3)).toThrow(/index must be an integer from 0 to 2/);
    expect(() => new RawArray('i', -1)).toThrow(/lengthOrValues must be an integer/);
  });

  it('rebuilds over the same memory', () => {
    const a = new SharedArray('i', 3);
    const b = SharedArray.fromHandle(structuredClone(a.toHandle()));
    b.set(2, 42);
    expect(a.get(2)).toBe(42);
  });
});
