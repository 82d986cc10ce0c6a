import { describe, expect, it } from 'vitest';
import { validateParams } from '../shared/params';
import { goManagerProgram, pythonManagerProgram } from './manager-code';
import { managerParams, METHOD_INFO, METHODS } from './manager-params';

describe('manager scene settings and programs', () => {
  it('describes all three ways', () => {
    expect(METHODS.map((m) => METHOD_INFO[m].label)).toEqual([
      'Manager().dict() proxy',
      'shared Value',
      'message passing',
    ]);
  });

  it('rejects bad parameters naming them', () => {
    expect(() => validateParams(managerParams, { processes: 0 })).toThrow(
      /processes must be an integer from 1 to 8/,
    );
    expect(() => validateParams(managerParams, { payloadSizes: [] })).toThrow(/payloadSizes/);
  });

  it('the Python program times all three ways and tries to pickle a lambda and a Lock', () => {
    const py = pythonManagerProgram({ processes: 2, opsPerProcess: 100, payloadSizes: [16] });
    for (const fragment of [
      'manager.dict(count=0)',
      'counter.get_lock()',
      'q.put(1)',
      'pickle.dumps(thing)',
      'lambda x: x * 2',
      'mp.Lock()',
    ]) {
      expect(py).toContain(fragment);
    }
    expect(goManagerProgram({ processes: 2, opsPerProcess: 100, payloadSizes: [16] })).toContain(
      'func server(requests chan request)',
    );
  });
});
