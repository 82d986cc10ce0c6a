/** Sentences for the step-through's log: what a step did, and whether it just lost an update. */
import type { SimState } from '../../sim/race-machine';
import { processLabel } from '../../sim/race-program';
import type { TraceEntry } from '../../sim/race-trace';

export interface StepLogLine {
  text: string;
  /** A store that overwrote increments it had not seen. */
  lost: boolean;
}

export function describeStep(before: SimState, entry: TraceEntry): StepLogLine {
  const who = processLabel(entry.pid);
  const after = entry.after;
  const tmp = after.processes[entry.pid]!.register;
  switch (entry.info.op) {
    case 'acquire':
      return {
        text: `${who} takes the ${after.program.sync === 'value-lock' ? 'Value’s own lock' : 'lock'}`,
        lost: false,
      };
    case 'release':
      return { text: `${who} releases the lock`, lost: false };
    case 'load':
      return { text: `${who} reads counter.value = ${after.counter} into its tmp`, lost: false };
    case 'add':
      return {
        text: `${who} computes tmp = ${tmp} in its own memory (the counter is still ${after.counter})`,
        lost: false,
      };
    case 'atomic-add':
      return { text: `${who} atomically adds 1: counter.value = ${after.counter}`, lost: false };
    case 'store': {
      // The process loaded tmp − 1; if the counter moved since, those increments are overwritten.
      const overwritten = before.counter - (tmp! - 1);
      return overwritten > 0
        ? {
            text: `${who} writes counter.value = ${tmp}, but the counter already held ${before.counter}: its copy was stale, ${overwritten} update${overwritten === 1 ? '' : 's'} lost`,
            lost: true,
          }
        : { text: `${who} writes counter.value = ${tmp}`, lost: false };
    }
  }
}
