/** The three ways and the pickling demo in Python (runnable with python3), Go, and this runtime. */
import type { CodeListing } from '../shared/CodePanel';
import type { ManagerParams } from './manager-params';

const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, '_');

export function pythonManagerProgram(p: ManagerParams): string {
  return `import multiprocessing as mp
import pickle
import time

PROCESSES, OPS = ${p.processes}, ${n(p.opsPerProcess)}
PAYLOAD_SIZES = [${p.payloadSizes.map(n).join(', ')}]


def via_manager(d, lock, start, n):
    start.wait()
    for _ in range(n):
        with lock:
            d["count"] = d["count"] + 1   # two round trips to the manager process


def via_value(counter, start, n):
    start.wait()
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1            # shared memory: no message at all


def via_messages(q, start, n):
    start.wait()
    for _ in range(n):
        q.put(1)                          # one message per increment


def aggregator(q, total, expected):
    s = 0
    for _ in range(expected):
        s += q.get()                      # the only process that touches the total
    total.value = s


def timed(name, target, args, helpers=()):
    start = mp.Barrier(PROCESSES + 1)     # everyone starts together; main takes the time
    procs = [mp.Process(target=target, args=(*args, start, OPS)) for _ in range(PROCESSES)]
    for p in (*helpers, *procs):
        p.start()
    start.wait()
    t0 = time.perf_counter()
    for p in (*procs, *helpers):
        p.join()
    us = (time.perf_counter() - t0) * 1e6 / (PROCESSES * OPS)
    print(f"{name:<18} {us:10.2f} µs per increment")
    return us


if __name__ == "__main__":
    expected = PROCESSES * OPS
    with mp.Manager() as manager:
        d = manager.dict(count=0)
        manager_us = timed("Manager().dict()", via_manager, (d, mp.Lock()))
        assert d["count"] == expected
    counter = mp.Value("i", 0)
    value_us = timed("shared Value", via_value, (counter,))
    assert counter.value == expected
    q, total = mp.Queue(), mp.Value("q", 0)
    timed("message passing", via_messages, (q,), helpers=(mp.Process(target=aggregator, args=(q, total, expected)),))
    assert total.value == expected
    print(f"the Manager costs {manager_us / value_us:,.0f}× a shared Value per increment")

    for size in PAYLOAD_SIZES:            # what pickling a payload costs
        for kind, payload in (("bytes", bytes(size)), ("list", list(range(size // 5)))):
            t0, reps = time.perf_counter(), 0
            while time.perf_counter() - t0 < 0.01:
                pickle.loads(pickle.dumps(payload))
                reps += 1
            print(f"{kind:>5} {size:>9} B: {(time.perf_counter() - t0) * 1e6 / reps:9.1f} µs to pickle + unpickle")

    for thing in (lambda x: x * 2, mp.Lock()):
        try:
            pickle.dumps(thing)
        except Exception as e:            # what cannot cross to another process
            print(f"{type(e).__name__}: {e}")
`;
}

export function goManagerProgram(p: ManagerParams): string {
  return `package main

import (
\t"fmt"
\t"sync"
\t"time"
)

const processes, ops = ${p.processes}, ${p.opsPerProcess}

// The Manager way: one server goroutine owns the map; every access is a request and a reply.
type request struct {
\tget   bool
\tvalue int
\treply chan int
}

func server(requests chan request) {
\tcount := 0
\tfor r := range requests {
\t\tif !r.get {
\t\t\tcount = r.value
\t\t}
\t\tr.reply <- count
\t}
}

func timed(name string, work func()) float64 {
\tvar wg sync.WaitGroup
\tstart := time.Now()
\tfor p := 0; p < processes; p++ {
\t\twg.Add(1)
\t\tgo func() { defer wg.Done(); work() }()
\t}
\twg.Wait()
\tus := float64(time.Since(start).Microseconds()) / (processes * ops)
\tfmt.Printf("%-18s %10.3f µs per increment\\n", name, us)
\treturn us
}

func main() {
\trequests := make(chan request)
\tgo server(requests)
\tvar lock sync.Mutex
\tmanagerUs := timed("manager (server)", func() {
\t\treply := make(chan int)
\t\tfor i := 0; i < ops; i++ {
\t\t\tlock.Lock()
\t\t\trequests <- request{get: true, reply: reply}
\t\t\tv := <-reply
\t\t\trequests <- request{value: v + 1, reply: reply}
\t\t\t<-reply
\t\t\tlock.Unlock()
\t\t}
\t})

\tvar mu sync.Mutex
\tcounter := 0
\tvalueUs := timed("shared value", func() {
\t\tfor i := 0; i < ops; i++ {
\t\t\tmu.Lock()
\t\t\tcounter++
\t\t\tmu.Unlock()
\t\t}
\t})

\tincrements := make(chan int, 1024)
\ttotal := make(chan int)
\tgo func() {
\t\ts := 0
\t\tfor i := 0; i < processes*ops; i++ {
\t\t\ts += <-increments
\t\t}
\t\ttotal <- s
\t}()
\ttimed("message passing", func() {
\t\tfor i := 0; i < ops; i++ {
\t\t\tincrements <- 1
\t\t}
\t})
\tfmt.Println("counts:", counter, <-total, "manager costs", managerUs/valueUs, "× a shared value")
}
`;
}

export function jsManagerProgram(p: ManagerParams): string {
  return `// Tasks (registered in src/runtime/tasks/): each runs in a worker process and may block.
function viaManager(ctx, d, lock, start, n) {   // d arrives as a SyncDictProxy
  start.wait();
  for (let i = 0; i < n; i++) {
    lock.acquire();
    d.set('count', d.get('count', 0) + 1);      // two round trips to the manager process
    lock.release();
  }
}
function viaValue(ctx, counter, start, n) {
  const lock = counter.getLock(), raw = counter.getObj();
  start.wait();
  for (let i = 0; i < n; i++) { lock.acquire(); raw.value = raw.value + 1; lock.release(); }
}

// main (the page): Manager calls from the page are async.
const manager = await Manager.start();
const d = await manager.dict({ count: 0 });
const start = new Barrier(${p.processes});
const lock = new Lock();
const procs = Array.from({ length: ${p.processes} }, () =>
  new Process({ target: 'viaManager', args: [d, lock, start, ${p.opsPerProcess}] }));
procs.forEach((p) => p.start());
await Promise.all(procs.map((p) => p.join()));
console.log('count', await d.get('count'));      // ${p.processes * p.opsPerProcess}
await manager.shutdown();

try {
  await new Queue().putAsync((x) => x * 2);      // a function cannot be pickled
} catch (e) {
  console.log(e.name, e.message);                // PicklingError …
}
`;
}

export function managerListings(p: ManagerParams): CodeListing[] {
  return [
    { label: 'Python', code: pythonManagerProgram(p), note: 'Runnable as is: python3 three_ways.py' },
    {
      label: 'Go',
      code: goManagerProgram(p),
      note: 'go run main.go: a server goroutine, a Mutex, a channel',
    },
    {
      label: 'JavaScript',
      code: jsManagerProgram(p),
      note: "This playground's runtime: Manager, Value and Queue on Web Workers",
    },
  ];
}
