/**
 * The programs behind each deadlock scenario, with and without the fix, in Python (runnable with
 * CPython: the unfixed ones really hang, Ctrl-C ends them), Go, and JavaScript on this
 * playground's runtime. The numbers follow the scene's parameters.
 */
import type { CodeListing } from '../shared/CodePanel';
import type { DeadlockParams } from './deadlock-params';

const s = (ms: number) => String(ms / 1000);

function pythonLockOrder(p: DeadlockParams): string {
  const backoff = p.fix && p.lockFix === 'timeout';
  const ordered = p.fix && p.lockFix === 'order';
  const body = backoff
    ? `def transfer(first, second, rounds, hold):
    done = retries = 0
    while done < rounds:
        with first:
            time.sleep(hold)                      # the other worker takes its first lock now
            if second.acquire(timeout=0.1):       # the fix: give up after 100 ms...
                try:
                    time.sleep(0.01)
                    done += 1
                finally:
                    second.release()
                continue
        retries += 1                              # ...let go of the first lock...
        time.sleep(random.uniform(0.01, 0.08))   # ...and back off for a random moment
    print(current_process().name, "done after", retries, "retries")`
    : `def transfer(first, second, rounds, hold):
    for _ in range(rounds):
        with first:
            time.sleep(hold)      # the other worker takes its first lock now
            with second:          # ${ordered ? 'same order everywhere: one of them simply waits its turn' : 'each waits for the lock the other holds: forever'}
                time.sleep(0.01)
    print(current_process().name, "done")`;
  return `import random
import time
from multiprocessing import Lock, Process, current_process

${body}


if __name__ == "__main__":
    lock_a, lock_b = Lock(), Lock()
    w1 = Process(target=transfer, args=(lock_a, lock_b, ${p.rounds}, ${s(p.holdMs)}), name="worker-1")
    w2 = Process(target=transfer, args=(${ordered ? 'lock_a, lock_b' : 'lock_b, lock_a'}, ${p.rounds}, ${s(p.holdMs)}), name="worker-2")${ordered ? '  # the fix: same order' : ''}
    for w in (w1, w2):
        w.start()
    for w in (w1, w2):
        w.join()${p.fix ? '' : '                  # never returns: Ctrl-C to stop'}
    print({w.name: w.exitcode for w in (w1, w2)})
`;
}

function goLockOrder(p: DeadlockParams): string {
  const backoff = p.fix && p.lockFix === 'timeout';
  const ordered = p.fix && p.lockFix === 'order';
  const helper = backoff
    ? `
// lockWithin is acquire(timeout): Go's Mutex has TryLock, so poll it until the deadline.
func lockWithin(m *sync.Mutex, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if m.TryLock() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
`
    : '';
  const loop = backoff
    ? `	for done := 0; done < rounds; {
		first.Lock()
		time.Sleep(hold)
		if lockWithin(second, 100*time.Millisecond) {
			time.Sleep(10 * time.Millisecond)
			second.Unlock()
			done++
			first.Unlock()
			continue
		}
		first.Unlock() // give the first lock back, then back off for a random moment
		time.Sleep(time.Duration(10+rand.Intn(70)) * time.Millisecond)
	}`
    : `	for i := 0; i < rounds; i++ {
		first.Lock()
		time.Sleep(hold)
		second.Lock()${ordered ? '' : ' // both goroutines block here'}
		time.Sleep(10 * time.Millisecond)
		second.Unlock()
		first.Unlock()
	}`;
  return `package main

import (
	"fmt"${backoff ? '\n\t"math/rand"' : ''}
	"sync"
	"time"
)
${helper}
func transfer(name string, first, second *sync.Mutex, rounds int, hold time.Duration, wg *sync.WaitGroup) {
	defer wg.Done()
${loop}
	fmt.Println(name, "done")
}

func main() {
	var lockA, lockB sync.Mutex
	var wg sync.WaitGroup
	hold := ${p.holdMs} * time.Millisecond
	wg.Add(2)
	go transfer("worker-1", &lockA, &lockB, ${p.rounds}, hold, &wg)
	go transfer("worker-2", ${ordered ? '&lockA, &lockB' : '&lockB, &lockA'}, ${p.rounds}, hold, &wg)
	wg.Wait()${p.fix ? '' : ' // fatal error: all goroutines are asleep - deadlock!'}
}
`;
}

function pythonPhilosophers(p: DeadlockParams): string {
  const backoff = p.fix && p.lockFix === 'timeout';
  const ordered = p.fix && p.lockFix === 'order';
  const body = backoff
    ? `def philosopher(first, second, meals, hold):
    eaten = 0
    while eaten < meals:
        time.sleep(0.01)                          # think
        with first:
            time.sleep(hold)
            if second.acquire(timeout=0.1):       # the fix: do not wait forever
                try:
                    time.sleep(0.02)              # eat
                    eaten += 1
                finally:
                    second.release()
                continue
        time.sleep(random.uniform(0.01, 0.08))   # put the fork down, back off
    print(current_process().name, "is full")`
    : `def philosopher(first, second, meals, hold):
    for _ in range(meals):
        time.sleep(0.01)          # think
        with first:
            time.sleep(hold)      # reach for the other fork...
            with second:          # ${ordered ? 'the ring cannot close: someone reaches for a fork nobody holds' : '...which the neighbour holds: everyone waits, forever'}
                time.sleep(0.02)  # eat
    print(current_process().name, "is full")`;
  return `import random
import time
from multiprocessing import Lock, Process, current_process

${body}


if __name__ == "__main__":
    n = ${p.philosophers}
    forks = [Lock() for _ in range(n)]
    table = []
    for i in range(n):
        left, right = i, (i + 1) % n
        first, second = ${ordered ? 'sorted((left, right))  # the fix: lower-numbered fork first' : 'left, right'}
        table.append(Process(target=philosopher, args=(forks[first], forks[second], ${p.rounds}, ${s(p.holdMs)}),
                             name=f"philosopher-{i + 1}"))
    for ph in table:
        ph.start()
    for ph in table:
        ph.join()${p.fix ? '' : '  # never returns: Ctrl-C to stop'}
`;
}

function goPhilosophers(p: DeadlockParams): string {
  const backoff = p.fix && p.lockFix === 'timeout';
  const ordered = p.fix && p.lockFix === 'order';
  const eat = backoff
    ? `	for eaten := 0; eaten < meals; {
		time.Sleep(10 * time.Millisecond) // think
		first.Lock()
		time.Sleep(hold)
		if lockWithin(second, 100*time.Millisecond) {
			time.Sleep(20 * time.Millisecond) // eat
			eaten++
			second.Unlock()
			first.Unlock()
			continue
		}
		first.Unlock()
		time.Sleep(time.Duration(10+rand.Intn(70)) * time.Millisecond)
	}`
    : `	for i := 0; i < meals; i++ {
		time.Sleep(10 * time.Millisecond) // think
		first.Lock()
		time.Sleep(hold)
		second.Lock()
		time.Sleep(20 * time.Millisecond) // eat
		second.Unlock()
		first.Unlock()
	}`;
  const helper = backoff
    ? `
func lockWithin(m *sync.Mutex, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if m.TryLock() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
`
    : '';
  return `package main

import (
	"fmt"${backoff ? '\n\t"math/rand"' : ''}
	"sync"
	"time"
)
${helper}
func philosopher(name string, first, second *sync.Mutex, meals int, hold time.Duration, wg *sync.WaitGroup) {
	defer wg.Done()
${eat}
	fmt.Println(name, "is full")
}

func main() {
	const n = ${p.philosophers}
	forks := make([]sync.Mutex, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		first, second := i, (i+1)%n${ordered ? '\n\t\tif first > second { // the fix: lower-numbered fork first\n\t\t\tfirst, second = second, first\n\t\t}' : ''}
		wg.Add(1)
		go philosopher(fmt.Sprintf("philosopher-%d", i+1), &forks[first], &forks[second], ${p.rounds}, ${p.holdMs}*time.Millisecond, &wg)
	}
	wg.Wait()${p.fix ? '' : ' // fatal error: all goroutines are asleep - deadlock!'}
}
`;
}

function pythonJoinBeforeDrain(p: DeadlockParams): string {
  const parent = p.fix
    ? `    results = [q.get() for _ in range(${p.items})]   # the fix: drain first...
    p.join()                                          # ...then join`
    : `    p.join()                                          # waits for the child, which waits for room
    results = [q.get() for _ in range(${p.items})]   # never reached`;
  return `from multiprocessing import Process, Queue


def producer(q, items):
    for i in range(items):
        q.put(i)          # blocks while the queue is full


if __name__ == "__main__":
    q = Queue(maxsize=${p.queueSize})
    p = Process(target=producer, args=(q, ${p.items}), name="producer")
    p.start()
${parent}
    print(len(results), "items, exit code", p.exitcode)
`;
}

function goJoinBeforeDrain(p: DeadlockParams): string {
  const main = p.fix
    ? `	sum := 0
	for i := 0; i < ${p.items}; i++ { // the fix: drain first...
		sum += <-results
	}
	wg.Wait() // ...then wait
	fmt.Println("sum", sum)`
    : `	wg.Wait() // fatal error: all goroutines are asleep - deadlock!
	sum := 0
	for i := 0; i < ${p.items}; i++ {
		sum += <-results
	}
	fmt.Println("sum", sum)`;
  return `package main

import (
	"fmt"
	"sync"
)

func producer(results chan<- int, items int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < items; i++ {
		results <- i // blocks while the buffer is full
	}
}

func main() {
	results := make(chan int, ${p.queueSize})
	var wg sync.WaitGroup
	wg.Add(1)
	go producer(results, ${p.items}, &wg)
${main}
}
`;
}

function pythonMissingSentinel(p: DeadlockParams): string {
  const sentinels = p.fix
    ? `    for _ in consumers:
        q.put(None)                  # the fix: one sentinel per consumer`
    : `    for _ in range(len(consumers) - 1):
        q.put(None)                  # one sentinel short: the last consumer waits forever`;
  return `import time
from multiprocessing import Process, Queue


def consumer(q):
    while True:
        item = q.get()
        if item is None:             # the sentinel (poison pill): no more work
            break
        time.sleep(${s(20)})            # process the item


if __name__ == "__main__":
    q = Queue()
    consumers = [Process(target=consumer, args=(q,), name=f"consumer-{i + 1}") for i in range(${p.consumers})]
    for c in consumers:
        c.start()
    for i in range(${p.items}):
        q.put(i)
${sentinels}
    for c in consumers:
        c.join()${p.fix ? '' : '                     # one of these never returns'}
    print({c.name: c.exitcode for c in consumers})
`;
}

function goMissingSentinel(p: DeadlockParams): string {
  const end = p.fix
    ? `	close(jobs) // Go's idiom: closing the channel ends every range loop, however many consumers`
    : `	for i := 0; i < ${p.consumers} - 1; i++ {
		jobs <- -1 // one sentinel short
	}`;
  const loop = p.fix
    ? `	for item := range jobs {
		_ = item
		time.Sleep(20 * time.Millisecond)
	}`
    : `	for {
		item := <-jobs
		if item == -1 { // the sentinel
			return
		}
		time.Sleep(20 * time.Millisecond)
	}`;
  return `package main

import (
	"sync"
	"time"
)

func consumer(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
${loop}
}

func main() {
	jobs := make(chan int, ${p.items + p.consumers})
	var wg sync.WaitGroup
	for i := 0; i < ${p.consumers}; i++ {
		wg.Add(1)
		go consumer(jobs, &wg)
	}
	for i := 0; i < ${p.items}; i++ {
		jobs <- i
	}
${end}
	wg.Wait()${p.fix ? '' : ' // fatal error: all goroutines are asleep - deadlock!'}
}
`;
}

function javascript(p: DeadlockParams): string {
  switch (p.scenario) {
    case 'lock-order': {
      const ordered = p.fix && p.lockFix === 'order';
      const backoff = p.fix && p.lockFix === 'timeout' ? '{ timeoutMs: 100, minMs: 10, maxMs: 80 }' : 'null';
      return `// On this playground's runtime (src/scenes/deadlock/run-deadlock.ts does this, plus the watching).
import { Event, Lock, Process } from '../../runtime';

const lockA = new Lock({ name: 'lock_a' });
const lockB = new Lock({ name: 'lock_b' });
const go = new Event({ name: 'go' });                 // both start their first round together
const plan = { rounds: ${p.rounds}, holdMs: ${p.holdMs}, workMs: 10, backoff: ${backoff} };
const w1 = new Process({ target: 'takeTwoLocks', args: [lockA, lockB, plan, go], name: 'worker-1' });
const w2 = new Process({ target: 'takeTwoLocks', args: [${ordered ? 'lockA, lockB' : 'lockB, lockA'}, plan, go], name: 'worker-2' });
w1.start();
w2.start();
go.set();
await w1.join();${p.fix ? '' : '   // never resolves: worker-1 → lock_b → worker-2 → lock_a → worker-1'}
await w2.join();

// The task, in src/runtime/tasks/deadlock-tasks.ts (runs inside each worker):
function takeTwoLocks(ctx, first, second, plan, go) {
  go.wait();
  for (let done = 0; done < plan.rounds; ) {
    first.acquire();
    ctx.sleep(plan.holdMs);
    const got = plan.backoff ? second.acquire(true, plan.backoff.timeoutMs) : second.acquire();
    if (got) { ctx.sleep(plan.workMs); done++; second.release(); }
    first.release();
    if (!got) ctx.sleep(plan.backoff.minMs + Math.random() * (plan.backoff.maxMs - plan.backoff.minMs));
  }
}
`;
    }
    case 'philosophers': {
      const ordered = p.fix && p.lockFix === 'order';
      return `import { Event, Lock, Process } from '../../runtime';

const n = ${p.philosophers};
const forks = Array.from({ length: n }, (_, i) => new Lock({ name: \`fork_\${i + 1}\` }));
const go = new Event({ name: 'go' });
const plan = { rounds: ${p.rounds}, holdMs: ${p.holdMs}, workMs: 20, thinkMs: 10, backoff: ${p.fix && p.lockFix === 'timeout' ? '{ timeoutMs: 100, minMs: 10, maxMs: 80 }' : 'null'} };
const table = forks.map((_, i) => {
  const [first, second] = ${ordered ? '[Math.min(i, (i + 1) % n), Math.max(i, (i + 1) % n)]' : '[i, (i + 1) % n]'};
  return new Process({ target: 'dinePhilosopher', args: [forks[first], forks[second], plan, go], name: \`philosopher-\${i + 1}\` });
});
for (const ph of table) ph.start();
go.set();
for (const ph of table) await ph.join();${p.fix ? '' : '   // never resolves: a cycle through the whole table'}
`;
    }
    case 'join-before-drain':
      return `import { Process, Queue } from '../../runtime';

const queue = new Queue(${p.queueSize}, { name: 'results' });
const child = new Process({ target: 'fillQueue', args: [queue, ${p.items}], name: 'producer' });
child.start();
const results = [];
${
  p.fix
    ? `for (let i = 0; i < ${p.items}; i++) results.push(await queue.getAsync());   // drain first...
await child.join();                                                    // ...then join`
    : `await child.join();   // never resolves: the child is blocked in put() on the full queue
for (let i = 0; i < ${p.items}; i++) results.push(await queue.getAsync());`
}

// The task (src/runtime/tasks/deadlock-tasks.ts):
function fillQueue(ctx, queue, items) {
  for (let i = 0; i < items; i++) queue.put(i);   // blocks while the queue is full
}
`;
    case 'missing-sentinel':
      return `import { Process, Queue } from '../../runtime';

const queue = new Queue(0, { name: 'tasks' });
const consumers = Array.from({ length: ${p.consumers} }, (_, i) =>
  new Process({ target: 'consumeUntilSentinel', args: [queue, 20], name: \`consumer-\${i + 1}\` }));
for (const c of consumers) c.start();
for (let i = 0; i < ${p.items}; i++) await queue.putAsync(i);
for (let s = 0; s < ${p.fix ? 'consumers.length' : 'consumers.length - 1'}; s++) await queue.putAsync(null);${p.fix ? '   // one per consumer' : '   // one short'}
for (const c of consumers) await c.join();${p.fix ? '' : '   // one join never resolves'}

// The task (src/runtime/tasks/deadlock-tasks.ts):
function consumeUntilSentinel(ctx, queue, workMs) {
  for (;;) {
    const item = queue.get();
    if (item === null) break;   // the sentinel
    ctx.sleep(workMs);
  }
}
`;
  }
}

export function deadlockListings(p: DeadlockParams): CodeListing[] {
  const hangs = p.fix ? 'completes' : 'hangs on purpose (Ctrl-C ends it)';
  const python = {
    'lock-order': pythonLockOrder,
    philosophers: pythonPhilosophers,
    'join-before-drain': pythonJoinBeforeDrain,
    'missing-sentinel': pythonMissingSentinel,
  }[p.scenario](p);
  const go = {
    'lock-order': goLockOrder,
    philosophers: goPhilosophers,
    'join-before-drain': goJoinBeforeDrain,
    'missing-sentinel': goMissingSentinel,
  }[p.scenario](p);
  return [
    { label: 'Python', code: python, note: `Runnable with python3; this version ${hangs}.` },
    {
      label: 'Go',
      code: go,
      note: p.fix
        ? 'go run main.go: completes.'
        : 'go run main.go: Go’s runtime notices that every goroutine is blocked and stops the program with "all goroutines are asleep - deadlock!". Python has no such check: it hangs.',
    },
    { label: 'JavaScript', code: javascript(p), note: 'The same program on this playground’s runtime: what the scene runs.' },
  ];
}
