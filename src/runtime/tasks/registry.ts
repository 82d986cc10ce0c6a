/**
 * The task registry: every function a process can run, by name (Python: a Process target must
 * be importable by the child). Importing this module installs the table for `lookupTask`.
 *
 * To add tasks: export `const xTasks = { name: fn }` from a module in this folder and spread it
 * below. A task is `(ctx: TaskContext, ...args) => unknown` (it may be async). Task modules
 * must not import parent-side code (Process, Pool, Manager): to run a task by name, use
 * `lookupTask` from `task-context.ts`. The pool worker and manager server do import the leaf
 * modules that define their wire formats (`pool/pool-protocol.ts`, `manager/proxies.ts`), which
 * import no parent-side code.
 */
import { cpuTasks } from './cpu-kernels';
import { deadlockTasks } from './deadlock-tasks';
import { demoTasks } from './demo-tasks';
import { gilTasks } from './gil-tasks';
import { incrementTasks } from './increment';
import { lifecycleTasks } from './lifecycle-tasks';
import { messageSceneTasks } from './message-scenes-tasks';
import { managerTasks } from './manager-server';
import { poolTasks } from './pool-worker';
import { producerConsumerTasks } from './producer-consumer';
import { startMethodTasks } from './start-method-tasks';
import { syncDemoTasks } from './sync-demos';
import { setTaskTable, type Task } from './task-context';
import { waitTasks } from './waits';

export const tasks = {
  ...incrementTasks,
  ...cpuTasks,
  ...waitTasks,
  ...demoTasks,
  ...syncDemoTasks,
  ...producerConsumerTasks,
  ...poolTasks,
  ...managerTasks,
  ...messageSceneTasks,
  ...gilTasks,
  ...startMethodTasks,
  ...deadlockTasks,
  ...lifecycleTasks,
} satisfies Record<string, Task>;

export type TaskName = keyof typeof tasks;

setTaskTable(tasks);

export { taskNames, lookupTask, hasTask } from './task-context';
