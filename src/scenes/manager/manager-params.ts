/**
 * The manager scene's parameters: one schema for the URL, the controls and
 * `window.playground.run('manager', …)`. No runtime imports (the definition is in the initial bundle).
 */
import type { ParamValues } from '../shared/params';

export const managerParams = {
  processes: {
    kind: 'int',
    label: 'Processes',
    min: 1,
    max: 8,
    default: 2,
    help: 'Processes incrementing the shared counter, each way.',
  },
  opsPerProcess: {
    kind: 'int',
    label: 'Increments per process',
    min: 1,
    max: 200_000,
    default: 2_000,
    help: 'The same count for all three ways. A Manager needs two round trips per increment: keep it modest.',
  },
  payloadSizes: {
    kind: 'int-list',
    label: 'Payload sizes to pickle (bytes)',
    min: 0,
    max: 4 * 1024 * 1024,
    minLength: 1,
    maxLength: 8,
    default: [16, 1_024, 65_536, 1_048_576],
    help: 'Sizes for the serialization measurement: copy cost of bytes and of a list of ints.',
  },
} as const;

export type ManagerParams = ParamValues<typeof managerParams>;

export const METHODS = ['manager-dict', 'shared-value', 'message-passing'] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_INFO: Record<
  Method,
  { label: string; python: string; go: string; roundTrips: string; color: string }
> = {
  'manager-dict': {
    label: 'Manager().dict() proxy',
    python: 'with lock: d["count"] = d["count"] + 1',
    go: 'a server goroutine owning a map, requests and replies over channels',
    roundTrips: '2 round trips to the manager process per increment (get, then set)',
    color: '#f43f5e',
  },
  'shared-value': {
    label: 'shared Value',
    python: 'with counter.get_lock(): counter.value += 1',
    go: 'mu.Lock(); counter++; mu.Unlock()',
    roundTrips: 'no message at all: a lock and a load/store in shared memory',
    color: '#10b981',
  },
  'message-passing': {
    label: 'message passing',
    python: 'q.put(1)  # one aggregator: total += q.get()',
    go: 'ch <- 1  // one goroutine sums what arrives',
    roundTrips: 'one message per increment, one way, to a single aggregator',
    color: '#0ea5e9',
  },
};
