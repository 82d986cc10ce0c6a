/**
 * The GIL scene's parameters: one schema for the URL, the controls and `window.playground.run`,
 * and what each workload is. No runtime imports: the scene definition is in the initial bundle.
 */
import type { ParamValues } from '../shared/params';

export const GIL_WORKLOADS = ['cpu-bound', 'io-bound', 'mixed'] as const;
export type GilWorkload = (typeof GIL_WORKLOADS)[number];

/** CPU work of one task of the I/O-bound workload: parsing a reply, ~0.1 ms. */
export const IO_TASK_CPU_OPS = 100_000;

export interface GilWorkloadInfo {
  label: string;
  /** What one task does, for the controls and the table. */
  task: string;
  usesCpuWork: boolean;
  usesIoMs: boolean;
  explanation: string;
  /** What the tutorials' table says, for threads and for processes. */
  tutorial: { threads: string; processes: string; advice: string };
}

export const GIL_WORKLOAD_INFO: Record<GilWorkload, GilWorkloadInfo> = {
  'cpu-bound': {
    label: 'CPU-bound',
    task: 'pure computation, holding the GIL all the time',
    usesCpuWork: true,
    usesIoMs: false,
    explanation:
      'Each task hashes integers in a tight loop. A thread needs the GIL for every step, so threads take turns and N threads run no faster than one. Processes have a GIL each and use every core.',
    tutorial: { threads: '≈ 1× (the GIL serialises them)', processes: '≈ N× up to the core count', advice: 'use processes (multiprocessing, Pool)' },
  },
  'io-bound': {
    label: 'I/O-bound',
    task: 'a short computation, then a wait with the GIL released (like a network call or time.sleep)',
    usesCpuWork: false,
    usesIoMs: true,
    explanation:
      'Each task computes for ~0.1 ms, then waits. A blocking wait releases the GIL, so while one thread waits another runs: threads overlap as well as processes do, and cost far less to start.',
    tutorial: { threads: '≈ N× (waits overlap)', processes: '≈ N× (but heavier)', advice: 'use threads or asyncio' },
  },
  mixed: {
    label: 'Mixed',
    task: 'a computation holding the GIL, then a wait with it released',
    usesCpuWork: true,
    usesIoMs: true,
    explanation:
      'Each task computes, then waits. Threads overlap the waits but still take turns for the computation, so they land between 1× and N×; processes overlap both.',
    tutorial: { threads: 'between 1× and N× (only the waits overlap)', processes: '≈ N× up to the core count', advice: 'processes for the CPU part (or a pool of threads for the I/O and a pool of processes for the CPU)' },
  },
};

export const MAX_GIL_WORKERS = 8;

export const gilParams = {
  workload: {
    kind: 'enum',
    label: 'Workload',
    values: GIL_WORKLOADS,
    default: 'cpu-bound',
    help: 'What each task does: compute (needs the GIL), wait (releases it), or both.',
  },
  workers: {
    kind: 'int',
    label: 'Threads / processes (N)',
    min: 1,
    max: MAX_GIL_WORKERS,
    default: 2,
    help: 'How many threads, and how many processes, share the tasks. Processes can only use as many cores as there are.',
  },
  switchIntervalMs: {
    kind: 'int',
    label: 'Switch interval (ms)',
    min: 1,
    max: 100,
    default: 5,
    help: 'sys.setswitchinterval: how long a waiting thread lets the holder run before asking it to drop the GIL (CPython: 5 ms).',
  },
  tasks: {
    kind: 'int',
    label: 'Tasks',
    min: 2,
    max: 400,
    default: 40,
    help: 'Tasks in the shared work queue, taken one at a time by whichever worker is free.',
  },
  cpuWork: {
    kind: 'int',
    label: 'CPU work per task (million operations)',
    min: 1,
    max: 200,
    default: 10,
    help: 'Used by the CPU-bound and mixed workloads; 10 is about 15 ms on a laptop core.',
  },
  ioMs: {
    kind: 'int',
    label: 'Wait per task (ms)',
    min: 1,
    max: 200,
    default: 10,
    help: 'Used by the I/O-bound and mixed workloads: the GIL is released while waiting.',
  },
  repeats: {
    kind: 'int',
    label: 'Repeats',
    min: 1,
    max: 9,
    default: 3,
    help: 'Each measurement is repeated; results are medians.',
  },
  forceSwitch: {
    kind: 'bool',
    label: 'Forced switching (fair hand-off)',
    default: true,
    help: "CPython's FORCE_SWITCHING: a thread asked to drop the GIL waits until another thread took it. Off: it competes again at once (Python 2's GIL) and a waiting thread can starve.",
  },
  compareAll: {
    kind: 'bool',
    label: 'Fill the whole comparison table',
    default: false,
    help: 'Also measure the other two workloads, so every row of the table holds our numbers.',
  },
} as const;

export type GilParams = ParamValues<typeof gilParams>;

/** What one task of `workload` does, in numbers the task module takes. */
export function taskShape(workload: GilWorkload, params: Pick<GilParams, 'cpuWork' | 'ioMs'>): { cpuOps: number; ioMs: number } {
  const info = GIL_WORKLOAD_INFO[workload];
  return {
    cpuOps: info.usesCpuWork ? params.cpuWork * 1_000_000 : IO_TASK_CPU_OPS,
    ioMs: info.usesIoMs ? params.ioMs : 0,
  };
}

/** The workloads a run measures: the chosen one first, then the others when filling the table. */
export function workloadsToMeasure(params: Pick<GilParams, 'workload' | 'compareAll'>): GilWorkload[] {
  return params.compareAll ? [params.workload, ...GIL_WORKLOADS.filter((w) => w !== params.workload)] : [params.workload];
}
