/**
 * JoinableQueue — Python's `multiprocessing.JoinableQueue`: a Queue that counts unfinished tasks.
 *
 *   everything Queue has, plus
 *   taskDone()          a consumer finished an item; ValueError if called more times than items put
 *   join()              processes: block until every item put has been taskDone()'d
 *   joinAsync()         the main thread's twin
 *
 * The count lives in the channel header (UNFINISHED). taskDone() is a lock-free decrement;
 * reaching zero bumps ALL_DONE, the futex word joiners sleep on (layout in channel.ts).
 */
import { ProcessState } from '../../telemetry/layout';
import { ValueError } from '../errors';
import { registerHandleKind, type Handle } from '../memory/handles';
import { blockOn, blockOnAsync, type WaitSite, type WaitSteps } from '../sync/blocking';
import { futexWake } from '../sync/futex';
import { ALL_DONE, BROKEN, FLAGS, UNFINISHED } from './channel';
import { Queue, type QueueHandle, type QueueOptions } from './queue';

export class JoinableQueue<T = unknown> extends Queue<T> {
  private readonly joinSite: WaitSite;

  constructor(maxsize = 0, options: QueueOptions = {}, rebuilt?: QueueHandle) {
    super(maxsize, options, rebuilt, 'JoinableQueue');
    this.view.joinable = true;
    this.joinSite = {
      tel: this.view.tel,
      state: ProcessState.WAITING_QUEUE_GET,
      resource: this.id,
      what: `JoinableQueue '${this.name}'.join()`,
      twin: 'joinAsync()',
    };
  }

  /** Items put and not yet taskDone()'d. */
  unfinished(): number {
    return Atomics.load(this.view.h, UNFINISHED);
  }

  taskDone(): void {
    const h = this.view.h;
    for (;;) {
      const left = Atomics.load(h, UNFINISHED);
      if (left <= 0) throw new ValueError('task_done() called too many times');
      if (Atomics.compareExchange(h, UNFINISHED, left, left - 1) !== left) continue;
      if (left === 1) {
        Atomics.add(h, ALL_DONE, 1);
        futexWake(h, ALL_DONE);
      }
      this.view.tel.countOps();
      return;
    }
  }

  join(): void {
    blockOn(this.joinSite, this.joinSteps());
  }

  joinAsync(): Promise<void> {
    return blockOnAsync(this.joinSite, this.joinSteps());
  }

  private *joinSteps(): WaitSteps<void> {
    const h = this.view.h;
    for (;;) {
      // Read the sequence first: a taskDone() landing between the two reads changes it, so the
      // wait below returns at once instead of sleeping through the last wake.
      const seq = Atomics.load(h, ALL_DONE);
      if (Atomics.load(h, FLAGS) & BROKEN) throw this.brokenError();
      if (Atomics.load(h, UNFINISHED) === 0) return;
      yield { i32: h, index: ALL_DONE, expected: seq, timeoutMs: Infinity };
    }
  }

  static override fromHandle(h: Handle): JoinableQueue {
    return new JoinableQueue(0, {}, h as QueueHandle);
  }
}

registerHandleKind('JoinableQueue', JoinableQueue.fromHandle);
