/**
 * The queue scene's programs, generated from its settings: Python (runnable as is with python3),
 * the Go equivalent, and the same run written against this playground's runtime. Work per item
 * left on "auto" appears as the number the run uses (resolveQueueWork).
 */
import type { CodeListing } from '../shared/CodePanel';
import { resolveQueueWork, type QueueParams } from './queue-params';

const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, '_');

/** Why the work per item has the value it has, when "auto" chose it ('' when the user did). */
function autoRemark(p: QueueParams, separator: string): string {
  const work = resolveQueueWork(p);
  const sides = [work.auto.produceUs && 'produce', work.auto.consumeUs && 'consume'].filter(Boolean);
  if (sides.length === 0) return '';
  const raw = (work.auto.produceUs ? work.produceUs : work.consumeUs) === 0;
  return `${separator}${sides.join(' and ')} on auto: ${raw ? 'too many items to watch, so 0 (raw queue throughput)' : 'a run small enough to watch'}`;
}

export function pythonQueueProgram(p: QueueParams): string {
  const { produceUs, consumeUs } = resolveQueueWork(p);
  const maxsize = p.rendezvous ? 1 : p.maxsize;
  const joinable = p.pattern === 'joinable';
  const poll = p.pattern === 'empty-poll';
  const sentinels = p.forgetSentinel
    ? 'CONSUMERS - 1):  # BUG: one sentinel forgotten'
    : 'CONSUMERS):  # one sentinel per consumer';
  const payload = p.payloadBytes > 0 ? `bytes(${n(p.payloadBytes)})` : 'None';
  const lines = [
    'import multiprocessing as mp',
    ...(poll ? ['import queue'] : []),
    'import time',
    '',
    `PRODUCERS, CONSUMERS, ITEMS = ${p.producers}, ${p.consumers}, ${n(p.items)}`,
    p.rendezvous
      ? 'MAXSIZE = 1  # Python has no capacity-zero Queue: maxsize=1 is the closest to a Go unbuffered channel'
      : `MAXSIZE = ${n(maxsize)}  # 0 = unbounded`,
    `PRODUCE_S, CONSUME_S = ${produceUs / 1e6}, ${consumeUs / 1e6}  # CPU work per item${autoRemark(p, '; ')}`,
    `PAYLOAD = ${payload}`,
    '',
    '',
    'def busy(seconds):',
    '    end = time.perf_counter() + seconds',
    '    while time.perf_counter() < end:',
    '        pass',
    '',
    '',
    'def producer(q, first, count):',
    '    for i in range(first, first + count):',
    '        busy(PRODUCE_S)',
    '        q.put((i, PAYLOAD))          # blocks while the queue is full',
    '',
    '',
  ];
  if (poll) {
    lines.push(
      'def consumer(q, seen, started):',
      '    started.wait()',
      '    races = 0',
      '    while not q.empty():         # unreliable: stale as soon as it returns',
      '        try:',
      '            i, _ = q.get_nowait()',
      '        except queue.Empty:      # another consumer took it first',
      '            races += 1',
      '            continue',
      '        busy(CONSUME_S)',
      '        seen[i] += 1',
      '    print(f"{mp.current_process().name}: quit, {races} races")',
      '',
      '',
    );
  } else {
    lines.push(
      'def consumer(q, seen):',
      '    while True:',
      '        item = q.get()           # blocks while the queue is empty',
      '        if item is None:         # the sentinel: no more work',
      ...(joinable ? ['            q.task_done()'] : []),
      '            break',
      '        i, _ = item',
      '        busy(CONSUME_S)',
      '        seen[i] += 1             # each id is taken by one consumer only: no lock needed',
      ...(joinable ? ['        q.task_done()            # Go: wg.Done()'] : []),
      '',
      '',
    );
  }
  lines.push(
    'if __name__ == "__main__":',
    `    q = mp.${joinable ? 'JoinableQueue' : 'Queue'}(maxsize=MAXSIZE)`,
    "    seen = mp.RawArray('i', ITEMS)  # how many times each item was taken",
    ...(poll ? ['    started = mp.Event()'] : []),
    '    consumers = [',
    `        mp.Process(target=consumer, args=(q, seen${poll ? ', started' : ''}), name=f"Consumer-{c + 1}")`,
    '        for c in range(CONSUMERS)',
    '    ]',
    '    share, extra = divmod(ITEMS, PRODUCERS)',
    '    producers, first = [], 0',
    '    for k in range(PRODUCERS):',
    '        count = share + (1 if k < extra else 0)',
    '        producers.append(mp.Process(target=producer, args=(q, first, count), name=f"Producer-{k + 1}"))',
    '        first += count',
    '    t0 = time.perf_counter()',
    '    for p in consumers + producers:',
    '        p.start()',
  );
  if (poll) {
    lines.push(
      '    while q.empty() and any(p.is_alive() for p in producers):',
      '        time.sleep(0.001)',
      '    started.set()',
      '    for p in consumers:',
      '        p.join()',
      '    stranded = 0',
      '    while any(p.is_alive() for p in producers) or not q.empty():',
      '        try:',
      '            q.get(timeout=0.01)   # drain what nobody took, or the producers block forever',
      '            stranded += 1',
      '        except queue.Empty:',
      '            pass',
      '    for p in producers:',
      '        p.join()',
      '    print(f"{stranded} items were left behind when every consumer had quit")',
    );
  } else {
    lines.push('    for p in producers:', '        p.join()');
    if (joinable) lines.push('    q.join()                     # Go: wg.Wait(): every item was task_done()');
    lines.push(
      `    for _ in range(${sentinels}`,
      '        q.put(None)',
      '    for p in consumers:',
      '        p.join(timeout=2)',
      '        if p.is_alive():',
      '            print(f"{p.name} is still blocked in q.get(): it never got a sentinel")',
      '            p.terminate()',
      '            p.join()',
    );
  }
  lines.push(
    '    elapsed = time.perf_counter() - t0',
    '    lost = sum(1 for c in seen if c == 0)',
    '    duplicated = sum(1 for c in seen if c > 1)',
    '    consumed = sum(seen)',
    '    print(f"produced {ITEMS}, consumed {consumed}, lost {lost}, duplicated {duplicated}, "',
    '          f"{consumed / elapsed:,.0f} msgs/s")',
  );
  return lines.join('\n') + '\n';
}

export function goQueueProgram(p: QueueParams): string {
  const { produceUs, consumeUs } = resolveQueueWork(p);
  const buffer = p.rendezvous ? '0' : p.maxsize === 0 ? 'items' : String(p.maxsize);
  const bufferNote = p.rendezvous
    ? '// unbuffered: a send waits for a receiver (a rendezvous)'
    : p.maxsize === 0
      ? '// Go has no unbounded channel: a buffer for every item stands in for maxsize=0'
      : '// buffered channel: Queue(maxsize)';
  const joinable = p.pattern === 'joinable';
  const poll = p.pattern === 'empty-poll';
  const consumerBody = poll
    ? [
        '\t\t\tfor {',
        '\t\t\t\tselect { // a non-blocking receive: get_nowait()',
        '\t\t\t\tcase item, ok := <-q:',
        '\t\t\t\t\tif !ok {',
        '\t\t\t\t\t\treturn',
        '\t\t\t\t\t}',
        '\t\t\t\t\tbusy(consumeWork)',
        '\t\t\t\t\tatomic.AddInt32(&seen[item], 1)',
        '\t\t\t\tdefault: // len(q) == 0 is as unreliable as q.empty(): quitting here strands items',
        '\t\t\t\t\treturn',
        '\t\t\t\t}',
        '\t\t\t}',
      ]
    : [
        '\t\t\tfor item := range q { // ends when q is closed and drained',
        '\t\t\t\tbusy(consumeWork)',
        '\t\t\t\tatomic.AddInt32(&seen[item], 1)',
        ...(joinable ? ['\t\t\t\ttasks.Done() // q.task_done()'] : []),
        '\t\t\t}',
      ];
  return [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"sync"',
    '\t"sync/atomic"',
    '\t"time"',
    ')',
    '',
    `const producers, consumers, items = ${p.producers}, ${p.consumers}, ${p.items}`,
    '',
    `var produceWork, consumeWork = ${produceUs} * time.Microsecond, ${consumeUs} * time.Microsecond${autoRemark(p, ' // ')}`,
    '',
    'func busy(d time.Duration) {',
    '\tfor end := time.Now().Add(d); time.Now().Before(end); {',
    '\t}',
    '}',
    '',
    'func main() {',
    `\tq := make(chan int, ${buffer}) ${bufferNote}`,
    '\tseen := make([]int32, items)',
    `\tvar producing, consuming${joinable ? ', tasks' : ''} sync.WaitGroup`,
    '\tstart := time.Now()',
    '\tfor c := 0; c < consumers; c++ {',
    '\t\tconsuming.Add(1)',
    '\t\tgo func() {',
    '\t\t\tdefer consuming.Done()',
    ...consumerBody,
    '\t\t}()',
    '\t}',
    '\tfor k, first := 0, 0; k < producers; k++ {',
    '\t\tcount := items / producers',
    '\t\tif k < items%producers {',
    '\t\t\tcount++',
    '\t\t}',
    '\t\tproducing.Add(1)',
    '\t\tgo func(first, count int) {',
    '\t\t\tdefer producing.Done()',
    '\t\t\tfor i := first; i < first+count; i++ {',
    '\t\t\t\tbusy(produceWork)',
    ...(joinable ? ['\t\t\t\ttasks.Add(1) // JoinableQueue counts every put'] : []),
    '\t\t\t\tq <- i // blocks while the buffer is full',
    '\t\t\t}',
    '\t\t}(first, count)',
    '\t\tfirst += count',
    '\t}',
    ...(poll
      ? [
          '\tconsuming.Wait() // every consumer quit at its first empty look',
          '\tgo func() { producing.Wait(); close(q) }()',
          '\tstranded := 0',
          '\tfor range q { // drain what nobody took, or the producers block forever',
          '\t\tstranded++',
          '\t}',
          '\tfmt.Println(stranded, "items were left behind when every consumer had quit")',
        ]
      : [
          '\tproducing.Wait()',
          ...(joinable ? ['\ttasks.Wait() // q.join()'] : []),
          p.forgetSentinel
            ? '\t// close(q) forgotten: every consumer blocks in range q forever'
            : '\tclose(q) // one close reaches every consumer: Go has no sentinel to forget',
          '\tdone := make(chan struct{})',
          '\tgo func() { consuming.Wait(); close(done) }()',
          '\tselect { // join with a timeout',
          '\tcase <-done:',
          '\tcase <-time.After(2 * time.Second):',
          '\t\tfmt.Println("consumers still blocked after 2 s: was q closed?")',
          '\t}',
        ]),
    '\tlost, duplicated, consumed := 0, 0, 0',
    '\tfor _, c := range seen {',
    '\t\tconsumed += int(c)',
    '\t\tif c == 0 {',
    '\t\t\tlost++',
    '\t\t} else if c > 1 {',
    '\t\t\tduplicated++',
    '\t\t}',
    '\t}',
    '\tfmt.Printf("produced %d, consumed %d, lost %d, duplicated %d, %.0f msgs/s\\n",',
    '\t\titems, consumed, lost, duplicated, float64(consumed)/time.Since(start).Seconds())',
    '}',
    '',
  ].join('\n');
}

export function jsQueueProgram(p: QueueParams): string {
  const { produceUs, consumeUs } = resolveQueueWork(p);
  const joinable = p.pattern === 'joinable';
  const poll = p.pattern === 'empty-poll';
  const make = p.rendezvous
    ? 'Queue.rendezvous()'
    : `new ${joinable ? 'JoinableQueue' : 'Queue'}(${p.maxsize})`;
  return [
    '// Tasks run inside worker processes (registered in src/runtime/tasks/): they may block.',
    'function producer(ctx, q, first, count) {',
    '  for (let i = first; i < first + count; i++) {',
    `    busy(ctx, ${produceUs}); // µs of work${autoRemark(p, '; ')}`,
    '    q.put(i); // blocks while the queue is full',
    '  }',
    '}',
    '',
    poll
      ? [
          'function consumer(ctx, q, seen, started) {',
          '  started.wait();',
          '  while (!q.empty()) {',
          '    let i;',
          '    try { i = q.getNowait(); } catch (e) { if (e.name === "Empty") continue; throw e; }',
          `    busy(ctx, ${consumeUs});`,
          '    Atomics.add(seen.typed, i, 1);',
          '  }',
          '}',
        ].join('\n')
      : [
          'function consumer(ctx, q, seen) {',
          '  for (;;) {',
          '    const i = q.get(); // blocks while the queue is empty',
          `    if (i === null) {${joinable ? ' q.taskDone();' : ''} break; } // the sentinel`,
          `    busy(ctx, ${consumeUs});`,
          '    Atomics.add(seen.typed, i, 1);',
          ...(joinable ? ['    q.taskDone();'] : []),
          '  }',
          '}',
        ].join('\n'),
    '',
    '// The page (main) never blocks: it uses the Async twins.',
    `const q = ${make};`,
    `const seen = new RawArray('i', ${p.items});`,
    ...(poll ? ['const started = new Event();'] : []),
    `const consumers = Array.from({ length: ${p.consumers} }, (_, c) =>`,
    `  new Process({ target: 'consumer', args: [q, seen${poll ? ', started' : ''}], name: \`Consumer-\${c + 1}\` }));`,
    `const producers = Array.from({ length: ${p.producers} }, (_, k) =>`,
    `  new Process({ target: 'producer', args: [q, k * ${Math.floor(p.items / p.producers)}, ${Math.floor(p.items / p.producers)}] }));`,
    '[...consumers, ...producers].forEach((p) => p.start());',
    ...(poll
      ? ['started.set();', 'await Promise.all(consumers.map((p) => p.join()));']
      : [
          'await Promise.all(producers.map((p) => p.join()));',
          ...(joinable ? ['await q.joinAsync(); // every item task_done()'] : []),
          `for (let c = 0; c < ${p.forgetSentinel ? p.consumers - 1 : p.consumers}; c++) await q.putAsync(null);${p.forgetSentinel ? ' // one short!' : ''}`,
          'await Promise.all(consumers.map((p) => p.join(2000)));',
        ]),
    'const counts = Array.from(seen.typed);',
    "console.log('lost', counts.filter((c) => c === 0).length, 'duplicated', counts.filter((c) => c > 1).length);",
    '',
  ].join('\n');
}

export function queueListings(p: QueueParams): CodeListing[] {
  return [
    { label: 'Python', code: pythonQueueProgram(p), note: 'Runnable as is: python3 queue_demo.py' },
    {
      label: 'Go',
      code: goQueueProgram(p),
      note: 'go run main.go: goroutines, a channel, close, range, select',
    },
    {
      label: 'JavaScript',
      code: jsQueueProgram(p),
      note: "This playground's runtime: the same program on Web Workers",
    },
  ];
}
