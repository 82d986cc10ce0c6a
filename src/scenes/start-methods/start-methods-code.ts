/**
 * The start-methods experiment as programs a reader can run: Python (every start method the
 * platform has, a warm Pool, and a top-level print that shows who re-imports the module) and Go
 * (a new OS process vs a goroutine vs a task handed to a running worker goroutine).
 */
import type { StartMethodsParams } from './start-methods-params';

export function pythonProgram(p: StartMethodsParams): string {
  return `"""Start methods: what starting a process costs, and what runs again in the child.

Run: python3 start_methods.py
Count the "top level ran" lines: one for this script, none for fork children (a fork copies
the parent, already imported), one per spawn and forkserver child (they import this file
again, as __mp_main__), and one per Pool worker.
"""
import multiprocessing as mp
import os
import time

# Top level, outside the main guard: runs in every process that imports this file.
print(f"top level ran in pid {os.getpid()} ({mp.current_process().name})", flush=True)

COLD_STARTS = ${p.coldStarts}
POOL_SIZE = ${p.poolSize}
WARM_DISPATCHES = ${p.warmDispatches}


def smallest_task():
    return None


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def start_join_ms(method):
    """New Process with a trivial target, start + join, COLD_STARTS times: the median."""
    ctx = mp.get_context(method)
    times = []
    for _ in range(COLD_STARTS):
        t0 = time.perf_counter()
        p = ctx.Process(target=smallest_task)
        p.start()
        p.join()
        times.append((time.perf_counter() - t0) * 1000)
    return median(times)


def warm_dispatch_ms():
    """Tasks handed to a pool started ahead of time: pool.apply round trips, the median."""
    with mp.get_context("spawn").Pool(POOL_SIZE) as pool:
        pool.map(time.sleep, [0.05] * POOL_SIZE, chunksize=1)  # warm up: every worker gets one
        times = []
        for _ in range(WARM_DISPATCHES):
            t0 = time.perf_counter()
            pool.apply(smallest_task)
            times.append((time.perf_counter() - t0) * 1000)
    return median(times)


if __name__ == "__main__":
    # Without this guard, a spawn child importing the file would start processes itself;
    # multiprocessing stops that with "An attempt has been made to start a new process
    # before the current process has finished its bootstrapping phase."
    for method in mp.get_all_start_methods():  # Linux: fork, spawn, forkserver. Windows, macOS: spawn first
        print(f"{method:>10}: start + join {start_join_ms(method):7.2f} ms (median of {COLD_STARTS})", flush=True)
    print(f"warm pool : dispatch     {warm_dispatch_ms():7.3f} ms (median of {WARM_DISPATCHES})")
`;
}

export function goProgram(p: StartMethodsParams): string {
  return `// Go cannot fork a running Go program either (its runtime is multithreaded, and fork
// copies only the calling thread): a new process is fork+exec of a fresh binary, like spawn.
// Package-level initialisation runs again in every new process, like Python's top level.
// Run: go build -o startmethods . && ./startmethods
package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"sync"
	"time"
)

// Package level: runs in every new process that starts this binary.
var _ = func() int {
	fmt.Fprintf(os.Stderr, "package init ran in pid %d\\n", os.Getpid())
	return 0
}()

const (
	coldStarts     = ${p.coldStarts}
	warmDispatches = ${p.warmDispatches}
)

func median(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		return // the smallest task; main()'s guard, like if __name__ == "__main__"
	}
	self, _ := os.Executable()

	// A new OS process: start + wait.
	procs := make([]time.Duration, coldStarts)
	for i := range procs {
		t0 := time.Now()
		if err := exec.Command(self, "child").Run(); err != nil {
			panic(err)
		}
		procs[i] = time.Since(t0)
	}

	// A new goroutine: start + wait.
	gors := make([]time.Duration, coldStarts)
	for i := range gors {
		var wg sync.WaitGroup
		t0 := time.Now()
		wg.Add(1)
		go func() { wg.Done() }()
		wg.Wait()
		gors[i] = time.Since(t0)
	}

	// A task handed to a worker goroutine that is already running (a warm pool of one).
	jobs, done := make(chan struct{}), make(chan struct{})
	go func() {
		for range jobs {
			done <- struct{}{}
		}
	}()
	warm := make([]time.Duration, warmDispatches)
	for i := range warm {
		t0 := time.Now()
		jobs <- struct{}{}
		<-done
		warm[i] = time.Since(t0)
	}
	close(jobs)

	fmt.Printf("new process (fork+exec) start + wait: %v\\n", median(procs))
	fmt.Printf("new goroutine start + wait:           %v\\n", median(gors))
	fmt.Printf("task to a running worker goroutine:   %v\\n", median(warm))
}
`;
}
