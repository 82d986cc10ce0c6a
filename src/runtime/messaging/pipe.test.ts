import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError } from '../errors';
import { terminateAll } from '../process/process-table';
import { startAll } from '../process/spawn';
import { BrokenPipeError, EOFError } from './errors';
import { Pipe } from './pipe';

afterEach(() => terminateAll());

describe('Pipe', () => {
  it('duplex: both ends send and receive, in order', async () => {
    const [a, b] = Pipe<unknown>();
    a.send('to b');
    a.send({ n: 1 });
    b.send([1, 2]);
    expect(await b.recvAsync()).toBe('to b');
    expect(await b.recvAsync()).toEqual({ n: 1 });
    expect(await a.recvAsync()).toEqual([1, 2]);
  });

  it('one-way (duplex=false): the first end only receives, the second only sends', async () => {
    const [reader, writer] = Pipe<number>(false);
    expect(reader.readable && !reader.writable).toBe(true);
    expect(() => reader.send(1)).toThrow('connection is read-only');
    await expect(writer.recvAsync()).rejects.toThrow('connection is write-only');
    writer.send(5);
    expect(await reader.recvAsync()).toBe(5);
  });

  it('poll() reports waiting data without taking it', async () => {
    const [a, b] = Pipe<number>();
    expect(b.poll()).toBe(false);
    expect(await b.pollAsync(20)).toBe(false);
    a.send(1);
    expect(b.poll()).toBe(true);
    expect(await b.recvAsync()).toBe(1);
  });

  it('recv() after the other end closed drains what is left, then raises EOFError', async () => {
    const [a, b] = Pipe<number>();
    a.send(1);
    a.close();
    expect(a.closed).toBe(true);
    expect(() => a.send(2)).toThrow('handle is closed');
    expect(await b.recvAsync()).toBe(1);
    await expect(b.recvAsync()).rejects.toBeInstanceOf(EOFError);
    expect(() => b.recv()).toThrow(EOFError);
    expect(b.poll()).toBe(true); // EOF counts as readable, as in Python
  });

  it('send() to a closed receiving end raises BrokenPipeError', async () => {
    const [a, b] = Pipe<number>();
    b.close();
    await expect(a.sendAsync(1)).rejects.toBeInstanceOf(BrokenPipeError);
    expect(() => a.send(1)).toThrow(BrokenPipeError);
  });

  it('recvAsync(timeoutMs) raises TimeoutError when nothing comes', async () => {
    const [, b] = Pipe<number>();
    await expect(b.recvAsync(20)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('ping-pong with a process: every reply comes back to the right end', async () => {
    const [parentEnd, childEnd] = Pipe<number>();
    const rounds = 2000;
    const pong = startAll('pipePong', [[childEnd, rounds]])[0];
    for (let i = 0; i < rounds; i++) {
      await parentEnd.sendAsync(i);
      expect(await parentEnd.recvAsync()).toBe(i + 1);
    }
    await pong.join();
    expect(pong.exitCode).toBe(0);
  });

  it('ping-pong between two processes', async () => {
    const [a, b] = Pipe<number>();
    const [ping, pong] = [startAll('pipePing', [[a, 5000]])[0], startAll('pipePong', [[b, 5000]])[0]];
    await Promise.all([ping.join(), pong.join()]);
    expect([ping.exitCode, pong.exitCode]).toEqual([0, 0]);
    expect((ping.result as { rounds: number }).rounds).toBe(5000);
  });
});
