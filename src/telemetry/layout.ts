/**
 * Memory layout of the TelemetryBuffer: one SharedArrayBuffer every thread maps.
 *
 *   bytes 0..63        header (16 × Int32)
 *     [0] MAGIC  [1] ENABLED (0/1)  [2] PROCESS_SLOTS  [3] MAX_RESOURCES  [4] RING_CAPACITY
 *     [6..7] EPOCH_MS as Float64 (clock origin of every µs timestamp below)
 *     [8..15] resource-slot allocation bitmap (256 bits, claimed with CAS from any thread)
 *   process slots      PROCESS_SLOTS × 64 bytes: one cache line each, written by its process only
 *                      (adjacent slots written by two workers ran ~6× slower: false sharing)
 *     [0] STATE  [1] WAIT_RESOURCE (resource id, 0 = none)  [2] PID  [3] GENERATION
 *     [4] OPS  [5] ACQUIRES  [6] CONTENDED  [7] PROGRESS
 *     [8..9] WAIT_US Float64 (total time blocked)  [10..11] STATE_SINCE_US Float64
 *     [12] CURRENT (task / chunk id, -1 none)  [13] RING_HEAD (records ever written)
 *     [14] EXIT_CODE  [15] BLOCKS (times it actually blocked)
 *   resource slots     MAX_RESOURCES × 32 bytes
 *     [0] KIND (0 = free)  [1] OWNER pid (-1 none)  [2] WAITERS  [3] VALUE (queue depth, …)
 *     [4] CAPACITY  [5] GENERATION  [6] TOTAL (slow-path count, e.g. blocking puts)  [7] spare
 *   event rings        PROCESS_SLOTS × RING_CAPACITY records × 24 bytes
 *     record: [0..1] T_US Float64  [2] KIND  [3] RESOURCE  [4] ARG  [5] ARG2
 *
 * Slot 0 is the parent (pid 0). The last slot is the overflow slot shared by processes started
 * when every other slot is in use by a live process; snapshots skip it.
 * Resource ids are slot index + 1, so 0 means "no resource / untracked".
 */

export const MAGIC = 0x4d50544c; // "MPTL"
export const MAX_PROCESSES = 64;
export const PROCESS_SLOTS = MAX_PROCESSES + 1;
export const OVERFLOW_SLOT = MAX_PROCESSES;
export const MAX_RESOURCES = 256;
export const RING_CAPACITY = 256;

export const HEADER_WORDS = 16;
export const H = { MAGIC: 0, ENABLED: 1, PROCESS_SLOTS: 2, MAX_RESOURCES: 3, RING_CAPACITY: 4, EPOCH_F64: 3, BITMAP: 8 } as const;

export const PROCESS_SLOT_WORDS = 16;
export const P = {
  STATE: 0,
  WAIT_RESOURCE: 1,
  PID: 2,
  GENERATION: 3,
  OPS: 4,
  ACQUIRES: 5,
  CONTENDED: 6,
  PROGRESS: 7,
  WAIT_US_F64: 4, // Float64 index within the slot (words 8..9)
  STATE_SINCE_F64: 5, // words 10..11
  CURRENT: 12,
  RING_HEAD: 13,
  EXIT_CODE: 14,
  BLOCKS: 15,
} as const;

export const RESOURCE_SLOT_WORDS = 8;
export const R = { KIND: 0, OWNER: 1, WAITERS: 2, VALUE: 3, CAPACITY: 4, GENERATION: 5, TOTAL: 6 } as const;

export const RECORD_WORDS = 6;
export const E = { T_F64: 0, KIND: 2, RESOURCE: 3, ARG: 4, ARG2: 5 } as const;

export const PROCESS_BASE = HEADER_WORDS;
export const RESOURCE_BASE = PROCESS_BASE + PROCESS_SLOTS * PROCESS_SLOT_WORDS;
export const RING_BASE = RESOURCE_BASE + MAX_RESOURCES * RESOURCE_SLOT_WORDS;
export const TOTAL_WORDS = RING_BASE + PROCESS_SLOTS * RING_CAPACITY * RECORD_WORDS;
export const TOTAL_BYTES = TOTAL_WORDS * 4;

/** What a process is doing. The UI draws lifecycle lanes from these. */
export const ProcessState = {
  FREE: 0,
  CREATED: 1,
  RUNNING: 2,
  WAITING_LOCK: 3,
  WAITING_QUEUE_PUT: 4,
  WAITING_QUEUE_GET: 5,
  WAITING_EVENT: 6,
  WAITING_CONDITION: 7,
  WAITING_BARRIER: 8,
  WAITING_SEMAPHORE: 9,
  WAITING_PIPE: 10,
  WAITING_RESULT: 11,
  SLEEPING: 12,
  EXITED: 13,
} as const;
export type ProcessStateCode = (typeof ProcessState)[keyof typeof ProcessState];
export const PROCESS_STATE_NAMES = [
  'free',
  'created',
  'running',
  'waiting-lock',
  'waiting-queue-put',
  'waiting-queue-get',
  'waiting-event',
  'waiting-condition',
  'waiting-barrier',
  'waiting-semaphore',
  'waiting-pipe',
  'waiting-result',
  'sleeping',
  'exited',
] as const;
export type ProcessStateName = (typeof PROCESS_STATE_NAMES)[number];

export const ResourceKind = {
  FREE: 0,
  LOCK: 1,
  RLOCK: 2,
  SEMAPHORE: 3,
  BOUNDED_SEMAPHORE: 4,
  EVENT: 5,
  CONDITION: 6,
  BARRIER: 7,
  VALUE: 8,
  ARRAY: 9,
  QUEUE: 10,
  JOINABLE_QUEUE: 11,
  SIMPLE_QUEUE: 12,
  PIPE: 13,
  MANAGER: 14,
  POOL: 15,
  OTHER: 16,
} as const;
export type ResourceKindCode = (typeof ResourceKind)[keyof typeof ResourceKind];
export const RESOURCE_KIND_NAMES = [
  'free',
  'lock',
  'rlock',
  'semaphore',
  'bounded-semaphore',
  'event',
  'condition',
  'barrier',
  'value',
  'array',
  'queue',
  'joinable-queue',
  'simple-queue',
  'pipe',
  'manager',
  'pool',
  'other',
] as const;
export type ResourceKindName = (typeof RESOURCE_KIND_NAMES)[number];

/** Ring record kinds. */
export const EventKind = {
  STATE: 1, // arg = new ProcessState
  BLOCKED: 2, // resource = what it waits on, arg = ProcessState it waits in
  UNBLOCKED: 3, // arg = µs waited (rounded), arg2 = 1 if it timed out
  OWNER_DIED: 4, // resource = lock, arg = dead pid
  TASK_START: 5, // arg = task / chunk id
  TASK_END: 6, // arg = task / chunk id
  PUT: 7, // resource = queue, arg = depth after
  GET: 8, // resource = queue, arg = depth after
  MARK: 9, // free use: arg, arg2
  STARTED: 10,
  EXITED: 11, // arg = exit code
} as const;
export type EventKindCode = (typeof EventKind)[keyof typeof EventKind];
export const EVENT_KIND_NAMES: Record<number, string> = {
  1: 'state',
  2: 'blocked',
  3: 'unblocked',
  4: 'owner-died',
  5: 'task-start',
  6: 'task-end',
  7: 'put',
  8: 'get',
  9: 'mark',
  10: 'started',
  11: 'exited',
};
