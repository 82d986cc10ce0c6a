/**
 * A wait-for graph: processes (circles) and the locks and queues between them (boxes), arrows for
 * "waits for", "held by", "join()" and "needs a get()/put() by", and a cycle drawn in red.
 * React renders the SVG; d3 only computes paths. Nodes sit on a ring in the order given (a
 * cycle then runs around the ring), with an optional node in the middle (the parent).
 */
import { path as d3path } from 'd3';
import type { Ref } from 'react';

export type GraphEdgeKind = 'waits-on' | 'held-by' | 'joins' | 'needs-get' | 'needs-put';

export interface GraphNode {
  id: string;
  type: 'process' | 'resource';
  label: string;
  /** Second line: "waiting-lock", "held by worker-1", "4/4"… */
  state: string;
  alive: boolean;
  exitCode: number | null;
  color?: string;
  /** Queues: items in it and maxsize (0 = unbounded). */
  depth?: number;
  capacity?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
}

export const EDGE_LABELS: Record<GraphEdgeKind, string> = {
  'waits-on': 'waits for',
  'held-by': 'held by',
  joins: 'join()',
  'needs-get': 'needs get() by',
  'needs-put': 'needs put() by',
};

const EDGE_STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string }> = {
  'waits-on': { stroke: '#d97706', dash: '7 5' },
  'held-by': { stroke: '#64748b' },
  joins: { stroke: '#7c3aed', dash: '3 4' },
  'needs-get': { stroke: '#0284c7', dash: '2 4' },
  'needs-put': { stroke: '#0284c7', dash: '2 4' },
};

const CYCLE_COLOR = '#e11d48';
const R = 34;
const BOX_W = 104;
const BOX_H = 44;

interface Placed extends GraphNode {
  x: number;
  y: number;
}

/** The drawing grows with the ring so that ten nodes get as much room each as four. */
function dimensions(ringSize: number): { width: number; height: number; rx: number; ry: number } {
  const radius = Math.max(150, (ringSize * 160) / (2 * Math.PI));
  const rx = radius * 1.35;
  const ry = radius;
  return { width: Math.round(2 * rx + 200), height: Math.round(2 * ry + 140), rx, ry };
}

function layout(nodes: readonly GraphNode[], ring: readonly string[], center: string | null): { placed: Placed[]; width: number; height: number } {
  const onRing = nodes.filter((n) => n.id !== center);
  const rank = (id: string) => {
    const i = ring.indexOf(id);
    return i < 0 ? 1000 : i;
  };
  const ordered = [...onRing].sort((a, b) => rank(a.id) - rank(b.id));
  const { width, height, rx, ry } = dimensions(ordered.length);
  const cx = width / 2;
  const cy = height / 2 - 8;
  const placed: Placed[] = ordered.map((n, i) => {
    // Start at the top-left so a two-process picture reads left to right.
    const angle = -Math.PI + (2 * Math.PI * i) / Math.max(1, ordered.length) + (ordered.length === 4 ? Math.PI / 4 : Math.PI / 2);
    return { ...n, x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
  });
  const middle = nodes.find((n) => n.id === center);
  if (middle) placed.push({ ...middle, x: cx, y: cy });
  return { placed, width, height };
}

/** Where the segment from the node's centre towards (tx, ty) leaves the node's outline. */
function boundary(n: Placed, tx: number, ty: number, pad = 4): [number, number] {
  const dx = tx - n.x;
  const dy = ty - n.y;
  const len = Math.hypot(dx, dy) || 1;
  if (n.type === 'process') return [n.x + (dx / len) * (R + pad), n.y + (dy / len) * (R + pad)];
  const sx = Math.abs(dx) > 1e-9 ? (BOX_W / 2 + pad) / Math.abs(dx) : Infinity;
  const sy = Math.abs(dy) > 1e-9 ? (BOX_H / 2 + pad) / Math.abs(dy) : Infinity;
  const t = Math.min(sx, sy);
  return [n.x + dx * t, n.y + dy * t];
}

function edgePath(a: Placed, b: Placed, bend: number): { d: string; mx: number; my: number } {
  // Control point: the midpoint pushed sideways, so two opposite edges do not overlap.
  const mx0 = (a.x + b.x) / 2;
  const my0 = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const cx = mx0 + (-dy / len) * bend;
  const cy = my0 + (dx / len) * bend;
  const [x1, y1] = boundary(a, cx, cy);
  const [x2, y2] = boundary(b, cx, cy, 7);
  const p = d3path();
  p.moveTo(x1, y1);
  p.quadraticCurveTo(cx, cy, x2, y2);
  // The curve's midpoint (t = ½) for the label.
  return { d: p.toString(), mx: 0.25 * x1 + 0.5 * cx + 0.25 * x2, my: 0.25 * y1 + 0.5 * cy + 0.25 * y2 };
}

function cycleEdges(cycle: readonly string[] | null): Set<string> {
  const out = new Set<string>();
  if (!cycle) return out;
  cycle.forEach((id, i) => out.add(`${id}>${cycle[(i + 1) % cycle.length]}`));
  return out;
}

export function WaitForGraphChart({
  nodes,
  edges,
  ring,
  center = null,
  cycle,
  confirmed,
  svgRef,
  title = 'Wait-for graph',
}: {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  /** Node ids in ring order. */
  ring: readonly string[];
  /** A node drawn in the middle (e.g. MainProcess when it is not part of the ring). */
  center?: string | null;
  /** The cycle seen now (node ids in order), or null. */
  cycle: readonly string[] | null;
  /** The cycle has stood long enough to be a deadlock. */
  confirmed: boolean;
  svgRef?: Ref<SVGSVGElement>;
  title?: string;
}) {
  const { placed, width, height } = layout(nodes, ring, center);
  const byId = new Map(placed.map((n) => [n.id, n]));
  const inCycle = cycleEdges(cycle);
  const cycleNodes = new Set(cycle ?? []);
  const pairs = new Set(edges.map((e) => `${e.from}>${e.to}`));
  const nameOf = (id: string) => byId.get(id)?.label ?? id;
  const description = [
    `${title}.`,
    ...edges.map((e) => `${nameOf(e.from)} ${EDGE_LABELS[e.kind]} ${nameOf(e.to)}.`),
    cycle ? `${confirmed ? 'Deadlock' : 'Cycle'}: ${[...cycle, cycle[0]!].map(nameOf).join(' → ')}.` : 'No cycle.',
  ].join(' ');

  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: Math.max(640, width) }}
      className="h-auto w-full select-none text-slate-900 [--wfg-halo:#ffffff] dark:text-slate-100 dark:[--wfg-halo:#020617]"
      role="img"
      aria-label={description}
      data-testid="wait-for-graph"
      data-cycle={cycle ? cycle.map(nameOf).join(',') : ''}
      data-confirmed={confirmed ? 'true' : 'false'}
    >
      <defs>
        {(['waits-on', 'held-by', 'joins', 'needs-get', 'needs-put'] as const).map((k) => (
          <marker key={k} id={`wfg-arrow-${k}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={EDGE_STYLE[k].stroke} />
          </marker>
        ))}
        <marker id="wfg-arrow-cycle" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={CYCLE_COLOR} />
        </marker>
        <style>{`
          @keyframes wfg-march { to { stroke-dashoffset: -24; } }
          .wfg-cycle { animation: wfg-march 0.8s linear infinite; }
          @media (prefers-reduced-motion: reduce) { .wfg-cycle { animation: none; } }
        `}</style>
      </defs>

      {edges.map((e) => {
        const a = byId.get(e.from);
        const b = byId.get(e.to);
        if (!a || !b) return null;
        const key = `${e.from}>${e.to}`;
        const hot = inCycle.has(key);
        const reverse = pairs.has(`${e.to}>${e.from}`);
        const { d, mx, my } = edgePath(a, b, reverse ? 26 : 10);
        const style = EDGE_STYLE[e.kind];
        return (
          <g key={`${key}:${e.kind}`} data-edge={e.kind}>
            <path
              d={d}
              fill="none"
              stroke={hot ? CYCLE_COLOR : style.stroke}
              strokeWidth={hot ? (confirmed ? 5 : 4) : 2.5}
              strokeDasharray={hot ? '12 6' : style.dash}
              className={hot ? 'wfg-cycle' : undefined}
              markerEnd={`url(#wfg-arrow-${hot ? 'cycle' : e.kind})`}
            />
            <text
              x={mx}
              y={my - 6}
              textAnchor="middle"
              className="fill-current text-[13px] font-medium"
              style={{ paintOrder: 'stroke', stroke: 'var(--wfg-halo, white)', strokeWidth: 4 }}
            >
              {EDGE_LABELS[e.kind]}
            </text>
          </g>
        );
      })}

      {placed.map((n) => {
        const hot = cycleNodes.has(n.id);
        const ring = hot ? CYCLE_COLOR : n.alive ? (n.color ?? '#64748b') : '#94a3b8';
        if (n.type === 'process') {
          return (
            <g key={n.id} data-node={n.label} opacity={n.alive ? 1 : 0.55}>
              <circle cx={n.x} cy={n.y} r={R} fill={n.color ?? '#94a3b8'} fillOpacity={0.25} stroke={ring} strokeWidth={hot ? 5 : 3} />
              <StateGlyph x={n.x} y={n.y} alive={n.alive} waiting={n.state.startsWith('waiting')} exitCode={n.exitCode} />
              <text x={n.x} y={n.y + R + 18} textAnchor="middle" className="fill-current text-[14px] font-semibold">
                {n.label}
              </text>
              <text x={n.x} y={n.y + R + 34} textAnchor="middle" className="fill-current text-[12px] opacity-80">
                {n.alive ? n.state : `exited (${n.exitCode})`}
              </text>
            </g>
          );
        }
        const cells = n.capacity && n.capacity > 0 && n.capacity <= 12 ? n.capacity : 0;
        return (
          <g key={n.id} data-node={n.label}>
            <rect
              x={n.x - BOX_W / 2}
              y={n.y - BOX_H / 2}
              width={BOX_W}
              height={BOX_H}
              rx={8}
              className="fill-white dark:fill-slate-900"
              stroke={ring}
              strokeWidth={hot ? 5 : 2.5}
            />
            <text x={n.x} y={n.y - (cells ? 4 : 2)} textAnchor="middle" className="fill-current text-[14px] font-semibold">
              {n.label}
            </text>
            {cells > 0 ? (
              Array.from({ length: cells }, (_, i) => {
                const w = (BOX_W - 16) / cells;
                return (
                  <rect
                    key={i}
                    x={n.x - BOX_W / 2 + 8 + i * w + 1}
                    y={n.y + 6}
                    width={w - 2}
                    height={9}
                    rx={2}
                    fill={i < (n.depth ?? 0) ? '#0ea5e9' : 'transparent'}
                    stroke="#0ea5e9"
                    strokeWidth={1}
                  />
                );
              })
            ) : (
              <text x={n.x} y={n.y + 14} textAnchor="middle" className="fill-current text-[11px] opacity-80">
                {n.state}
              </text>
            )}
            {cells > 0 && (
              <text x={n.x} y={n.y + BOX_H / 2 + 15} textAnchor="middle" className="fill-current text-[12px] opacity-80">
                {n.state}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Inside a process circle: ❚❚ while it waits, ▶ while it runs, its exit code once it ended. */
function StateGlyph({ x, y, alive, waiting, exitCode }: { x: number; y: number; alive: boolean; waiting: boolean; exitCode: number | null }) {
  if (!alive) {
    return (
      <text x={x} y={y + 6} textAnchor="middle" className="fill-current text-[17px] font-bold">
        {exitCode ?? ''}
      </text>
    );
  }
  if (waiting) {
    return (
      <g className="fill-current" aria-hidden="true">
        <rect x={x - 9} y={y - 10} width={6} height={20} rx={1.5} />
        <rect x={x + 3} y={y - 10} width={6} height={20} rx={1.5} />
      </g>
    );
  }
  return <path d={`M${x - 7},${y - 11} L${x + 11},${y} L${x - 7},${y + 11} z`} className="fill-current" aria-hidden="true" />;
}

/** The legend under the graph, as HTML (it is read, not animated). */
export function WaitForGraphLegend() {
  const items: [string, GraphEdgeKind | 'cycle'][] = [
    ['waits for', 'waits-on'],
    ['held by', 'held-by'],
    ['parent joins', 'joins'],
    ['only they can wake it', 'needs-get'],
    ['the cycle', 'cycle'],
  ];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Legend">
      {items.map(([label, kind]) => (
        <li key={kind} className="flex items-center gap-1.5">
          <svg width="28" height="10" aria-hidden="true">
            <line
              x1="1"
              y1="5"
              x2="27"
              y2="5"
              stroke={kind === 'cycle' ? CYCLE_COLOR : EDGE_STYLE[kind].stroke}
              strokeWidth={kind === 'cycle' ? 4 : 2.5}
              strokeDasharray={kind === 'cycle' ? '8 4' : EDGE_STYLE[kind].dash}
            />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}
