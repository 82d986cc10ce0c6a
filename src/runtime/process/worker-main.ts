/**
 * What every process runs, in the browser and in Node: wait for the boot message, attach to
 * the shared telemetry, rebuild the arguments, run the task, report ONE exit message.
 *
 * Exit codes follow Python: 0 when the task returns, `code` for ctx.exit(code) (SystemExit),
 * 1 for an uncaught exception (its name, message and stack go to the parent).
 */
import { toErrorInfo, type ErrorInfo } from '../errors';
import { decodeArgs } from '../memory/handles';
import { markWorkerThread } from '../memory/resource-table';
import type { WorkerSide } from '../platform/types';
import { allowBlocking } from '../sync/futex';
import { lookupTask, createTaskContext, setCurrentContext, SystemExit, type TaskContext } from '../tasks/task-context';
import '../tasks/registry';
import { installWorkerTelemetry } from '../../telemetry/current';
import { EventKind, P, ProcessState } from '../../telemetry/layout';
import type { TelemetryWriter } from '../../telemetry/writer';
import './handle-kinds';
import type { BootMessage, ExitMessage, FromWorker } from './protocol';

export function runWorker(side: WorkerSide): void {
  allowBlocking(true);
  markWorkerThread();
  let booted = false;
  side.onMessage((m) => {
    if (booted || (m as BootMessage | undefined)?.type !== 'boot') return;
    booted = true;
    void run(side, m as BootMessage);
  });
}

async function run(side: WorkerSide, boot: BootMessage): Promise<void> {
  const post = (m: FromWorker) => side.post(m);
  let tel: TelemetryWriter | null = null;
  let code = 0;
  let error: ErrorInfo | undefined;
  let result: unknown;
  // Everything, set-up included, is inside the try: whatever fails, the parent gets its ONE exit
  // message. (A rejected `run` would be an unhandled rejection, which a browser does not report
  // to the page as a worker error: the process would look alive forever.)
  try {
    tel = installWorkerTelemetry(boot.telemetry, boot.slot, boot.pid);
    const ctx: TaskContext = createTaskContext({
      pid: boot.pid,
      name: boot.name,
      telemetry: tel,
      control: new Int32Array(boot.control),
      send: (data) => post({ type: 'user', data }),
    });
    setCurrentContext(ctx);
    const task = lookupTask(boot.task);
    const args = decodeArgs(boot.args);
    tel.setState(ProcessState.RUNNING);
    tel.event(EventKind.STARTED);
    post({ type: 'started', at: side.now() });
    result = await (task as (ctx: TaskContext, ...a: unknown[]) => unknown)(ctx, ...args);
  } catch (e) {
    if (e instanceof SystemExit) code = e.code;
    else {
      code = 1;
      error = toErrorInfo(e);
    }
  }
  if (tel) {
    Atomics.store(tel.i32, tel.base + P.EXIT_CODE, code);
    tel.setState(ProcessState.EXITED);
    tel.event(EventKind.EXITED, 0, code);
  }
  const exit: ExitMessage = { type: 'exit', code, error, result };
  try {
    post(exit);
  } catch {
    // The return value could not be cloned: Python ignores a target's return value anyway.
    post({ type: 'exit', code, error });
  }
}
