/**
 * The client side of a manager: how a proxy's method becomes one round trip to the server.
 *
 *   ManagerLink        the manager's shared pieces: request queue, one reply queue per client
 *                      slot, the slot table (layout in manager-protocol.ts)
 *   clientFor(link)    this thread's client for that manager (one per process, like CPython's
 *                      one connection per process and thread)
 *   client.call(op, id, args)        blocking round trip (processes)
 *   client.callAsync(op, id, args)   the main thread's twin; calls are queued one after another
 *
 * A client claims a free slot the first time it calls (CAS on the slot table); the parent frees
 * the slots of processes that exit. A reply is matched by (generation, sequence number), so a
 * late reply to a dead former owner of the slot is dropped, never mistaken for ours.
 */
import { currentWriter } from '../../telemetry/current';
import { PicklingError, ValueError } from '../errors';
import { BrokenQueueError } from '../messaging/errors';
import { Queue, type QueueHandle } from '../messaging/queue';
import type { RemoteErrorInfo } from '../pool/pool-protocol';
import { rebuildRemoteError } from '../pool/remote-error';
import {
  SLOT_ALIVE,
  claimIndex,
  generationIndex,
  type ManagerOp,
  type ManagerReply,
  type ManagerRequest,
} from './manager-protocol';

/** Python raises ConnectionRefusedError when a proxy is used after its manager shut down. */
export class ConnectionRefusedError extends Error {
  override name = 'ConnectionRefusedError';
}

export interface ManagerLink {
  /** Unique per manager, for the per-thread client cache. */
  readonly id: string;
  readonly name: string;
  readonly requests: Queue<ManagerRequest | null>;
  readonly replies: readonly Queue<ManagerReply>[];
  readonly slots: Int32Array;
}

export interface ManagerLinkHandle {
  id: string;
  name: string;
  requests: QueueHandle;
  replies: QueueHandle[];
  slots: SharedArrayBuffer;
}

export function linkToHandle(link: ManagerLink): ManagerLinkHandle {
  return {
    id: link.id,
    name: link.name,
    requests: link.requests.toHandle(),
    replies: link.replies.map((q) => q.toHandle()),
    slots: link.slots.buffer as SharedArrayBuffer,
  };
}

const clients = new Map<string, ManagerClient>();

/** This thread's client for a manager, from the link itself or from a handle sent to this process. */
export function clientFor(link: ManagerLink | ManagerLinkHandle): ManagerClient {
  let client = clients.get(link.id);
  if (!client) {
    const live: ManagerLink =
      link.slots instanceof Int32Array
        ? (link as ManagerLink)
        : {
            id: link.id,
            name: link.name,
            requests: Queue.fromHandle((link as ManagerLinkHandle).requests) as Queue<ManagerRequest | null>,
            replies: (link as ManagerLinkHandle).replies.map(
              (h) => Queue.fromHandle(h) as Queue<ManagerReply>,
            ),
            slots: new Int32Array(link.slots as SharedArrayBuffer),
          };
    client = new ManagerClient(live);
    clients.set(link.id, client);
  }
  return client;
}

export class ManagerClient {
  private slot = -1;
  private generation = 0;
  private seq = 0;
  /** Main thread: one request in flight per client, so replies come back in order. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly link: ManagerLink) {}

  call(op: ManagerOp, objectId: number, args: unknown[]): unknown {
    const request = this.request(op, objectId, args);
    try {
      this.link.requests.put(request);
      for (;;) {
        const reply = this.link.replies[this.slot].get();
        if (reply[0] === this.generation && reply[1] === request[2]) return this.settle(reply);
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  callAsync(op: ManagerOp, objectId: number, args: unknown[]): Promise<unknown> {
    const run = async () => {
      const request = this.request(op, objectId, args);
      try {
        await this.link.requests.putAsync(request);
        for (;;) {
          const reply = await this.link.replies[this.slot].getAsync();
          if (reply[0] === this.generation && reply[1] === request[2]) return this.settle(reply);
        }
      } catch (error) {
        throw this.translate(error);
      }
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private request(op: ManagerOp, objectId: number, args: unknown[]): ManagerRequest {
    if (Atomics.load(this.link.slots, SLOT_ALIVE) === 0) throw this.shutDown();
    if (this.slot < 0) this.claim();
    return [this.slot, this.generation, ++this.seq, op, objectId, args];
  }

  private claim(): void {
    const { slots, replies } = this.link;
    const token = currentWriter().pid + 1;
    for (let i = 0; i < replies.length; i++) {
      if (replies[i].broken) continue;
      if (Atomics.compareExchange(slots, claimIndex(i), 0, token) !== 0) continue;
      this.slot = i;
      this.generation = Atomics.add(slots, generationIndex(i, replies.length), 1) + 1;
      return;
    }
    throw new ValueError(
      `Manager '${this.link.name}': all ${replies.length} client slots are taken (one per process using it); ` +
        'start the manager with a larger maxClients',
    );
  }

  private settle(reply: ManagerReply): unknown {
    if (reply[2]) return reply[3];
    throw rebuildRemoteError(reply[3] as RemoteErrorInfo);
  }

  private shutDown(): ConnectionRefusedError {
    return new ConnectionRefusedError(
      `Manager '${this.link.name}' is shut down: its proxies can no longer be used`,
    );
  }

  private translate(error: unknown): unknown {
    if (error instanceof ValueError && /closed/.test(error.message)) return this.shutDown();
    if (error instanceof BrokenQueueError) {
      return new ConnectionRefusedError(`Manager '${this.link.name}' is unusable: ${error.message}`);
    }
    if (error instanceof PicklingError) {
      // The codec names the place in the request tuple (item[5][0]); name the method's arguments.
      const path = error.path.replace(/^item\[5\]/, 'args');
      const out = new PicklingError(path, error.what);
      out.message = error.message.replace(error.path, path);
      return out;
    }
    return error;
  }
}

/** Parent side: a process exited, so its slot is free again (called from the manager's hook). */
export function releaseSlotsOf(slots: Int32Array, slotCount: number, pid: number): void {
  for (let i = 0; i < slotCount; i++) Atomics.compareExchange(slots, claimIndex(i), pid + 1, 0);
}
