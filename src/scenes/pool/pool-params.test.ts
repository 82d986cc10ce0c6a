import { describe, expect, it } from 'vitest';
import { ParamError, parseUrlParams, validateParams } from '../shared/params';
import { checkWorkloadSize, clampSize, MAX_POOL_SIZE, poolParams } from './pool-params';

describe('pool parameters, strict (window.playground.run)', () => {
  const reject = (input: Record<string, unknown>) => {
    try {
      checkWorkloadSize(validateParams(poolParams, input));
    } catch (error) {
      return error as ParamError;
    }
    throw new Error(`accepted ${JSON.stringify(input)}`);
  };

  it.each([[[0]], [[-3]], [[1.5]], [[]], [[MAX_POOL_SIZE + 1]], ['abc'], [[1, 2, 3, 4, 5, 6, 7, 8, 1]]])(
    'refuses poolSizes %j, naming it',
    (poolSizes) => {
      const error = reject({ poolSizes });
      expect(error.param).toBe('poolSizes');
      expect(error.message).toContain(`each from 1 to ${MAX_POOL_SIZE}`);
    },
  );

  it('refuses a size the workload cannot finish in reasonable time', () => {
    const error = reject({ workload: 'primes', size: 50_000_000 });
    expect(error.param).toBe('size');
    expect(error.message).toBe(
      'size must be an integer from 1,000 to 10,000,000 for workload "primes" (got 50000000)',
    );
  });

  it('accepts the defaults and a typical sweep', () => {
    expect(() => checkWorkloadSize(validateParams(poolParams, {}))).not.toThrow();
    const values = validateParams(poolParams, { poolSizes: [1, 2], size: 5_000_000, warm: true });
    expect(values).toMatchObject({
      poolSizes: [1, 2],
      size: 5_000_000,
      warm: true,
      chunksize: 0,
      workload: 'sum-squares',
    });
  });
});

describe('pool parameters, lenient (URL)', () => {
  it('clamps pool sizes and says so', () => {
    const { values, messages } = parseUrlParams(poolParams, new URLSearchParams('poolSizes=0,2,10000'));
    expect(values.poolSizes).toEqual([1, 2, MAX_POOL_SIZE]);
    expect(messages[0]).toContain('poolSizes');
  });

  it('clamps a size too large for the workload, with a message naming the limit', () => {
    const { values } = parseUrlParams(poolParams, new URLSearchParams('workload=primes&size=400000000'));
    const { params, message } = clampSize(values);
    expect(params.size).toBe(10_000_000);
    expect(message).toContain('for workload "primes"; using 10,000,000');
  });

  it('never offers a default pool size above 4 × cores', () => {
    expect(Math.max(...poolParams.poolSizes.default)).toBeLessThanOrEqual(MAX_POOL_SIZE);
  });
});
