/**
 * The messages between manager clients (proxies, `client.ts`) and the manager server
 * (`tasks/manager-server.ts`). A leaf module: types and constants only.
 *
 *   request queue (one, shared by every client)   ManagerRequest, or null to shut the server down
 *   reply queues (one per client slot)             ManagerReply
 *
 * A client owns a slot while it lives; `generation` changes each time a slot is claimed, so a
 * reply meant for a previous (dead) owner of the slot is recognised and dropped.
 */
import type { RemoteErrorInfo } from '../pool/pool-protocol';

export type ManagedKind = 'dict' | 'list' | 'value';

/** Operations on managed objects; each is one round trip. `create` makes a new object. */
export type ManagerOp =
  | 'ping'
  | 'create'
  | 'get'
  | 'set'
  | 'delete'
  | 'has'
  | 'keys'
  | 'values'
  | 'items'
  | 'len'
  | 'update'
  | 'clear'
  | 'pop'
  | 'setdefault'
  | 'copy'
  | 'append'
  | 'extend'
  | 'insert'
  | 'remove'
  | 'index'
  | 'count'
  | 'slice'
  | 'increment';

/** [slot, generation, sequence number, op, object id (0: none), arguments] */
export type ManagerRequest = [
  slot: number,
  generation: number,
  seq: number,
  op: ManagerOp,
  objectId: number,
  args: unknown[],
];

/** [generation, sequence number, ok, value or error] */
export type ManagerReply =
  | [generation: number, seq: number, ok: true, value: unknown]
  | [generation: number, seq: number, ok: false, error: RemoteErrorInfo];

/**
 * The slot table: Int32 words in one SharedArrayBuffer.
 *   [0]            ALIVE: 1 while the server runs; 0 once it exited (clients fail fast)
 *   [1 … n]        CLAIM of slot i-1: 0 free, else the claiming process's pid + 1
 *   [1+n … 2n]     GENERATION of slot i-1, bumped by each claim
 */
export const SLOT_ALIVE = 0;
export const claimIndex = (slot: number): number => 1 + slot;
export const generationIndex = (slot: number, slots: number): number => 1 + slots + slot;
export const slotTableWords = (slots: number): number => 1 + 2 * slots;
