/**
 * Manager — Python's `multiprocessing.Manager()`: a server process owning shared objects that
 * other processes reach through proxies, one request/response round trip per operation.
 *
 *   const m = await Manager.start({ name?, maxClients = 16, replyCapacityBytes = 256 KiB, signal? })
 *   await m.dict(initial?)  → DictProxy      await m.list(initial?) → ListProxy
 *   await m.value(initial)  → ValueProxy     (Python: m.Value(typecode, value))
 *   m.pid, m.process, m.startupMs
 *   await m.shutdown()      stop the server (graceful, then terminate); later proxy calls raise
 *                           ConnectionRefusedError, as in Python
 *   await m.terminate()     stop it now (RunScope uses this)
 *
 * Transport: one shared request Queue that every client puts into, and one small reply Queue per
 * client slot (a process claims a slot on its first call; the parent frees it when the process
 * exits). `maxClients` bounds how many processes may use one manager at once.
 * Proxies travel as Process / initializer arguments (like a Lock), not inside queue messages or
 * Pool task arguments (CPython can pickle a proxy; here its shared buffers cannot be pickled).
 */
import { ResourceKind } from '../../telemetry/layout';
import { InvalidArgumentError, checkInt } from '../errors';
import { registerResource } from '../memory/resource-table';
import { allocWords } from '../memory/shared';
import { breakChannelIfHeldBy } from '../messaging/channel';
import { Queue } from '../messaging/queue';
import { now } from '../platform/clock';
import { Process } from '../process/process';
import { clientFor, releaseSlotsOf, type ManagerLink } from './client';
import {
  SLOT_ALIVE,
  slotTableWords,
  type ManagedKind,
  type ManagerReply,
  type ManagerRequest,
} from './manager-protocol';
import { DictProxy, ListProxy, ValueProxy } from './proxies';

export interface ManagerOptions {
  name?: string;
  /** Processes (the parent included) that may use this manager at the same time. Default 16. */
  maxClients?: number;
  /** Ring size of each client's reply queue: the largest reply (e.g. items()) must fit. Default 256 KiB. */
  replyCapacityBytes?: number;
  /** Ring size of the shared request queue. Default 1 MiB. */
  requestCapacityBytes?: number;
  /**
   * Aborted while start() waits for the server: the server process is ended and start() rejects
   * with the signal's reason, so a run stopped during start-up leaves no process behind. Once
   * start() has resolved, the manager is the caller's to end.
   */
  signal?: AbortSignal;
}

let managerCount = 0;

export class Manager {
  readonly name: string;
  readonly process: Process;
  readonly startedAt = now();
  /** Process start → first reply (null until start() resolved). */
  startupMs: number | null = null;
  private readonly link: ManagerLink;
  private stopping: Promise<void> | null = null;

  private constructor(options: ManagerOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        'options',
        'an object { name?, maxClients?, replyCapacityBytes? }',
        options,
      );
    }
    const maxClients = checkInt('maxClients', options.maxClients ?? 16, 1, 256);
    this.name = options.name ?? `Manager-${++managerCount}`;
    const requests = new Queue<ManagerRequest | null>(0, {
      capacityBytes: options.requestCapacityBytes ?? 1 << 20,
      name: `${this.name}.requests`,
    });
    const replies = Array.from(
      { length: maxClients },
      (_, i) =>
        new Queue<ManagerReply>(0, {
          capacityBytes: options.replyCapacityBytes ?? 256 * 1024,
          name: `${this.name}.reply-${i}`,
          untraced: true, // one resource slot for the manager, not one per client slot
        }),
    );
    const slots = allocWords(slotTableWords(maxClients));
    Atomics.store(slots, SLOT_ALIVE, 1);
    this.link = { id: `${this.name}#${now()}#${Math.random()}`, name: this.name, requests, replies, slots };
    registerResource({
      kind: ResourceKind.MANAGER,
      name: this.name,
      probe: { owner: () => -1, value: () => requests.qsize() },
      // A client process ended: its slot can serve another one. If it died inside a reply
      // queue's lock, that queue breaks (and its slot is never handed out again).
      onOwnerDied: (pid, code) => {
        releaseSlotsOf(slots, maxClients, pid);
        return replies.some((q) => breakChannelIfHeldBy(q.channel().sab, pid, code));
      },
      owner: this,
    });
    this.process = new Process({
      target: 'managerServer',
      name: `${this.name}-server`,
      daemon: true,
      args: [requests, replies],
    });
  }

  static async start(options: ManagerOptions = {}): Promise<Manager> {
    const signal = options?.signal;
    signal?.throwIfAborted();
    const manager = new Manager(options);
    manager.process.start();
    void manager.process.join().then(() => manager.onServerExit());
    // Ending the server wakes the ping below with ConnectionRefusedError.
    const onAbort = () => void manager.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await clientFor(manager.link).callAsync('ping', 0, []);
      // The server may have answered before the abort reached it (in Node a terminate waits for
      // the worker to finish loading): an aborted start still fails.
      signal?.throwIfAborted();
    } catch (error) {
      await manager.terminate();
      throw signal?.aborted ? signal.reason : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    manager.startupMs = now() - manager.startedAt;
    return manager;
  }

  get pid(): number {
    return this.process.pid;
  }

  async dict<K = string, V = unknown>(
    initial?: Map<K, V> | Record<string, V> | readonly (readonly [K, V])[],
  ): Promise<DictProxy<K, V>> {
    return new DictProxy<K, V>(this.link, await this.create('dict', initial));
  }

  async list<T = unknown>(initial?: readonly T[]): Promise<ListProxy<T>> {
    return new ListProxy<T>(this.link, await this.create('list', initial));
  }

  async value<T = number>(initial: T): Promise<ValueProxy<T>> {
    return new ValueProxy<T>(this.link, await this.create('value', initial));
  }

  /** Python's shutdown(): stop the server; proxies then raise ConnectionRefusedError. */
  shutdown(graceMs = 1000): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopping = (async () => {
      if (this.process.state === 'running') {
        try {
          await this.link.requests.putAsync(null);
        } catch {
          // Already unusable: terminate below.
        }
        await this.process.join(graceMs);
        if (this.process.state === 'running') this.process.terminate();
      }
      await this.process.threadEnded;
      this.onServerExit();
    })();
    return this.stopping;
  }

  /** Stop the server now (RunScope, Stop). */
  async terminate(): Promise<void> {
    if (this.process.state === 'running') this.process.terminate();
    if (this.process.state !== 'created') await this.process.threadEnded;
    this.onServerExit();
  }

  private async create(kind: ManagedKind, initial: unknown): Promise<number> {
    return (await clientFor(this.link).callAsync('create', 0, [kind, initial])) as number;
  }

  /** The server is gone: fail fast from now on, and wake every client still waiting for a reply. */
  private onServerExit(): void {
    if (Atomics.exchange(this.link.slots, SLOT_ALIVE, 0) === 0) return;
    this.link.requests.close();
    for (const reply of this.link.replies) reply.close();
  }
}
