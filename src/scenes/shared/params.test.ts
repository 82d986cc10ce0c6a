import { describe, expect, expectTypeOf, it } from 'vitest';
import { defaults, describeRange, parseUrlParams, toQuery, validateParams, type ParamSchema } from './params';

const schema = {
  processes: { kind: 'int', label: 'Processes', min: 1, max: 16, default: 2 },
  sync: { kind: 'enum', label: 'Sync', values: ['none', 'lock'] as const, default: 'none' },
  warm: { kind: 'bool', label: 'Warm', default: false },
  poolSizes: { kind: 'int-list', label: 'Pool sizes', min: 1, max: 8, minLength: 1, maxLength: 4, default: [1, 2] },
} satisfies ParamSchema;

const url = (q: string) => parseUrlParams(schema, new URLSearchParams(q));

describe('URL parameters (lenient)', () => {
  it('takes valid values without messages', () => {
    expect(url('processes=4&sync=lock&warm=true&poolSizes=1,2,4')).toEqual({
      values: { processes: 4, sync: 'lock', warm: true, poolSizes: [1, 2, 4] },
      messages: [],
    });
  });

  it('clamps out-of-range numbers and names the parameter and its range', () => {
    const { values, messages } = url('processes=10000');
    expect(values.processes).toBe(16);
    expect(messages).toEqual(['processes=10000 is out of range: processes must be an integer from 1 to 16; using 16.']);
    expect(url('processes=-3').values.processes).toBe(1);
    expect(url('processes=0').values.processes).toBe(1);
  });

  it('defaults non-numbers and unknown enum values, with a message', () => {
    const { values, messages } = url('processes=abc&sync=maybe');
    expect(values).toMatchObject({ processes: 2, sync: 'none' });
    expect(messages[0]).toContain('"abc" is not a number: processes must be an integer from 1 to 16');
    expect(messages[1]).toContain('sync must be one of "none", "lock"');
  });

  it('repairs lists: clamps members, drops junk and duplicates, refuses an empty list', () => {
    const fixed = url('poolSizes=0,2,x,2,99');
    expect(fixed.values.poolSizes).toEqual([1, 2, 8]);
    expect(fixed.messages[0]).toContain('poolSizes');
    const empty = url('poolSizes=');
    expect(empty.values.poolSizes).toEqual([1, 2]);
    expect(empty.messages[0]).toContain('a list of 1 to 4 integers');
  });

  it('reports unknown parameters', () => {
    expect(url('bogus=1').messages).toEqual(['Unknown parameter "bogus" was ignored.']);
  });

  it('round-trips through toQuery, leaving defaults out', () => {
    const values = { ...defaults(schema), processes: 5, poolSizes: [1, 4] };
    const query = toQuery(schema, values);
    expect(query).toBe('processes=5&poolSizes=1%2C4');
    expect(url(query).values).toEqual(values);
  });
});

describe('programmatic parameters (strict)', () => {
  it('fills defaults for missing keys', () => {
    expect(validateParams(schema, { processes: 3 })).toEqual({ ...defaults(schema), processes: 3 });
    expect(validateParams(schema, undefined)).toEqual(defaults(schema));
  });

  it.each([
    [{ processes: 0 }, 'processes must be an integer from 1 to 16 (got 0)'],
    [{ processes: 2.5 }, 'processes must be an integer from 1 to 16 (got 2.5)'],
    [{ processes: 'abc' }, 'processes must be an integer from 1 to 16 (got "abc")'],
    [{ sync: 'maybe' }, 'sync must be one of "none", "lock" (got "maybe")'],
    [{ warm: 'yes' }, 'warm must be true or false (got "yes")'],
    [{ poolSizes: [] }, 'poolSizes must be a list of 1 to 4 integers, each from 1 to 8 (got [])'],
    [{ poolSizes: [1, 9] }, 'poolSizes must be a list of 1 to 4 integers, each from 1 to 8 (got [1,9])'],
    [{ nope: 1 }, 'unknown parameter "nope"; valid parameters: processes, sync, warm, poolSizes'],
  ])('rejects %j', (input, message) => {
    expect(() => validateParams(schema, input)).toThrowError(message);
  });

  it('rejects a non-object', () => {
    expect(() => validateParams(schema, 3)).toThrow('params must be an object');
  });
});

describe('an int that may be "auto"', () => {
  const autoSchema = {
    workUs: { kind: 'int', label: 'Work (µs)', min: 0, max: 100_000, default: 'auto', auto: true },
    fixedUs: { kind: 'int', label: 'Fixed (µs)', min: 0, max: 100_000, default: 5, auto: true },
    plain: { kind: 'int', label: 'Plain', min: 0, max: 10, default: 3 },
  } satisfies ParamSchema;
  const autoUrl = (q: string) => parseUrlParams(autoSchema, new URLSearchParams(q));

  it('types the value as number | "auto" only where the spec says auto', () => {
    const values = defaults(autoSchema);
    expectTypeOf(values.workUs).toEqualTypeOf<number | 'auto'>();
    expectTypeOf(values.plain).toEqualTypeOf<number>();
    expect(values).toEqual({ workUs: 'auto', fixedUs: 5, plain: 3 });
  });

  it('names "auto" in the range', () => {
    expect(describeRange('workUs', autoSchema.workUs)).toBe('workUs must be "auto" or an integer from 0 to 100000');
    expect(describeRange('plain', autoSchema.plain)).toBe('plain must be an integer from 0 to 10');
  });

  it('takes "auto" or a number from the URL, and corrects anything else with a message', () => {
    expect(autoUrl('workUs=auto&fixedUs=AUTO')).toEqual({
      values: { workUs: 'auto', fixedUs: 'auto', plain: 3 },
      messages: [],
    });
    expect(autoUrl('workUs=250')).toEqual({ values: { workUs: 250, fixedUs: 5, plain: 3 }, messages: [] });
    const clamped = autoUrl('workUs=999999');
    expect(clamped.values.workUs).toBe(100_000);
    expect(clamped.messages).toEqual([
      'workUs=999999 is out of range: workUs must be "auto" or an integer from 0 to 100000; using 100000.',
    ]);
    const junk = autoUrl('workUs=fast&fixedUs=&plain=auto');
    expect(junk.values).toEqual({ workUs: 'auto', fixedUs: 5, plain: 3 });
    expect(junk.messages).toEqual([
      'workUs="fast" is not valid: workUs must be "auto" or an integer from 0 to 100000; using "auto".',
      'fixedUs="" is not valid: fixedUs must be "auto" or an integer from 0 to 100000; using 5.',
      '"auto" is not a number: plain must be an integer from 0 to 10; using 3.',
    ]);
  });

  it('accepts exactly "auto" or an integer in range from a program', () => {
    expect(validateParams(autoSchema, { workUs: 'auto', fixedUs: 'auto' })).toEqual({
      workUs: 'auto',
      fixedUs: 'auto',
      plain: 3,
    });
    expect(validateParams(autoSchema, { workUs: 0 }).workUs).toBe(0);
    for (const bad of ['Auto', 'fast', -1, 100_001, 2.5, null, true]) {
      expect(() => validateParams(autoSchema, { workUs: bad })).toThrowError(
        `workUs must be "auto" or an integer from 0 to 100000 (got ${JSON.stringify(bad)})`,
      );
    }
    expect(() => validateParams(autoSchema, { plain: 'auto' })).toThrowError(
      'plain must be an integer from 0 to 10 (got "auto")',
    );
  });

  it('leaves a default "auto" out of the URL and round-trips a number', () => {
    expect(toQuery(autoSchema, defaults(autoSchema))).toBe('');
    const values = { ...defaults(autoSchema), workUs: 40, fixedUs: 'auto' as const };
    expect(toQuery(autoSchema, values)).toBe('workUs=40&fixedUs=auto');
    expect(autoUrl(toQuery(autoSchema, values)).values).toEqual(values);
  });
});
