import { describe, expect, it } from 'vitest';
import {
  enabledProcesses,
  initialState,
  isFinished,
  nextStep,
  processStatus,
  runSchedule,
  step,
  StepError,
  stateKey,
} from './race-machine';
import { pythonSource } from './race-program';
import { currentState, lostUpdateSoFar, newTrace, traceBack, traceSchedule, traceStep } from './race-trace';

const noLock = { processes: 2, increments: 1, sync: 'none' as const };
const withLock = { processes: 2, increments: 1, sync: 'lock' as const };

describe('race machine', () => {
  it('splits counter.value += 1 into load, add, store on the += line', () => {
    let s = initialState(noLock);
    const source = pythonSource(noLock);
    const ops: string[] = [];
    while (nextStep(s, 0)) {
      const info = nextStep(s, 0)!;
      ops.push(info.op);
      expect(source[info.line - 1]).toContain('counter.value += 1');
      s = step(s, 0);
    }
    expect(ops).toEqual(['load', 'add', 'store']);
    expect(s.counter).toBe(1);
    expect(s.processes[0]!.register).toBe(1);
  });

  it('loses an update when both processes load before either stores', () => {
    // P1 load, P2 load, P1 add, P1 store, P2 add, P2 store: both wrote 0 + 1.
    const s = runSchedule(noLock, [0, 1, 0, 0, 1, 1]);
    expect(isFinished(s)).toBe(true);
    expect(s.counter).toBe(1);
  });

  it('keeps the add private: the shared counter changes only on store', () => {
    const afterAdd = runSchedule(noLock, [0, 0]);
    expect(afterAdd.processes[0]!.register).toBe(1);
    expect(afterAdd.counter).toBe(0);
  });

  it('blocks a process at acquire while another holds the lock', () => {
    const s = runSchedule(withLock, [0]);
    expect(s.lockHolder).toBe(0);
    expect(processStatus(s, 1)).toBe('waiting-for-lock');
    expect(enabledProcesses(s)).toEqual([0]);
    expect(() => step(s, 1)).toThrow(StepError);
    const released = runSchedule(withLock, [0, 0, 0, 0, 0]);
    expect(released.lockHolder).toBeNull();
    expect(enabledProcesses(released)).toEqual([1]);
  });

  it('lets another process in between the getter and the setter of Value(lock=True)', () => {
    const valueLock = { processes: 2, increments: 1, sync: 'value-lock' as const };
    // P1: acquire, load 0, release. P2 runs its whole increment (7 steps). P1: add, acquire, store 1, release.
    const s = runSchedule(valueLock, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(isFinished(s)).toBe(true);
    expect(s.counter).toBe(1);
  });

  it('makes the atomic add a single step that cannot be split', () => {
    const atomic = { processes: 2, increments: 2, sync: 'atomic' as const };
    expect(nextStep(initialState(atomic), 0)!.op).toBe('atomic-add');
    expect(runSchedule(atomic, [0, 1, 1, 0]).counter).toBe(4);
  });

  it('refuses to step a finished process', () => {
    const s = runSchedule(noLock, [0, 0, 0]);
    expect(processStatus(s, 0)).toBe('done');
    expect(() => step(s, 0)).toThrow(/finished/);
  });

  it('merges states whose only difference is a dead register', () => {
    // P1 finished with register 1; P1 mid-way with a live register 0 must differ.
    const done = runSchedule(noLock, [0, 0, 0]);
    const alsoDone = { ...done, processes: [{ ...done.processes[0]!, register: 42 }, done.processes[1]!] };
    expect(stateKey(alsoDone)).toBe(stateKey(done));
    const loaded = runSchedule(noLock, [0]);
    const loadedOther = { ...loaded, processes: [{ pc: 1, register: 5 }, loaded.processes[1]!] };
    expect(stateKey(loadedOther)).not.toBe(stateKey(loaded));
  });
});

describe('race trace (step back)', () => {
  it('steps, steps back and reports lost updates so far', () => {
    let t = newTrace(noLock);
    for (const pid of [0, 1, 0, 0, 1, 1]) t = traceStep(t, pid);
    expect(currentState(t).counter).toBe(1);
    expect(lostUpdateSoFar(t)).toBe(1);
    expect(traceSchedule(t)).toEqual([0, 1, 0, 0, 1, 1]);
    t = traceBack(traceBack(t));
    expect(currentState(t).counter).toBe(1);
    expect(lostUpdateSoFar(t)).toBe(0);
    expect(traceSchedule(t)).toEqual([0, 1, 0, 0]);
    expect(traceBack(newTrace(noLock)).entries).toHaveLength(0);
  });
});
