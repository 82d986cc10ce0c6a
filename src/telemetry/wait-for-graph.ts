/**
 * The wait-for graph of a snapshot, for the deadlock scene.
 *
 *   buildWaitForGraph(snapshot) → { nodes, edges }
 *     process → resource   "waits on" (the process slot's WAIT_RESOURCE)
 *     resource → process   "held by"  (the resource's owner)
 *   findCycle(graph) → node ids around one cycle (p:3 → r:7 → p:4 → r:8 → back), or null
 *
 * Only live processes and resources that are held or waited on appear, so the graph stays
 * small enough to lay out every frame. A process waiting on a lock held by an exited process
 * is stuck but not in a cycle: that is the owner-died case, not a deadlock.
 */
import type { TelemetrySnapshot } from './snapshot';

export interface WaitForNode {
  id: string;
  type: 'process' | 'resource';
  label: string;
  /** pid for processes, resource id for resources. */
  ref: number;
}

export interface WaitForEdge {
  from: string;
  to: string;
  type: 'waits-on' | 'held-by';
}

export interface WaitForGraph {
  nodes: WaitForNode[];
  edges: WaitForEdge[];
}

export const processNode = (pid: number) => `p:${pid}`;
export const resourceNode = (id: number) => `r:${id}`;

export function buildWaitForGraph(snapshot: TelemetrySnapshot): WaitForGraph {
  const nodes = new Map<string, WaitForNode>();
  const edges: WaitForEdge[] = [];
  const live = snapshot.processes.filter((p) => p.state !== 'exited' && p.state !== 'free');
  const byPid = new Map(live.map((p) => [p.pid, p]));
  const resources = new Map(snapshot.resources.map((r) => [r.id, r]));

  const addProcess = (pid: number) => {
    const p = byPid.get(pid);
    nodes.set(processNode(pid), { id: processNode(pid), type: 'process', label: p?.name ?? `pid ${pid}`, ref: pid });
  };
  const addResource = (id: number) => {
    const r = resources.get(id);
    nodes.set(resourceNode(id), { id: resourceNode(id), type: 'resource', label: r?.name ?? `resource ${id}`, ref: id });
  };

  for (const p of live) {
    if (p.waitingOn > 0 && p.state.startsWith('waiting')) {
      addProcess(p.pid);
      addResource(p.waitingOn);
      edges.push({ from: processNode(p.pid), to: resourceNode(p.waitingOn), type: 'waits-on' });
    }
  }
  for (const r of snapshot.resources) {
    if (r.owner < 0 || !byPid.has(r.owner)) continue;
    if (!nodes.has(resourceNode(r.id)) && r.waiters === 0) continue;
    addResource(r.id);
    addProcess(r.owner);
    edges.push({ from: resourceNode(r.id), to: processNode(r.owner), type: 'held-by' });
  }
  return { nodes: [...nodes.values()], edges };
}

export function findCycle(graph: WaitForGraph): string[] | null {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<string, number>();
  const stack: string[] = [];

  const visit = (n: string): string[] | null => {
    color.set(n, GREY);
    stack.push(n);
    for (const m of out.get(n) ?? []) {
      const c = color.get(m) ?? WHITE;
      if (c === GREY) return stack.slice(stack.indexOf(m));
      if (c === WHITE) {
        const found = visit(m);
        if (found) return found;
      }
    }
    stack.pop();
    color.set(n, BLACK);
    return null;
  };

  for (const n of graph.nodes) {
    if ((color.get(n.id) ?? WHITE) === WHITE) {
      const found = visit(n.id);
      if (found) return found;
    }
  }
  return null;
}
