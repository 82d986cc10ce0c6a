/**
 * Geometry of the pipeline flowchart (SVG user units): main on the left, the two queues beside
 * it, the pool of workers in the middle, the lock and the shared resource on the right. Pure, so
 * the component only draws what this computes.
 */
export const VIEW_WIDTH = 1010;
export const VIEW_HEIGHT = 480;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export type EdgeKind = 'put-task' | 'sentinel' | 'get-task' | 'acquire' | 'update' | 'put-result' | 'collect';

export interface Edge {
  id: string;
  kind: EdgeKind;
  from: Point;
  to: Point;
  /** For worker edges: which worker. */
  worker?: number;
}

export interface FlowchartLayout {
  main: Box;
  taskQueue: Box;
  resultQueue: Box;
  lock: Box;
  shared: Box;
  workers: Box[];
  edges: Edge[];
}

/** Each arrow's colour: its glow, its tokens and its count. */
export const EDGE_COLORS: Record<EdgeKind, string> = {
  'put-task': '#0ea5e9',
  sentinel: '#64748b',
  'get-task': '#0ea5e9',
  acquire: '#f43f5e',
  update: '#10b981',
  'put-result': '#8b5cf6',
  collect: '#8b5cf6',
};

export const EDGE_LABELS: Record<EdgeKind, string> = {
  'put-task': 'tasks.put(n)',
  sentinel: 'tasks.put(None) × workers',
  'get-task': 'tasks.get()',
  acquire: 'with lock:',
  update: 'tally += answer',
  'put-result': 'results.put(answer)',
  collect: 'results.get()',
};

export function flowchartLayout(workerCount: number): FlowchartLayout {
  const main: Box = { x: 8, y: 170, w: 176, h: 140 };
  const taskQueue: Box = { x: 240, y: 50, w: 170, h: 64 };
  const resultQueue: Box = { x: 240, y: 366, w: 170, h: 64 };
  const lock: Box = { x: 778, y: 70, w: 170, h: 86 };
  const shared: Box = { x: 778, y: 280, w: 170, h: 110 };
  const top = 24;
  const bottom = VIEW_HEIGHT - 24;
  const slot = (bottom - top) / workerCount;
  const h = Math.min(44, slot - 4);
  const workers: Box[] = Array.from({ length: workerCount }, (_, i) => ({
    x: 510,
    y: top + i * slot + (slot - h) / 2,
    w: 180,
    h,
  }));

  const edges: Edge[] = [
    {
      id: 'put-task',
      kind: 'put-task',
      from: { x: main.x + main.w, y: main.y + 24 },
      to: { x: taskQueue.x, y: taskQueue.y + 40 },
    },
    {
      id: 'sentinel',
      kind: 'sentinel',
      from: { x: main.x + 40, y: main.y },
      to: { x: taskQueue.x, y: taskQueue.y + 16 },
    },
    {
      id: 'collect',
      kind: 'collect',
      from: { x: resultQueue.x, y: resultQueue.y + resultQueue.h / 2 },
      to: { x: main.x + main.w - 30, y: main.y + main.h },
    },
    {
      id: 'update',
      kind: 'update',
      from: { x: lock.x + lock.w / 2, y: lock.y + lock.h },
      to: { x: shared.x + shared.w / 2, y: shared.y },
    },
  ];
  workers.forEach((b, i) => {
    edges.push({
      id: `get-task-${i}`,
      kind: 'get-task',
      worker: i,
      from: { x: taskQueue.x + taskQueue.w, y: taskQueue.y + taskQueue.h / 2 },
      to: { x: b.x, y: b.y + b.h * 0.3 },
    });
    edges.push({
      id: `acquire-${i}`,
      kind: 'acquire',
      worker: i,
      from: { x: b.x + b.w, y: b.y + b.h / 2 },
      to: { x: lock.x, y: lock.y + lock.h / 2 },
    });
    edges.push({
      id: `put-result-${i}`,
      kind: 'put-result',
      worker: i,
      from: { x: b.x, y: b.y + b.h * 0.7 },
      to: { x: resultQueue.x + resultQueue.w, y: resultQueue.y + resultQueue.h / 2 },
    });
  });
  return { main, taskQueue, resultQueue, lock, shared, workers, edges };
}

/** A point `f` (0..1) of the way along an edge. */
export function along(edge: Edge, f: number): Point {
  return { x: edge.from.x + (edge.to.x - edge.from.x) * f, y: edge.from.y + (edge.to.y - edge.from.y) * f };
}
