/**
 * The parent's process table: every started process until it is joined, and every worker
 * thread until it is gone.
 *
 *   activeChildren()    live children; like Python, it reaps (joins) the ones that exited
 *   liveWorkerCount()   worker threads not yet ended, pool and manager workers included
 *   terminateAll()      Stop: terminate every live process; resolves when all threads ended
 *   joinAll()           wait for every started child (non-daemon children keep a Python parent
 *                       waiting at exit: this is that wait)
 *   shutdownParent()    Python's exit handler: terminate daemon children, then join the rest
 */
import { sweepResources } from '../memory/resource-table';

/** What the table needs from a Process (kept minimal so the table never imports Process). */
export interface ChildProcess {
  readonly pid: number;
  readonly daemon: boolean;
  isAlive(): boolean;
  terminate(): void;
  join(timeoutMs?: number): Promise<void>;
  /** Resolves when the worker thread is gone. */
  readonly threadEnded: Promise<void>;
  /** Mark as joined without waiting (it has exited). */
  reap(): void;
}

const children = new Set<ChildProcess>();
const threads = new Set<ChildProcess>();

export function trackStarted(p: ChildProcess): void {
  children.add(p);
  threads.add(p);
}

export function trackJoined(p: ChildProcess): void {
  children.delete(p);
}

export function trackThreadEnded(p: ChildProcess): void {
  threads.delete(p);
  // Resources the parent dropped may still have been in use by a worker; now none is left.
  if (threads.size === 0) sweepResources();
}

export function activeChildren(): ChildProcess[] {
  const alive: ChildProcess[] = [];
  for (const p of [...children]) {
    if (p.isAlive()) alive.push(p);
    else p.reap();
  }
  return alive;
}

export function liveWorkerCount(): number {
  return threads.size;
}

export async function terminateAll(): Promise<void> {
  const all = [...threads];
  for (const p of all) p.terminate();
  await Promise.all(all.map((p) => p.threadEnded));
}

export async function joinAll(): Promise<void> {
  await Promise.all([...children].map((p) => p.join()));
}

export async function shutdownParent(): Promise<void> {
  const daemons = [...children].filter((p) => p.daemon && p.isAlive());
  for (const p of daemons) p.terminate();
  await Promise.all(daemons.map((p) => p.join()));
  await joinAll();
}
