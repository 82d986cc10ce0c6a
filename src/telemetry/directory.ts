/**
 * The parent's directory of names: strings do not go in shared memory, so the parent keeps
 * pid → process name and resource id → { kind, name, probe } here, and snapshots join them in.
 *
 * A probe reads live state a resource keeps in its own memory (a lock's owner lives in its
 * futex word, not in the telemetry slot, so the fast path writes nothing extra).
 */
import type { ResourceKindName } from './layout';

export interface ResourceProbe {
  /** pid holding it (locks), or -1. */
  owner(): number;
  /** Depth, count, value… whatever one number best describes it now; undefined if none. */
  value?(): number;
}

export interface ResourceEntry {
  id: number;
  kind: ResourceKindName;
  name: string;
  probe?: ResourceProbe;
}

const processNames = new Map<number, string>([[0, 'MainProcess']]);
const resources = new Map<number, ResourceEntry>();

export function nameProcess(pid: number, name: string): void {
  processNames.set(pid, name);
}

export function processName(pid: number): string | undefined {
  return processNames.get(pid);
}

export function describeResource(entry: ResourceEntry): void {
  resources.set(entry.id, entry);
}

export function forgetResource(id: number): void {
  resources.delete(id);
}

export function resourceEntry(id: number): ResourceEntry | undefined {
  return resources.get(id);
}
