/**
 * The tutorials' flowchart, live. React renders the boxes and arrows once (for a given number of
 * workers). Every animation frame the component reads the run (shared counters, queue depths) and
 * posts the arrows' counts to a painter worker, which draws the glows and travelling tokens on a
 * canvas over the SVG (pipeline-flow-painter.ts). Every SVG_MS it updates the SVG's attributes:
 * what each worker is doing, the counts, the lock. A few times a second it reports the frame to
 * its parent for the counts table.
 */
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { createPainterHost, usePainterHost, usePainterSurface } from '../../charts/painter-host';
import { processColor } from '../../charts/process-colors';
import { useAnimationFrame } from '../shared/use-animation-frame';
import {
  EDGE_COLORS,
  EDGE_LABELS,
  flowchartLayout,
  VIEW_HEIGHT,
  VIEW_WIDTH,
  type EdgeKind,
} from './flowchart-layout';
import { PipelineFlowPainter, type PipelineFlowMessage } from './pipeline-flow-painter';
import { ACTIVITY_LABELS, samplePipeline, type PipelineFrame } from './pipeline-sampler';
import type { PipelineLiveView } from './run-pipeline';

/**
 * Writes an attribute only when its value changes: the flowchart is updated every frame, and
 * each write invalidates style even when the value is the same, work the main thread can ill
 * afford while the workers hold the cores.
 */
function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * The SVG's attributes and texts are updated this often: each update costs the main thread style,
 * layout and paint, and a count read ten times a second is as readable as one read sixty times.
 */
const SVG_MS = 100;

export function PipelineFlowchart({
  workers,
  lockOn,
  view,
  animating,
  onSample,
}: {
  workers: number;
  lockOn: boolean;
  /** The run to read; null before the first run. */
  view: () => PipelineLiveView | null;
  animating: boolean;
  onSample: (frame: PipelineFrame) => void;
}) {
  const layout = useMemo(() => flowchartLayout(workers), [workers]);
  const nodes = useRef(new Map<string, SVGElement>());
  const svgUpdatedAt = useRef(-Infinity);
  const lastReport = useRef(0);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = usePainterHost(canvasRef, (canvas) =>
    createPainterHost<PipelineFlowMessage>(canvas, {
      what: 'The flowchart tokens',
      startWorker: () =>
        new Worker(new URL('./pipeline-flow.worker.ts', import.meta.url), {
          type: 'module',
          name: 'pipeline flow painter',
        }),
      createPainter: (target, tools) => new PipelineFlowPainter(target, tools),
    }),
  );
  usePainterSurface(canvasRef, painter);

  const reg = useCallback(
    (id: string) => (el: SVGElement | null) => {
      if (el) nodes.current.set(id, el);
      else nodes.current.delete(id);
    },
    [],
  );

  // A new run (or a new layout) starts from zero.
  useEffect(() => {
    svgUpdatedAt.current = -Infinity;
    lastReport.current = 0;
    painter()?.post({ type: 'layout', edges: layout.edges });
  }, [layout, painter]);

  const paint = useCallback(
    (frame: PipelineFrame, now: number, final = false) => {
      painter()?.post({
        type: 'frame',
        counts: layout.edges.map((edge) => frame.edges.get(edge.id) ?? 0),
        gotSentinel: frame.workers.map((w) => w.gotSentinel),
        now,
        final,
      });
      if (!final && now - svgUpdatedAt.current < SVG_MS) return;
      svgUpdatedAt.current = now;
      const el = nodes.current;
      const text = (id: string, value: string) => {
        const node = el.get(id);
        if (node && node.textContent !== value) node.textContent = value;
      };
      // Boxes and counts.
      const c = frame.totals;
      text('count-put-task', `${c.tasksPut.toLocaleString('en-US')}`);
      text('count-sentinel', `${c.sentinelsSent} / ${workers}`);
      text('count-get-task', `${c.tasksTaken.toLocaleString('en-US')}`);
      text('count-acquire', lockOn ? `${c.lockAcquisitions.toLocaleString('en-US')}` : 'no lock');
      text('count-update', `${c.sharedUpdates.toLocaleString('en-US')}`);
      text('count-put-result', `${c.resultsPut.toLocaleString('en-US')}`);
      text('count-collect', `${c.resultsCollected.toLocaleString('en-US')}`);
      text('task-depth', `depth ${frame.taskDepth.toLocaleString('en-US')}`);
      text('result-depth', `depth ${frame.resultDepth.toLocaleString('en-US')}`);
      text(
        'lock-state',
        !lockOn ? 'not used' : frame.lockHolder === null ? 'free' : `held by Worker-${frame.lockHolder + 1}`,
      );
      text('lock-waiters', lockOn ? `${frame.lockWaiters} waiting` : 'updates race');
      text('tally-tasks', `tasks counted ${frame.tallyTasks.toLocaleString('en-US')}`);
      text('tally-sum', `sum ${frame.tallySum.toLocaleString('en-US')}`);
      frame.workers.forEach((w, i) => {
        text(`worker-activity-${i}`, ACTIVITY_LABELS[w.activity]);
        text(`worker-counts-${i}`, `took ${w.taken} · put ${w.results}`);
        const box = el.get(`worker-box-${i}`);
        if (box) {
          const fill =
            w.activity === 'computing'
              ? processColor(i)
              : w.activity === 'in-lock'
                ? '#10b981'
                : 'transparent';
          setIfChanged(box, 'fill', fill);
          setIfChanged(
            box,
            'fill-opacity',
            w.activity === 'computing' || w.activity === 'in-lock' ? '0.35' : '0',
          );
          setIfChanged(box, 'stroke', w.activity === 'waiting-lock' ? '#ef4444' : 'currentColor');
          setIfChanged(box, 'stroke-width', w.activity === 'waiting-lock' ? '3' : '1.5');
          setIfChanged(box, 'stroke-dasharray', w.activity === 'waiting-lock' ? '6 3' : '');
          setIfChanged(box, 'opacity', w.activity === 'done' ? '0.4' : '1');
        }
      });
      const lockBox = el.get('lock-box');
      if (lockBox) setIfChanged(lockBox, 'fill-opacity', lockOn && frame.lockHolder !== null ? '0.3' : '0');
      if (now - lastReport.current > 200) {
        lastReport.current = now;
        onSample(frame);
      }
    },
    [layout, lockOn, workers, onSample, painter],
  );

  const onFrame = useCallback(
    (now: number) => {
      const v = view();
      if (v && v.workers.length === workers) paint(samplePipeline(v), now);
    },
    [view, paint, workers],
  );
  useAnimationFrame(onFrame, animating);

  // One last paint when the run ends, so the final counts stay on the picture.
  useEffect(() => {
    if (animating) return;
    const v = view();
    if (v && v.workers.length === workers) {
      const frame = samplePipeline(v);
      paint(frame, performance.now(), true);
      onSample(frame);
    }
  }, [animating, view, paint, workers, onSample]);

  const box = (
    id: string,
    b: { x: number; y: number; w: number; h: number },
    title: string,
    extra?: ReactNode,
    fill?: string,
  ) => (
    <g>
      <rect
        ref={reg(id)}
        x={b.x}
        y={b.y}
        width={b.w}
        height={b.h}
        rx={10}
        fill={fill ?? 'transparent'}
        fillOpacity={0}
        stroke="currentColor"
        strokeWidth={1.5}
      />
      <text
        x={b.x + b.w / 2}
        y={b.y + 22}
        textAnchor="middle"
        fontSize={18}
        fontWeight={600}
        fill="currentColor"
      >
        {title}
      </text>
      {extra}
    </g>
  );
  const edgeLabel = (kind: EdgeKind, x: number, y: number, anchor: 'start' | 'middle' | 'end' = 'middle') => (
    <text x={x} y={y} textAnchor={anchor} fontSize={15} fill="currentColor">
      <tspan fillOpacity={0.75}>{EDGE_LABELS[kind]} </tspan>
      <tspan ref={reg(`count-${kind}`)} fontWeight={700} fill={EDGE_COLORS[kind]}>
        0
      </tspan>
    </text>
  );
  const L = layout;

  return (
    <div className="relative">
      <svg
        viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
        role="img"
        aria-label={`Flowchart: main puts tasks on the task queue; ${workers} workers take them, update the shared tally ${lockOn ? 'under the lock' : 'without a lock'}, and put results on the result queue; main collects them.`}
        data-testid="pipeline-flowchart"
      >
        <defs>
          <marker
            id="pipeline-arrow"
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={7}
            markerHeight={7}
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" fillOpacity={0.5} />
          </marker>
        </defs>
        {L.edges.map((e) => (
          <g key={e.id}>
            <line
              x1={e.from.x}
              y1={e.from.y}
              x2={e.to.x}
              y2={e.to.y}
              stroke="currentColor"
              strokeOpacity={e.kind === 'acquire' && !lockOn ? 0.1 : 0.3}
              strokeWidth={1.5}
              strokeDasharray={e.kind === 'sentinel' || (e.kind === 'acquire' && !lockOn) ? '5 4' : undefined}
              markerEnd="url(#pipeline-arrow)"
            />
          </g>
        ))}

        {box(
          'main-box',
          L.main,
          'main process',
          <>
            <text
              x={L.main.x + L.main.w / 2}
              y={L.main.y + 50}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
              fillOpacity={0.8}
            >
              puts tasks, None × {workers}
            </text>
            <text
              x={L.main.x + L.main.w / 2}
              y={L.main.y + 72}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
              fillOpacity={0.8}
            >
              collects results
            </text>
            <text
              x={L.main.x + L.main.w / 2}
              y={L.main.y + 94}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
              fillOpacity={0.8}
            >
              joins the pool
            </text>
          </>,
        )}
        {box(
          'task-box',
          L.taskQueue,
          'task queue',
          <text
            ref={reg('task-depth')}
            x={L.taskQueue.x + L.taskQueue.w / 2}
            y={L.taskQueue.y + 46}
            textAnchor="middle"
            fontSize={15}
            fill="currentColor"
          >
            depth 0
          </text>,
        )}
        {box(
          'result-box',
          L.resultQueue,
          'result queue',
          <text
            ref={reg('result-depth')}
            x={L.resultQueue.x + L.resultQueue.w / 2}
            y={L.resultQueue.y + 46}
            textAnchor="middle"
            fontSize={15}
            fill="currentColor"
          >
            depth 0
          </text>,
        )}
        {box(
          'lock-box',
          L.lock,
          lockOn ? 'Lock' : 'Lock (not used)',
          <>
            <text
              ref={reg('lock-state')}
              x={L.lock.x + L.lock.w / 2}
              y={L.lock.y + 46}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
            >
              free
            </text>
            <text
              ref={reg('lock-waiters')}
              x={L.lock.x + L.lock.w / 2}
              y={L.lock.y + 68}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
            >
              0 waiting
            </text>
          </>,
          '#10b981',
        )}
        {box(
          'shared-box',
          L.shared,
          'shared tally',
          <>
            <text
              ref={reg('tally-tasks')}
              x={L.shared.x + L.shared.w / 2}
              y={L.shared.y + 50}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
            >
              tasks counted 0
            </text>
            <text
              ref={reg('tally-sum')}
              x={L.shared.x + L.shared.w / 2}
              y={L.shared.y + 74}
              textAnchor="middle"
              fontSize={15}
              fill="currentColor"
            >
              sum 0
            </text>
          </>,
        )}
        {L.workers.map((b, i) => (
          <g key={i}>
            <rect
              ref={reg(`worker-box-${i}`)}
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
              rx={8}
              fill="transparent"
              stroke="currentColor"
              strokeWidth={1.5}
            />
            <rect x={b.x} y={b.y} width={6} height={b.h} rx={3} fill={processColor(i)} />
            <text
              x={b.x + 12}
              y={b.y + Math.min(17, b.h / 2 + 1)}
              fontSize={Math.min(14, b.h * 0.45)}
              fontWeight={600}
              fill="currentColor"
            >
              {`Worker-${i + 1}`}
              <tspan ref={reg(`worker-activity-${i}`)} fontWeight={400} fillOpacity={0.8} dx={6}>
                starting
              </tspan>
            </text>
            {b.h >= 30 && (
              <text
                ref={reg(`worker-counts-${i}`)}
                x={b.x + 12}
                y={b.y + b.h - 8}
                fontSize={13}
                fill="currentColor"
                fillOpacity={0.75}
              >
                took 0 · put 0
              </text>
            )}
          </g>
        ))}
        {edgeLabel('put-task', 200, 150)}
        {edgeLabel('sentinel', 110, 36)}
        {edgeLabel('get-task', 460, 30)}
        {edgeLabel('acquire', L.lock.x + L.lock.w / 2, L.lock.y - 10)}
        {edgeLabel('update', L.shared.x + L.shared.w / 2 + 8, 230, 'start')}
        {edgeLabel('put-result', 470, 462)}
        {edgeLabel('collect', 150, 345)}
      </svg>
      {/* Glows and tokens, drawn by a painter worker; the SVG below holds everything that stands still. */}
      <canvas
        ref={canvasRef}
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 h-full w-full"
        data-testid="pipeline-flow-canvas"
      />
    </div>
  );
}
