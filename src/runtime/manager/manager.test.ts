import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeChildren, liveWorkerCount, terminateAll } from '../process/process-table';
import { Process } from '../process/process';
import { joinAllOf, startAll } from '../process/spawn';
import { ConnectionRefusedError } from './client';
import { Manager } from './manager';

afterAll(() => terminateAll());

describe('Manager', () => {
  let manager: Manager;
  beforeAll(async () => {
    manager = await Manager.start();
  });
  afterAll(() => manager.terminate());

  it('a dict proxy behaves like a Python dict, each call a round trip', async () => {
    const d = await manager.dict<string, number>({ a: 1 });
    await d.set('b', 2);
    await d.update([['c', 3]]);
    expect(await d.items()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(await d.get('zz', -1)).toBe(-1);
    expect(await d.pop('a')).toBe(1);
    expect(await d.len()).toBe(2);
    await expect(d.delete('nope')).rejects.toMatchObject({ name: 'KeyError', message: "'nope'" });
  });

  it('a list proxy follows Python’s index rules', async () => {
    const l = await manager.list<number>([1, 2]);
    await l.append(3);
    expect(await l.get(-1)).toBe(3);
    await expect(l.get(5)).rejects.toMatchObject({ name: 'IndexError' });
    expect(await l.pop()).toBe(3);
    expect(await l.copy()).toEqual([1, 2]);
  });

  it('two processes write the same dict and list through proxies', async () => {
    const list = await manager.list<number>();
    const done = await manager.dict<number, number>();
    const writers = startAll('managerListAppend', [
      [list, done, [1, 2, 3]],
      [list, done, [10, 20]],
    ]);
    await joinAllOf(writers);
    for (const w of writers) expect(w.exitCode, w.error?.message).toBe(0);
    expect((await list.copy()).sort((a, b) => a - b)).toEqual([1, 2, 3, 10, 20]);
    expect(new Map(await done.items())).toEqual(new Map(writers.map((w, i) => [w.pid, i === 0 ? 3 : 2])));
  });

  it('increment() runs in the server, so it is exact under contention', async () => {
    const counter = await manager.value(0);
    const workers = startAll('managerValueIncrement', [
      [counter, 500],
      [counter, 500],
    ]);
    await joinAllOf(workers);
    expect(await counter.get()).toBe(1000);
  });

  it('refuses an unpicklable argument, naming it', async () => {
    const d = await manager.dict();
    await expect(d.set('f', (() => 1) as unknown)).rejects.toThrow('args[1]: a function cannot be pickled');
  });
});

describe('Manager shutdown', () => {
  it('after shutdown(), proxies raise ConnectionRefusedError', async () => {
    const manager = await Manager.start({ name: 'short-lived' });
    const d = await manager.dict();
    await d.set('k', 1);
    await manager.shutdown();
    expect(manager.process.exitCode).toBe(0);
    await expect(d.get('k')).rejects.toBeInstanceOf(ConnectionRefusedError);
  });
});

describe('Manager.start with a signal', () => {
  it('aborted while the server starts: the server process ends and start() rejects with the reason', async () => {
    const controller = new AbortController();
    const starting = Manager.start({ name: 'stopped-while-starting', signal: controller.signal });
    const server = activeChildren().find(
      (p): p is Process => p instanceof Process && p.name === 'stopped-while-starting-server',
    );
    expect(server).toBeDefined();
    const reason = new Error('stopped by the test');
    controller.abort(reason);
    await expect(starting).rejects.toBe(reason);
    await server!.join();
    expect(server!.exitCode).toBe(-15);
    expect(liveWorkerCount()).toBe(0);
  });

  it('already aborted: rejects without starting a server', async () => {
    const before = activeChildren().length;
    await expect(Manager.start({ signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow(
      'too late',
    );
    expect(activeChildren().length).toBe(before);
  });

  it('aborted after start() resolved: the manager keeps serving (it is the caller’s to end)', async () => {
    const controller = new AbortController();
    const manager = await Manager.start({ signal: controller.signal });
    controller.abort();
    const v = await manager.value(41);
    await v.increment();
    expect(await v.get()).toBe(42);
    await manager.terminate();
  });
});
