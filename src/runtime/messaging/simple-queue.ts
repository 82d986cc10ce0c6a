/**
 * SimpleQueue — Python's `multiprocessing.SimpleQueue`: unbounded, no timeouts, no qsize().
 *
 *   put(item)   get()   empty()   close()          processes
 *   putAsync(item)   getAsync()                    the main thread's twins
 *
 * Same channel as Queue (channel.ts). "Unbounded" means bounded by its byte ring, like a pipe's
 * buffer in CPython: put() blocks while the ring is full.
 */
import { registerHandleKind, type Handle } from '../memory/handles';
import { QueueBase, type QueueHandle, type QueueOptions } from './queue';

export class SimpleQueue<T = unknown> extends QueueBase<T> {
  constructor(options: QueueOptions = {}, rebuilt?: QueueHandle) {
    super('SimpleQueue', 0, options, rebuilt);
  }

  put(item: T): void {
    this.putBlocking(item, true, undefined);
  }

  get(): T {
    return this.getBlocking(true, undefined);
  }

  putAsync(item: T): Promise<void> {
    return this.putAsyncImpl(item, true, undefined);
  }

  getAsync(): Promise<T> {
    return this.getAsyncImpl(true, undefined);
  }

  close(): void {
    this.closeImpl();
  }

  static fromHandle(h: Handle): SimpleQueue {
    return new SimpleQueue({}, h as QueueHandle);
  }
}

registerHandleKind('SimpleQueue', SimpleQueue.fromHandle);
