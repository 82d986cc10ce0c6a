/**
 * The explanation beside the run, written from the current settings and, once runs have
 * finished, from what was measured. Text uses `backticks` for code; the panel renders them.
 */
import type { RaceSettings, SyncMode } from './race-params';
import type { RaceResult } from './race-result';

export interface ExplanationBlock {
  heading: string;
  text: string;
}

/** The last measured throughput per mode, for the same processes × increments. */
export type ThroughputByMode = Partial<Record<SyncMode, number>>;

const fmt = (n: number) => n.toLocaleString('en-US');

export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(perSec >= 1e8 ? 0 : 1)} M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(0)} k/s`;
  return `${Math.round(perSec)}/s`;
}

const THREE_STEPS: ExplanationBlock = {
  heading: 'Why += is three steps',
  text:
    '`counter.value += 1` is not one operation. CPython runs `LOAD_ATTR` (read the shared value), ' +
    '`BINARY_OP +=` (add one in the process’s own memory) and `STORE_ATTR` (write it back). The workers here do ' +
    'the same with `Atomics.load` then `Atomics.store`: each is atomic alone, the pair is not. If another process ' +
    'stores between my read and my write, my write puts back a value that no longer counts its increment: an update is lost.',
};

function modeBlock(s: Pick<RaceSettings, 'sync' | 'batch' | 'processes'>): ExplanationBlock {
  switch (s.sync) {
    case 'none':
      return {
        heading: 'No lock: updates get lost',
        text:
          'Each lost update is a moment when two processes read the same value and both wrote back value + 1. ' +
          'Nothing is wrong with any single process; the schedule the cores happened to run is what breaks the count, ' +
          'which is why the loss differs from run to run.',
      };
    case 'value-lock':
      return {
        heading: 'Why Value(lock=True) does not help',
        text:
          '`Value("i", 0)` comes with a lock, but it guards each access to `.value` separately: the read takes and ' +
          'releases it, then the write takes and releases it again. `+=` is a read followed by a write, so another ' +
          'process can slip in between, exactly as without a lock. It makes each access safe, not the increment. ' +
          'The fix is to hold the lock across both: `with counter.get_lock(): counter.value += 1`, or a `Lock` of your own.',
      };
    case 'lock':
      return s.batch > 1
        ? {
            heading: `A lock held for ${fmt(s.batch)} increments at a time`,
            text:
              `Coarser granularity: one acquire and one release pay for ${fmt(s.batch)} increments, so the lock changes ` +
              'hands far less often and throughput rises. The price is latency: a waiting process now waits for a whole ' +
              'batch. The count stays exact, because every read-modify-write still happens inside the lock.',
          }
        : {
            heading: 'A lock around each increment: exact',
            text:
              '`with lock:` makes the read, the add and the write one indivisible step: while one process holds the lock, ' +
              'nobody else can read the counter, so no write can be overwritten. The count is exact every time. The cost: ' +
              'every increment acquires and releases the lock, and when processes contend, the lock and the counter’s cache ' +
              'line bounce between cores while waiters sleep in `Atomics.wait` (a futex).',
          };
    case 'atomic':
      return {
        heading: 'An atomic add: exact without a lock',
        text:
          '`Atomics.add` (Go: `atomic.AddInt64`) reads, adds and writes as one hardware instruction (`lock xadd` on x86), ' +
          'so no other core can get in between. It is exact and usually the fastest exact option, but it only works ' +
          'on a single number: anything larger needs a lock. Python’s `multiprocessing.Value` has no atomic add; the ' +
          'closest is holding its own lock: `with counter.get_lock(): counter.value += 1`.',
      };
  }
}

function costBlock(s: RaceSettings, measured: ThroughputByMode): ExplanationBlock | null {
  const locked = measured.lock;
  const unlocked = measured.none;
  const atomic = measured.atomic;
  if (locked !== undefined && unlocked !== undefined) {
    const ratio = unlocked / locked;
    return {
      heading: 'What the lock costs here',
      text:
        `Measured on this machine: ${formatRate(unlocked)} without a lock (wrong answers) against ${formatRate(locked)} ` +
        `with it (right answers): the lock ${ratio >= 1 ? `costs ${ratio.toFixed(1)}× in throughput` : `was even ${(1 / ratio).toFixed(1)}× faster this time`}.` +
        (atomic !== undefined ? ` The atomic add ran at ${formatRate(atomic)}.` : '') +
        ' A fast wrong answer is still wrong.',
    };
  }
  if (s.sync === 'lock' || s.sync === 'none') {
    const other = s.sync === 'lock' ? 'off' : 'on';
    const have = s.sync === 'lock' ? locked : unlocked;
    return {
      heading: 'What the lock costs',
      text:
        (have !== undefined ? `This setting ran at ${formatRate(have)}. ` : '') +
        `Run again with the lock ${other} (press L) to measure the price of correctness on this machine.`,
    };
  }
  return null;
}

function situationBlock(s: RaceSettings, cores: number): ExplanationBlock | null {
  if (s.processes === 1) {
    return {
      heading: 'One process cannot race',
      text: 'With a single process nothing can run between its read and its write: every mode ends exact. Add a second process to see the race.',
    };
  }
  if (s.processes > cores) {
    return {
      heading: `${s.processes} processes on ${cores} cores`,
      text:
        'More processes than cores take turns: a process is preempted at an arbitrary instruction, possibly between ' +
        'its read and its write, and a lock holder preempted inside the lock makes everyone else wait for it.',
    };
  }
  return null;
}

function measuredBlock(result: RaceResult): ExplanationBlock {
  const { expected, runs, exact } = result;
  const worst = Math.max(...runs.map((r) => r.lostUpdates));
  const losing = runs.filter((r) => r.lostUpdates > 0).length;
  return {
    heading: 'What happened',
    text: exact
      ? `All ${runs.length} run${runs.length === 1 ? '' : 's'} ended at exactly ${fmt(expected)}, at a median ${formatRate(result.incrementsPerSec)}.`
      : `${losing} of ${runs.length} run${runs.length === 1 ? '' : 's'} lost updates: a median ${fmt(result.lostUpdates)} ` +
        `(${result.lostPercent.toFixed(1)}%) and up to ${fmt(worst)} of ${fmt(expected)}, at a median ${formatRate(result.incrementsPerSec)}.`,
  };
}

export function explainRace(
  settings: RaceSettings,
  options: { result?: RaceResult | null; measured?: ThroughputByMode; cores: number },
): ExplanationBlock[] {
  const blocks: ExplanationBlock[] = [];
  // A result only describes the current settings if it was produced by them.
  const result = options.result && sameExperiment(options.result, settings) ? options.result : null;
  if (result) blocks.push(measuredBlock(result));
  blocks.push(modeBlock(settings));
  const situation = situationBlock(settings, options.cores);
  if (situation) blocks.push(situation);
  blocks.push(THREE_STEPS);
  const cost = costBlock(settings, options.measured ?? {});
  if (cost) blocks.push(cost);
  return blocks;
}

export function sameExperiment(result: RaceResult, s: RaceSettings): boolean {
  return (
    result.processes === s.processes &&
    result.increments === s.increments &&
    result.sync === s.sync &&
    (result.sync !== 'lock' || result.batch === s.batch)
  );
}
