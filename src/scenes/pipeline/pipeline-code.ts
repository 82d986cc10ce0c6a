/** The pipeline's program in Python (runnable with python3), Go, and this playground's runtime. */
import type { CodeListing } from '../shared/CodePanel';
import type { PipelineParams } from './pipeline-params';

const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, '_');

export function pythonPipelineProgram(p: PipelineParams): string {
  return `import multiprocessing as mp
import time
from contextlib import nullcontext

WORKERS, TASKS = ${p.workers}, ${n(p.tasks)}
WORK_S, HOLD_S = ${p.workUs / 1e6}, ${p.holdUs / 1e6}  # compute per task, time inside the lock
USE_LOCK = ${p.lock ? 'True' : 'False'}


def busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def answer(n):
    return n * (n + 1) * (2 * n + 1) // 6  # 1² + 2² + … + n²


def worker(tasks, results, lock, tally):
    name = mp.current_process().name
    while True:
        n = tasks.get()                    # task queue → worker
        if n is None:                      # the sentinel: the pool is shutting down
            break
        busy(WORK_S)
        a = answer(n)
        with (lock if USE_LOCK else nullcontext()):   # worker → lock
            count, total = tally[0], tally[1]         # lock → shared resource
            busy(HOLD_S)
            tally[0], tally[1] = count + 1, total + a
        results.put((name, n, a))          # worker → result queue


if __name__ == "__main__":
    tasks, results = mp.Queue(), mp.Queue()
    lock = mp.Lock()
    tally = mp.RawArray("d", 2)            # the shared resource: [tasks counted, sum]
    pool = [mp.Process(target=worker, args=(tasks, results, lock, tally), name=f"Worker-{i + 1}")
            for i in range(WORKERS)]
    t0 = time.perf_counter()
    for p in pool:
        p.start()
    for i in range(TASKS):                 # main → task queue
        tasks.put(i % 1000 + 1)
    for _ in pool:                         # one sentinel per worker
        tasks.put(None)
    collected = [results.get() for _ in range(TASKS)]  # result queue → main, BEFORE join
    for p in pool:                         # join only once the results are drained
        p.join()
    elapsed = time.perf_counter() - t0
    expected = sum(answer(i % 1000 + 1) for i in range(TASKS))
    print(f"tasks put {TASKS}, results collected {len(collected)}, "
          f"tally counted {int(tally[0])} (lost updates: {TASKS - int(tally[0])}), "
          f"sum {int(tally[1])} vs expected {expected}, {TASKS / elapsed:,.0f} tasks/s")
`;
}

export function goPipelineProgram(p: PipelineParams): string {
  const lock = p.lock;
  return `package main

import (
\t"fmt"
\t"sync"
\t"time"
)

const workers, tasksN = ${p.workers}, ${p.tasks}

var work, hold = ${p.workUs} * time.Microsecond, ${p.holdUs} * time.Microsecond

func busy(d time.Duration) {
\tfor end := time.Now().Add(d); time.Now().Before(end); {
\t}
}

func answer(n int) float64 { return float64(n * (n + 1) * (2*n + 1) / 6) }

type result struct {
\tworker, n int
\tanswer   float64
}

func main() {
\ttasks := make(chan int, tasksN)      // the task queue
\tresults := make(chan result, tasksN) // the result queue
${lock ? '\tvar mu sync.Mutex                    // the lock\n' : ''}\tvar count, sum float64               // the shared resource
\tvar pool sync.WaitGroup
\tfor w := 1; w <= workers; w++ {
\t\tpool.Add(1)
\t\tgo func(id int) {
\t\t\tdefer pool.Done()
\t\t\tfor n := range tasks { // ends when tasks is closed: Go's sentinel
\t\t\t\tbusy(work)
\t\t\t\ta := answer(n)
${lock ? '\t\t\t\tmu.Lock()\n' : '\t\t\t\t// no lock: a data race (go run -race reports it), updates get lost\n'}\t\t\t\tc, s := count, sum
\t\t\t\tbusy(hold)
\t\t\t\tcount, sum = c+1, s+a
${lock ? '\t\t\t\tmu.Unlock()\n' : ''}\t\t\t\tresults <- result{id, n, a}
\t\t\t}
\t\t}(w)
\t}
\tfor i := 0; i < tasksN; i++ {
\t\ttasks <- i%1000 + 1
\t}
\tclose(tasks) // one close stops every worker
\tcollected := 0.0
\tfor i := 0; i < tasksN; i++ {
\t\tcollected += (<-results).answer
\t}
\tpool.Wait()
\texpected := 0.0
\tfor i := 0; i < tasksN; i++ {
\t\texpected += answer(i%1000 + 1)
\t}
\tfmt.Printf("results %d, tally counted %.0f (lost %.0f), sum %.0f vs collected %.0f vs expected %.0f\\n",
\t\ttasksN, count, tasksN-count, sum, collected, expected)
}
`;
}

export function jsPipelineProgram(p: PipelineParams): string {
  return `// The worker task (registered in src/runtime/tasks/): runs in each process, may block.
function worker(ctx, tasks, results, lock, tally) {
  for (;;) {
    const n = tasks.get();
    if (n === null) break;                 // the sentinel
    busy(ctx, ${p.workUs});
    const a = (n * (n + 1) * (2 * n + 1)) / 6;
${p.lock ? '    lock.acquire();\n' : ''}    const count = tally.get(0), sum = tally.get(1);
    busy(ctx, ${p.holdUs});
    tally.set(0, count + 1);
    tally.set(1, sum + a);
${p.lock ? '    lock.release();\n' : ''}    results.put([ctx.name, n, a]);
  }
}

// main (the page: it never blocks, so it awaits the Async twins)
const tasks = new Queue(), results = new Queue();
const lock = new Lock();
const tally = new RawArray('d', 2);
const pool = Array.from({ length: ${p.workers} }, (_, i) =>
  new Process({ target: 'worker', args: [tasks, results, lock, tally], name: \`Worker-\${i + 1}\` }));
pool.forEach((p) => p.start());
for (let i = 0; i < ${p.tasks}; i++) await tasks.putAsync((i % 1000) + 1);
for (const _ of pool) await tasks.putAsync(null);
const collected = [];
for (let i = 0; i < ${p.tasks}; i++) collected.push(await results.getAsync());
await Promise.all(pool.map((p) => p.join()));
console.log('tally counted', tally.get(0), 'of', ${p.tasks});
`;
}

export function pipelineListings(p: PipelineParams): CodeListing[] {
  return [
    { label: 'Python', code: pythonPipelineProgram(p), note: 'Runnable as is: python3 pipeline.py' },
    {
      label: 'Go',
      code: goPipelineProgram(p),
      note: 'go run main.go: a channel of tasks, a WaitGroup, a Mutex',
    },
    {
      label: 'JavaScript',
      code: jsPipelineProgram(p),
      note: "This playground's runtime: the same program on Web Workers",
    },
  ];
}
