/**
 * The Python and Go programs equivalent to the current settings. The Python one is what the
 * tutorials write and runs as is with CPython (`python3 race.py`); it prints `final:` and
 * `expected:` so a reader can compare with the browser's numbers.
 */
import type { RaceSettings, SyncMode } from './race-params';

type CodeSettings = Pick<RaceSettings, 'processes' | 'increments' | 'sync' | 'batch'>;

/** 1000000 → "1_000_000": legal in both Python and Go, and readable. */
export function numberLiteral(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

const PYTHON_HEADER: Record<SyncMode, string> = {
  none: '# No synchronisation: counter.value += 1 is a load, an add and a store, and another\n# process can run in between. Expect final < expected.',
  'value-lock':
    '# Value(lock=True) locks each read and each write of counter.value, but += is a read\n# and then a write: the lock is released in between, so updates are still lost.',
  lock: '# A Lock around the whole += makes it one indivisible step: final == expected.',
  atomic:
    "# Python has no atomic add on a Value; the closest is holding the Value's own lock\n# around the whole += (what Atomics.add and Go's atomic.AddInt64 do in one instruction).",
};

function pythonWorker(s: CodeSettings): string[] {
  switch (s.sync) {
    case 'none':
    case 'value-lock':
      return [
        'def worker(counter, n):',
        '    for _ in range(n):',
        '        counter.value += 1  # load, add, store: not one step',
      ];
    case 'atomic':
      return [
        'def worker(counter, n):',
        '    for _ in range(n):',
        '        with counter.get_lock():',
        '            counter.value += 1',
      ];
    case 'lock':
      if (s.batch <= 1) {
        return [
          'def worker(counter, lock, n):',
          '    for _ in range(n):',
          '        with lock:',
          '            counter.value += 1',
        ];
      }
      return [
        'def worker(counter, lock, n, batch):',
        '    done = 0',
        '    while done < n:',
        '        k = min(batch, n - done)',
        '        with lock:  # one acquire covers k increments',
        '            for _ in range(k):',
        '                counter.value += 1',
        '        done += k',
      ];
  }
}

function pythonCounter(sync: SyncMode): string {
  switch (sync) {
    case 'none':
      return '    counter = Value("i", 0, lock=False)  # a raw shared int (like RawValue)';
    case 'value-lock':
      return '    counter = Value("i", 0)  # lock=True is the default';
    case 'lock':
      return '    counter = Value("i", 0, lock=False)  # the Lock below protects it';
    case 'atomic':
      return '    counter = Value("i", 0)  # comes with its own lock: get_lock()';
  }
}

export function pythonProgram(s: CodeSettings): string {
  const usesLock = s.sync === 'lock';
  const batched = usesLock && s.batch > 1;
  const args = ['counter', ...(usesLock ? ['lock'] : []), 'INCREMENTS', ...(batched ? ['BATCH'] : [])];
  const lines = [
    `# race.py: ${s.processes} processes × ${s.increments.toLocaleString('en-US')} increments of one shared counter.`,
    '# Run it with: python3 race.py',
    PYTHON_HEADER[s.sync],
    '',
    `from multiprocessing import Process, Value${usesLock ? ', Lock' : ''}`,
    '',
    `PROCESSES = ${s.processes}`,
    `INCREMENTS = ${numberLiteral(s.increments)}`,
    ...(batched ? [`BATCH = ${numberLiteral(s.batch)}`] : []),
    '',
    '',
    ...pythonWorker(s),
    '',
    '',
    'if __name__ == "__main__":',
    pythonCounter(s.sync),
    ...(usesLock ? ['    lock = Lock()'] : []),
    `    processes = [Process(target=worker, args=(${args.join(', ')})) for _ in range(PROCESSES)]`,
    '    for p in processes:',
    '        p.start()',
    '    for p in processes:',
    '        p.join()',
    '    print(f"final: {counter.value}")',
    '    print(f"expected: {PROCESSES * INCREMENTS}")',
  ];
  return lines.join('\n') + '\n';
}

const GO_HEADER: Record<SyncMode, string> = {
  none: '// No synchronisation: counter++ is a load, an add and a store. A data race\n// (go run -race reports it); expect final < expected.',
  'value-lock':
    "// Like Python's Value(lock=True): Get and Set each take the mutex, but the\n// increment is a Get and then a Set, so another goroutine runs in between.\n// go run -race stays silent (no data race), yet updates are lost: a race condition.",
  lock: '// A sync.Mutex around the increment: final == expected.',
  atomic: '// atomic.AddInt64 is one indivisible read-modify-write: final == expected.',
};

function goLoop(s: CodeSettings): string[] {
  switch (s.sync) {
    case 'none':
      return ['\t\t\tfor i := 0; i < increments; i++ {', '\t\t\t\tcounter++ // load, add, store', '\t\t\t}'];
    case 'value-lock':
      return [
        '\t\t\tfor i := 0; i < increments; i++ {',
        '\t\t\t\tcounter.Set(counter.Get() + 1) // locked, unlocked, locked again',
        '\t\t\t}',
      ];
    case 'atomic':
      return ['\t\t\tfor i := 0; i < increments; i++ {', '\t\t\t\tatomic.AddInt64(&counter, 1)', '\t\t\t}'];
    case 'lock':
      if (s.batch <= 1) {
        return [
          '\t\t\tfor i := 0; i < increments; i++ {',
          '\t\t\t\tmu.Lock()',
          '\t\t\t\tcounter++',
          '\t\t\t\tmu.Unlock()',
          '\t\t\t}',
        ];
      }
      return [
        '\t\t\tfor done := 0; done < increments; {',
        '\t\t\t\tk := min(batch, increments-done)',
        '\t\t\t\tmu.Lock() // one Lock covers k increments',
        '\t\t\t\tfor i := 0; i < k; i++ {',
        '\t\t\t\t\tcounter++',
        '\t\t\t\t}',
        '\t\t\t\tmu.Unlock()',
        '\t\t\t\tdone += k',
        '\t\t\t}',
      ];
  }
}

const GO_SYNCED_VALUE = [
  '// SyncedValue mimics Value(lock=True): every Get and every Set takes the mutex.',
  'type SyncedValue struct {',
  '\tmu sync.Mutex',
  '\tv  int64',
  '}',
  '',
  'func (s *SyncedValue) Get() int64 {',
  '\ts.mu.Lock()',
  '\tdefer s.mu.Unlock()',
  '\treturn s.v',
  '}',
  '',
  'func (s *SyncedValue) Set(v int64) {',
  '\ts.mu.Lock()',
  '\tdefer s.mu.Unlock()',
  '\ts.v = v',
  '}',
  '',
];

export function goProgram(s: CodeSettings): string {
  const imports = s.sync === 'atomic' ? ['\t"fmt"', '\t"sync"', '\t"sync/atomic"'] : ['\t"fmt"', '\t"sync"'];
  const batched = s.sync === 'lock' && s.batch > 1;
  const declarations =
    s.sync === 'value-lock'
      ? ['\tvar counter SyncedValue']
      : s.sync === 'lock'
        ? ['\tvar (', '\t\tcounter int64', '\t\tmu      sync.Mutex', '\t)']
        : ['\tvar counter int64'];
  const finalExpr = s.sync === 'value-lock' ? 'counter.Get()' : 'counter';
  const lines = [
    `// main.go: ${s.processes} goroutines × ${s.increments.toLocaleString('en-US')} increments of one shared counter.`,
    `// Run it with: go run ${s.sync === 'none' ? '-race ' : ''}main.go`,
    GO_HEADER[s.sync],
    'package main',
    '',
    'import (',
    ...imports,
    ')',
    '',
    ...(s.sync === 'value-lock' ? GO_SYNCED_VALUE : []),
    'func main() {',
    `\tconst workers = ${s.processes}`,
    `\tconst increments = ${numberLiteral(s.increments)}`,
    ...(batched ? [`\tconst batch = ${numberLiteral(s.batch)}`] : []),
    '',
    ...declarations,
    '\tvar wg sync.WaitGroup',
    '\tfor w := 0; w < workers; w++ {',
    '\t\twg.Add(1)',
    '\t\tgo func() {',
    '\t\t\tdefer wg.Done()',
    ...goLoop(s),
    '\t\t}()',
    '\t}',
    '\twg.Wait()',
    `\tfmt.Println("final:", ${finalExpr})`,
    '\tfmt.Println("expected:", workers*increments)',
    '}',
  ];
  return lines.join('\n') + '\n';
}
