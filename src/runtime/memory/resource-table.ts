/**
 * The parent-side resource table: every primitive created on the parent gets an id here (its
 * telemetry resource slot), a name for snapshots, and, if it can be held, an owner-died hook.
 *
 *   registerResource({ kind, name, probe?, onOwnerDied?, owner? }) → id (0 = untraced)
 *   resourcesOwnerDied(pid, exitCode) → names of resources marked OWNER_DIED
 *   sweepResources()   frees slots of resources the parent dropped, once no process is alive
 *
 * The owner-died hook closes over the primitive's shared memory, not over the object, so a lock
 * the parent stopped referencing is still recovered while a worker holds it. A primitive built
 * inside a worker claims a telemetry slot but is not in this table (no name, no recovery).
 */
import { currentWriter, telemetryBuffer } from '../../telemetry/current';
import { describeResource, forgetResource } from '../../telemetry/directory';
import { EventKind, RESOURCE_KIND_NAMES, type ResourceKindCode } from '../../telemetry/layout';
import type { ResourceProbe } from '../../telemetry/directory';

export interface ResourceRegistration {
  kind: ResourceKindCode;
  /** User-visible name; defaults to `<Kind>-<id>`. */
  name?: string;
  /** Capacity shown in telemetry (queue maxsize, semaphore bound…). */
  capacity?: number;
  probe?: ResourceProbe;
  /** Marks the resource as abandoned if `pid` holds it; returns true if it did. */
  onOwnerDied?: (pid: number, exitCode: number) => boolean;
  /** The primitive object: when the parent drops it, its slot can be recycled. */
  owner?: object;
}

interface Entry {
  id: number;
  name: string;
  onOwnerDied?: (pid: number, exitCode: number) => boolean;
}

const entries = new Map<number, Entry>();
/** Keys for untraced resources (no telemetry slot): negative, never reused. */
let nextUntracedKey = -1;
const dropped = new Set<number>();
const finalizer = new FinalizationRegistry<number>((id) => dropped.add(id));

let onParent = true;

/** The worker entry calls this: resources built there are not the parent's to track. */
export function markWorkerThread(): void {
  onParent = false;
}

function defaultName(kind: ResourceKindCode, id: number): string {
  const k = RESOURCE_KIND_NAMES[kind];
  return `${k.charAt(0).toUpperCase()}${k.slice(1)}-${id || 'untraced'}`;
}

export function registerResource(r: ResourceRegistration): { id: number; name: string } {
  const id = telemetryBuffer().claimResource(r.kind, r.capacity ?? 0);
  const name = r.name ?? defaultName(r.kind, id);
  if (!onParent) return { id, name };
  if (id > 0) describeResource({ id, kind: RESOURCE_KIND_NAMES[r.kind], name, probe: r.probe });
  if (r.onOwnerDied || id > 0) {
    const key = id > 0 ? id : nextUntracedKey--;
    entries.set(key, { id, name, onOwnerDied: r.onOwnerDied });
    if (r.owner) finalizer.register(r.owner, key);
  }
  return { id, name };
}

/** Called by the process table when a process is gone. Wakes the waiters of every lock it held. */
export function resourcesOwnerDied(pid: number, exitCode: number): string[] {
  const marked: string[] = [];
  for (const e of entries.values()) {
    if (e.onOwnerDied?.(pid, exitCode)) {
      marked.push(e.name);
      currentWriter().event(EventKind.OWNER_DIED, e.id, pid, exitCode);
    }
  }
  return marked;
}

/** Recycle the slots of primitives the parent no longer references. Safe only with no live process. */
export function sweepResources(): void {
  for (const key of dropped) {
    const e = entries.get(key);
    entries.delete(key);
    if (e && e.id > 0) {
      forgetResource(e.id);
      telemetryBuffer().freeResource(e.id);
    }
  }
  dropped.clear();
}
