/**
 * The GIL experiment as programs a reader can run: Python (`threading` vs `multiprocessing`,
 * runnable with python3) and Go (GOMAXPROCS(1) vs GOMAXPROCS(n), runnable with `go run`),
 * generated from the scene's current settings.
 */
import { GIL_WORKLOAD_INFO, type GilParams } from './gil-params';

/** CPython runs a simple loop ~50× slower than the JIT runs the kernel: same task length, fewer steps. */
export const PYTHON_OPS_DIVISOR = 50;

function pyInt(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, '_');
}

export function pythonProgram(p: Pick<GilParams, 'workload' | 'workers' | 'switchIntervalMs' | 'tasks' | 'cpuWork' | 'ioMs'>): string {
  const info = GIL_WORKLOAD_INFO[p.workload];
  const cpuOps = info.usesCpuWork ? Math.round((p.cpuWork * 1_000_000) / PYTHON_OPS_DIVISOR) : 2_000;
  return `"""GIL: the same tasks done by one thread, by ${p.workers} threads and by ${p.workers} processes.

Workload: ${info.label} (${info.task}).
Run: python3 gil.py   (python3.13t -X gil=0 runs the threads without a GIL)
"""
import sys
import threading
import time
from multiprocessing import Process

N = ${p.workers}                      # threads, and processes
TASKS = ${p.tasks}
CPU_STEPS = ${pyInt(cpuOps)}           # per task, holding the GIL
IO_SECONDS = ${info.usesIoMs ? (p.ioMs / 1000).toString() : '0'}             # per task, GIL released


def task():
    h = 0
    for i in range(CPU_STEPS):        # Python bytecode: needs the GIL for every step
        h = (h * 31 + i) & 0xFFFFFFFF
    if IO_SECONDS:
        time.sleep(IO_SECONDS)        # a blocking call releases the GIL while it waits
    return h


def worker(count):
    for _ in range(count):
        task()


def timed(kind, n):
    """Wall time for n workers of \`kind\` sharing TASKS tasks (start-up included)."""
    shares = [TASKS // n + (1 if i < TASKS % n else 0) for i in range(n)]
    workers = [kind(target=worker, args=(share,)) for share in shares]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t0


if __name__ == "__main__":           # spawn/forkserver children import this file: keep the work here
    sys.setswitchinterval(${(p.switchIntervalMs / 1000).toString()})    # seconds; CPython's default is 0.005
    serial = timed(threading.Thread, 1)
    threads = timed(threading.Thread, N)
    processes = timed(Process, N)
    print(f"one thread    {serial * 1000:8.1f} ms")
    print(f"{N} threads     {threads * 1000:8.1f} ms   speedup {serial / threads:.2f}x")
    print(f"{N} processes   {processes * 1000:8.1f} ms   speedup {serial / processes:.2f}x")
`;
}

export function goProgram(p: Pick<GilParams, 'workload' | 'workers' | 'tasks' | 'cpuWork' | 'ioMs'>): string {
  const info = GIL_WORKLOAD_INFO[p.workload];
  const cpuOps = info.usesCpuWork ? p.cpuWork * 1_000_000 : 100_000;
  return `// Go has no GIL: goroutines run in parallel on GOMAXPROCS threads. GOMAXPROCS(1) is the
// closest thing to Python threads under a GIL (one runs at a time; the scheduler preempts a
// goroutine after ~10 ms, like the switch interval); GOMAXPROCS(NumCPU) is like processes.
// Workload: ${info.label}. Run: go run gil.go
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

const (
	n      = ${p.workers}
	tasks  = ${p.tasks}
	cpuOps = ${cpuOps}
	ioWait = ${info.usesIoMs ? p.ioMs : 0} * time.Millisecond
)

var sink atomic.Uint32

func task() {
	var h uint32
	for i := uint32(0); i < cpuOps; i++ {
		h = (h^i)*0x5bd1e995 + 0x6b43a9b5
	}
	sink.Add(h)
	if ioWait > 0 {
		time.Sleep(ioWait) // a sleeping goroutine frees its thread for another
	}
}

// timed runs the tasks on \`workers\` goroutines reading one jobs channel, with \`procs\` threads.
func timed(workers, procs int) time.Duration {
	runtime.GOMAXPROCS(procs)
	jobs := make(chan int, tasks)
	for i := 0; i < tasks; i++ {
		jobs <- i
	}
	close(jobs)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				task()
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

func main() {
	serial := timed(1, 1)
	oneThread := timed(n, 1)                // like threads under a GIL
	parallel := timed(n, runtime.NumCPU()) // like processes
	fmt.Printf("one goroutine                %v\\n", serial)
	fmt.Printf("%d goroutines, GOMAXPROCS=1   %v  speedup %.2fx\\n", n, oneThread, serial.Seconds()/oneThread.Seconds())
	fmt.Printf("%d goroutines, GOMAXPROCS=%d   %v  speedup %.2fx\\n", n, runtime.NumCPU(), parallel, serial.Seconds()/parallel.Seconds())
}
`;
}
