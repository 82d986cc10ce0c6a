/**
 * The programs behind each lesson of the lifecycle scene: Python (runnable with CPython), Go,
 * and JavaScript on this playground's runtime. Numbers follow the scene's parameters.
 */
import type { CodeListing } from '../shared/CodePanel';
import type { LifecycleParams, SinglePart } from './lifecycle-params';

const sec = (ms: number) => String(Math.round(ms) / 1000);
const stepMs = (p: LifecycleParams) => Math.max(10, Math.round(p.workMs / 4));

const PY_WORK = (p: LifecycleParams) => `import sys
import time
from multiprocessing import Process


def parse_record(text):
    return int(text)                  # ValueError on bad input


def process_records(records):
    return sum(parse_record(r) for r in records)


def work(steps, step_s, ending="return", code=0):
    done = 0
    while ending == "forever" or done < steps:
        time.sleep(step_s)
        done += 1
    if ending == "raise":
        process_records(["17", "4", "not-a-number"])
    if ending == "exit":
        sys.exit(code)
    return done

STEP = ${sec(stepMs(p))}
`;

function pythonExitCodes(p: LifecycleParams): string {
  return `${PY_WORK(p)}

if __name__ == "__main__":
    returns = Process(target=work, args=(4, STEP), name="returns")
    raises = Process(target=work, args=(2, STEP, "raise"), name="raises")
    exits = Process(target=work, args=(3, STEP, "exit", 3), name="sys-exit-3")
    terminated = Process(target=work, args=(0, STEP, "forever"), name="terminated")
    killed = Process(target=work, args=(0, STEP, "forever"), name="killed")
    procs = [returns, raises, exits, terminated, killed]
    for p in procs:
        p.start()
        print(p.name, "pid", p.pid, "is_alive", p.is_alive())

    terminated.join(timeout=${sec(p.joinTimeoutMs)})          # returns; the process still runs
    print("after join(timeout):", terminated.is_alive(), terminated.exitcode)   # True None

    for p in (returns, raises, exits):
        p.join()        # 'raises' printed its traceback on stderr before exiting with 1
    terminated.terminate()            # SIGTERM
    killed.kill()                     # SIGKILL
    terminated.join()
    killed.join()
    print({p.name: p.exitcode for p in procs})
    # {'returns': 0, 'raises': 1, 'sys-exit-3': 3, 'terminated': -15, 'killed': -9}
`;
}

function pythonZombies(p: LifecycleParams): string {
  return `${PY_WORK(p)}

def show_children(title):
    import os, subprocess
    print(title)
    subprocess.run(["ps", "-o", "pid,stat,comm", "--ppid", str(os.getpid())])   # STAT Z = zombie


if __name__ == "__main__":
    children = [Process(target=work, args=(i, STEP), name=f"zombie-{i}") for i in (1, 2, 3)]
    for c in children:
        c.start()
    time.sleep(${sec(Math.max(400, p.workMs) + 3 * stepMs(p))})                  # busy elsewhere: nobody joins
    show_children("before join:")     # <defunct> (Z): exited, exit code kept, not reaped
    for c in children:
        c.join()                      # reaps it
        print(c.name, "exitcode", c.exitcode)
    show_children("after join:")      # gone (ps itself remains)
`;
}

function pythonSupervision(p: LifecycleParams): string {
  return `import random
import sys
import time
from multiprocessing import Process


def job(seed, fail_percent):
    rng = random.Random(seed)
    time.sleep(${sec(p.workMs)} * (0.5 + rng.random()))
    sys.exit(1 if rng.random() * 100 < fail_percent else 0)


if __name__ == "__main__":
    seed = ${p.seed || 'random.randrange(1, 1_000_000)'}
    workers = [Process(target=job, args=(seed + i, ${p.failPercent}), name=f"worker-{i + 1}") for i in range(${p.workers})]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for w in workers:
        print(f"{w.name}: exit code {w.exitcode}")
    failed = [w.name for w in workers if w.exitcode != 0]
    if failed:
        print(f"WARNING: {len(failed)} of {len(workers)} workers failed: {', '.join(failed)}")
    else:
        print(f"all {len(workers)} workers succeeded")
`;
}

function pythonDaemon(p: LifecycleParams): string {
  return `import time
from multiprocessing import Process


def heartbeat(step_s):
    while True:
        print("beat", flush=True)
        time.sleep(step_s)


def writer(steps, step_s):
    for _ in range(steps):
        time.sleep(step_s)
    print("writer done", flush=True)


if __name__ == "__main__":
    Process(target=heartbeat, args=(${sec(stepMs(p))},), name="heartbeat", daemon=True).start()
    Process(target=writer, args=(8, ${sec(stepMs(p))}), name="writer").start()   # daemon=False
    time.sleep(${sec(Math.min(400, p.workMs))})
    print("main() returns")
    # The exit handler terminates 'heartbeat' (a daemon: exit code -15), then joins 'writer':
    # "writer done" still prints, and only then does the interpreter exit.
`;
}

function pythonGoContext(p: LifecycleParams): string {
  return `import queue
import time
from multiprocessing import Event, Process, Queue, current_process


def worker(stop, jobs, results):
    while not stop.is_set():                 # select { case <-ctx.Done(): return
        try:
            job = jobs.get(timeout=0.1)      #        case job := <-jobs: … }
        except queue.Empty:
            continue
        if job is None:                      # poison pill
            return "poison-pill"
        kind, n = job
        if kind == "stuck":
            time.sleep(3600)                 # a call with no timeout: only terminate() ends it
        if kind == "long":
            while not stop.is_set():         # long work that checks for cancellation
                stop.wait(0.1)
            break
        time.sleep(${sec(Math.max(20, Math.round(p.workMs / 8)))})
        results.put((current_process().name, n, n * n))
    return "stop-event"


if __name__ == "__main__":
    stop, jobs, results = Event(), Queue(), Queue()
    workers = [Process(target=worker, args=(stop, jobs, results), name=f"gopher-{i}") for i in (1, 2, 3)]
    for w in workers:
        w.start()
    for n in range(1, 7):
        jobs.put(("quick", n))
    jobs.put(("long", 7))
    jobs.put(("stuck", 8))
    for _ in workers:
        jobs.put(None)                       # one poison pill per worker

    got = []
    try:
        while len(got) < 6:
            got.append(results.get(timeout=10))
    except queue.Empty:
        pass
    print("results:", sorted(v for _, _, v in got))

    for w in workers:
        w.join(timeout=${sec(p.joinTimeoutMs)})
    stop.set()                               # cancel()
    for w in workers:
        w.join(timeout=${sec(p.joinTimeoutMs)})
        if w.is_alive():
            w.terminate()                    # the fallback
            w.join()
    print({w.name: w.exitcode for w in workers})   # two 0s and one -15
`;
}

function goListing(part: SinglePart, p: LifecycleParams): string {
  switch (part) {
    case 'exit-codes':
      return `package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// A goroutine has no exit code and cannot be killed: it returns an error (or panics), and it
// stops only if it watches a context. The parent collects outcomes over a channel.
type outcome struct {
	name string
	err  error
}

func work(ctx context.Context, steps int, ending string) (err error) {
	defer func() { // a panic would crash the whole program: turn it into an error
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	for i := 0; ending == "forever" || i < steps; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err() // the closest thing to terminate()
		case <-time.After(${stepMs(p)} * time.Millisecond):
		}
	}
	switch ending {
	case "raise":
		_, err := strconv.Atoi("not-a-number")
		return err
	case "exit":
		return errors.New("exit status 3")
	}
	return nil
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan outcome)
	var wg sync.WaitGroup
	for _, w := range []struct {
		name   string
		steps  int
		ending string
	}{{"returns", 4, "return"}, {"raises", 2, "raise"}, {"sys-exit-3", 3, "exit"}, {"terminated", 0, "forever"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- outcome{w.name, work(ctx, w.steps, w.ending)}
		}()
	}
	go func() { time.Sleep(${p.joinTimeoutMs} * time.Millisecond); cancel() }()
	go func() { wg.Wait(); close(out) }()
	for o := range out {
		fmt.Printf("%s: %v\\n", o.name, o.err)
	}
}
`;
    case 'zombies':
      return `package main

import (
	"fmt"
	"os/exec"
	"time"
)

// Goroutines never become zombies, but child processes do: a child that exited stays a zombie
// until the parent calls Wait() (Python's join()).
func main() {
	var cmds []*exec.Cmd
	for i := 1; i <= 3; i++ {
		cmd := exec.Command("sleep", fmt.Sprint(float64(i)*${sec(stepMs(p))}))
		if err := cmd.Start(); err != nil {
			panic(err)
		}
		cmds = append(cmds, cmd)
	}
	time.Sleep(${Math.max(400, p.workMs) + 3 * stepMs(p)} * time.Millisecond) // busy: nobody waits
	out, _ := exec.Command("ps", "-o", "pid,stat,comm").Output()
	fmt.Print(string(out)) // the three sleeps: STAT Z <defunct>
	for _, cmd := range cmds {
		cmd.Wait() // reaps it
		fmt.Println(cmd.Process.Pid, "exit code", cmd.ProcessState.ExitCode())
	}
}
`;
    case 'supervision':
      return `package main

import (
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"time"
)

func job(seed int64, failPercent int) int {
	rng := rand.New(rand.NewSource(seed))
	time.Sleep(time.Duration(float64(${p.workMs})*(0.5+rng.Float64())) * time.Millisecond)
	if rng.Intn(100) < failPercent {
		return 1
	}
	return 0
}

func main() {
	const n = ${p.workers}
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = job(int64(i)+${p.seed || 'time.Now().UnixNano()'}, ${p.failPercent})
		}()
	}
	wg.Wait()
	var failed []string
	for i, code := range codes {
		fmt.Printf("worker-%d: exit code %d\\n", i+1, code)
		if code != 0 {
			failed = append(failed, fmt.Sprintf("worker-%d", i+1))
		}
	}
	if len(failed) > 0 {
		fmt.Printf("WARNING: %d of %d workers failed: %s\\n", len(failed), n, strings.Join(failed, ", "))
	}
}
`;
    case 'daemon':
      return `package main

import (
	"fmt"
	"sync"
	"time"
)

// In Go every goroutine is a "daemon": when main returns they all stop. To keep the program
// alive for a worker (Python's non-daemon process), main must wait for it explicitly.
func main() {
	go func() { // daemon=True
		for {
			fmt.Println("beat")
			time.Sleep(${stepMs(p)} * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // daemon=False: main waits for it below
		defer wg.Done()
		time.Sleep(8 * ${stepMs(p)} * time.Millisecond)
		fmt.Println("writer done")
	}()
	time.Sleep(${Math.min(400, p.workMs)} * time.Millisecond)
	fmt.Println("main() returns")
	wg.Wait() // what Python's exit handler does for non-daemon children
}
`;
    case 'go-context':
      return `package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

type job struct {
	kind string
	n    int
}

func worker(ctx context.Context, jobs <-chan job, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done(): // the stop Event
			return
		case j, ok := <-jobs:
			if !ok { // Go's poison pill: the channel was closed
				return
			}
			switch j.kind {
			case "stuck":
				select {} // blocks forever: Go cannot terminate a goroutine
			case "long":
				<-ctx.Done()
				return
			}
			time.Sleep(${Math.max(20, Math.round(p.workMs / 8))} * time.Millisecond)
			results <- j.n * j.n
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	jobs, results := make(chan job, 8), make(chan int, 8)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(ctx, jobs, results, &wg)
	}
	for n := 1; n <= 6; n++ {
		jobs <- job{"quick", n}
	}
	jobs <- job{"long", 7}
	jobs <- job{"stuck", 8}
	close(jobs)
	for i := 0; i < 6; i++ {
		fmt.Println(<-results)
	}
	cancel()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select { // join(timeout)
	case <-done:
	case <-time.After(${p.joinTimeoutMs} * time.Millisecond):
		fmt.Println("a worker is stuck; a goroutine cannot be terminated, so the program exits without it")
	}
}
`;
  }
}

function jsListing(part: SinglePart, p: LifecycleParams): string {
  const step = stepMs(p);
  switch (part) {
    case 'exit-codes':
      return `import { Process } from '../../runtime';

const returns = new Process({ target: 'lifecycleWork', args: [4, ${step}, 'return'], name: 'returns' });
const raises = new Process({ target: 'lifecycleWork', args: [2, ${step}, 'raise'], name: 'raises' });
const exits = new Process({ target: 'lifecycleWork', args: [3, ${step}, 'exit', 3], name: 'sys-exit-3' });
const terminated = new Process({ target: 'lifecycleWork', args: [0, ${step}, 'forever'], name: 'terminated' });
const killed = new Process({ target: 'lifecycleWork', args: [0, ${step}, 'forever'], name: 'killed' });
const all = [returns, raises, exits, terminated, killed];
for (const p of all) p.start();
await terminated.join(${p.joinTimeoutMs});       // returns; terminated.exitCode is still null
for (const p of [returns, raises, exits]) await p.join();
console.log(raises.error.stack);                  // the child's traceback, in the parent
terminated.terminate();
killed.kill();
await terminated.join();
await killed.join();
console.log(Object.fromEntries(all.map((p) => [p.name, p.exitCode])));   // 0, 1, 3, -15, -9
`;
    case 'zombies':
      return `import { Process } from '../../runtime';

const children = [1, 2, 3].map((i) => new Process({ target: 'lifecycleWork', args: [i, ${step}, 'return'], name: \`zombie-\${i}\` }));
for (const c of children) c.start();
await new Promise((r) => setTimeout(r, ${Math.max(400, p.workMs) + 3 * step}));      // busy: nobody joins
console.log(children.map((c) => [c.name, c.state, c.zombie]));   // 'exited', true
for (const c of children) await c.join();                          // reaped: 'joined'
`;
    case 'supervision':
      return `import { Process } from '../../runtime';

const seed = ${p.seed || 'Math.floor(Math.random() * 999_999) + 1'};
const workers = Array.from({ length: ${p.workers} }, (_, i) =>
  new Process({ target: 'supervisedJob', args: [${p.workMs}, ${p.failPercent}, seed + i], name: \`worker-\${i + 1}\` }));
for (const w of workers) w.start();
for (const w of workers) await w.join();
for (const w of workers) console.log(\`\${w.name}: exit code \${w.exitCode}\`);
const failed = workers.filter((w) => w.exitCode !== 0).map((w) => w.name);
if (failed.length) console.warn(\`WARNING: \${failed.length} of \${workers.length} workers failed: \${failed.join(', ')}\`);
`;
    case 'daemon':
      return `import { Process } from '../../runtime';

const heartbeat = new Process({ target: 'lifecycleWork', args: [0, ${step}, 'forever'], name: 'heartbeat', daemon: true });
const writer = new Process({ target: 'lifecycleWork', args: [8, ${step}, 'return'], name: 'writer' });
heartbeat.start();
writer.start();
await new Promise((r) => setTimeout(r, ${Math.min(400, p.workMs)}));
// The parent's exit handler, as Python runs it:
for (const p of [heartbeat, writer]) if (p.daemon && p.isAlive()) p.terminate();
for (const p of [heartbeat, writer]) await p.join();     // waits for the writer
console.log(heartbeat.exitCode, writer.exitCode);         // -15 0
`;
    case 'go-context':
      return `import { Event, Process, Queue } from '../../runtime';

const stop = new Event({ name: 'stop' });
const jobs = new Queue(0, { name: 'jobs' });
const results = new Queue(0, { name: 'results' });
const gophers = [1, 2, 3].map((i) =>
  new Process({ target: 'goStyleWorker', args: [stop, jobs, results, ${Math.max(20, Math.round(p.workMs / 8))}], name: \`gopher-\${i}\` }));
for (const g of gophers) g.start();
for (let n = 1; n <= 6; n++) await jobs.putAsync({ id: n, n, kind: 'normal' });
await jobs.putAsync({ id: 7, n: 7, kind: 'long' });
await jobs.putAsync({ id: 8, n: 8, kind: 'stuck' });
for (const _ of gophers) await jobs.putAsync(null);            // poison pills
const got = [];
while (got.length < 6) got.push(await results.getAsync());
for (const g of gophers) await g.join(${p.joinTimeoutMs});
stop.set();                                                      // cancel()
for (const g of gophers) {
  await g.join(${p.joinTimeoutMs});
  if (g.state === 'running') { g.terminate(); await g.join(); }  // the fallback: -15
}
`;
  }
}

const PYTHON: Record<SinglePart, (p: LifecycleParams) => string> = {
  'exit-codes': pythonExitCodes,
  zombies: pythonZombies,
  supervision: pythonSupervision,
  daemon: pythonDaemon,
  'go-context': pythonGoContext,
};

const PYTHON_NOTES: Partial<Record<SinglePart, string>> = {
  'exit-codes':
    'Runnable with python3. CPython’s child prints its own traceback on the shared stderr and the parent gets only exitcode 1; this playground’s runtime also hands the error and its stack to the parent (Process.error).',
  zombies: 'Runnable with python3 on Linux or macOS (it calls ps).',
};

export function lifecycleListings(part: SinglePart, p: LifecycleParams): CodeListing[] {
  return [
    { label: 'Python', code: PYTHON[part](p), note: PYTHON_NOTES[part] ?? 'Runnable with python3.' },
    { label: 'Go', code: goListing(part, p), note: 'The closest Go: goroutines, channels, sync.WaitGroup, context.' },
    { label: 'JavaScript', code: jsListing(part, p), note: 'The same steps on this playground’s runtime (what the guided run does).' },
  ];
}
