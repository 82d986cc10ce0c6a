/**
 * RunScope: everything a scene run starts, ended together.
 *
 *   const scope = new RunScope(signal?)
 *   scope.track(x)            x: anything with terminate() (Process, Pool, Manager); returns x
 *   scope.process(options)    new Process(options), tracked (not started)
 *   scope.close()             terminate everything tracked; resolves when their threads ended
 *   scope.closed, scope.signal
 *
 * Aborting the signal closes the scope. Tracking into a closed scope terminates at once, so a
 * run that is stopped while it is still starting things cannot leak a worker. A Process that
 * was not started yet when its scope closed (or that is tracked into a closed scope) never
 * spawns a worker: its later `start()` ends it at once with exit code -15.
 */
import { Process, cancelBeforeStart, type ProcessOptions } from './process';

export interface Terminable {
  terminate(): unknown;
}

export class RunScope {
  private readonly members = new Set<Terminable>();
  private closing: Promise<void> | null = null;
  private readonly controller = new AbortController();

  constructor(signal?: AbortSignal) {
    if (signal?.aborted) void this.close();
    else signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  /** Aborted when the scope closes: pass it to timers and loops of the run. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  track<T extends Terminable>(member: T): T {
    if (!this.closing) this.members.add(member);
    else if (member instanceof Process && member.state === 'created') cancelBeforeStart(member);
    else void settle(() => member.terminate());
    return member;
  }

  process(options: ProcessOptions): Process {
    return this.track(new Process(options));
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.controller.abort();
    const all = [...this.members];
    this.members.clear();
    this.closing = Promise.all(
      all.map((m) => {
        if (m instanceof Process) {
          if (m.state === 'created') {
            cancelBeforeStart(m);
            return undefined;
          }
          m.terminate();
          return m.threadEnded;
        }
        return settle(() => m.terminate());
      }),
    ).then(() => undefined);
    return this.closing;
  }
}

/**
 * terminate() may return a promise (Pool, Manager) or nothing, and may throw; never let it
 * reject the close (nor throw out of track()).
 */
async function settle(terminate: () => unknown): Promise<void> {
  try {
    await terminate();
  } catch {
    // Terminating something already dead is not an error worth failing Stop for.
  }
}
