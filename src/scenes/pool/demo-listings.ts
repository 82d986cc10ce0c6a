/** The Python and Go code each Pool-semantics demo runs the equivalent of. */
import type { CodeListing } from '../shared/CodePanel';

export type DemoId = 'ordering' | 'timeout' | 'exceptions' | 'initializer';

const PYTHON: Record<DemoId, string> = {
  ordering: `import time
from multiprocessing import Pool

def sleep_ms(ms):
    time.sleep(ms / 1000)
    return ms

def sleep_then_return(ms, value):
    time.sleep(ms / 1000)
    return value

if __name__ == "__main__":
    with Pool(3) as pool:
        print(pool.map(sleep_ms, [900, 300, 600]))       # [900, 300, 600]: input order
        print(pool.starmap(sleep_then_return,             # each tuple unpacked:
              [(900, "a"), (300, "b"), (600, "c")]))     # ['a', 'b', 'c']
        for ms in pool.imap(sleep_ms, [900, 300, 600]):  # input order, one by one
            print("imap", ms)
        for ms in pool.imap_unordered(sleep_ms, [900, 300, 600]):
            print("imap_unordered", ms)                  # 300, 600, 900: finish order`,
  timeout: `import time
from multiprocessing import Pool, TimeoutError

def sleep_then_return(ms, value):
    time.sleep(ms / 1000)
    return value

if __name__ == "__main__":
    with Pool(1) as pool:
        result = pool.apply_async(sleep_then_return, (500, 42))
        try:
            result.get(timeout=0.1)          # not ready after 100 ms
        except TimeoutError:
            print("TimeoutError; ready() =", result.ready())
        print(result.get())                  # the task kept running: 42`,
  exceptions: `from multiprocessing import Pool

def check_range(start, end):
    if end < start:
        raise ValueError(f"end must be >= start (got {start}, {end})")
    return sum(i * i for i in range(start, end))

if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.starmap(check_range, [(0, 10), (10, 5), (20, 30)])
        except ValueError as e:
            print("map re-raised:", e)       # the whole map fails

        result = pool.apply_async(check_range, (10, 5))
        result.wait()
        print(result.ready(), result.successful())   # True False: held, not raised
        try:
            result.get()                     # raised here, in the parent
        except ValueError as e:
            print("get() raised:", e)`,
  initializer: `from multiprocessing import Pool, Lock, Value

def init(shared_lock, shared_counter):
    global lock, counter                     # each worker keeps them as globals
    lock, counter = shared_lock, shared_counter

def add(n):
    for _ in range(n):
        with lock:
            counter.value += 1

if __name__ == "__main__":
    lock, counter = Lock(), Value("i", 0, lock=False)
    with Pool(2, initializer=init, initargs=(lock, counter)) as pool:
        pool.map(add, [10_000] * 4)
    print(counter.value)                     # 40000, exact

    with Pool(2) as pool:                    # a Lock as a task argument:
        pool.apply(add_under, (lock, 10))    # RuntimeError: Lock objects should only be
                                             # shared between processes through inheritance

def add_under(lock, n):
    with lock:
        pass`,
};

const GO: Record<DemoId, string> = {
  ordering: `// map keeps input order: each goroutine writes its own slot.
results := make([]string, len(jobs))
var wg sync.WaitGroup
for i, j := range jobs {
	wg.Add(1)
	go func() { defer wg.Done(); results[i] = sleepThenReturn(j.ms, j.value) }()
}
wg.Wait() // [a b c]

// imap_unordered is a channel read in finish order.
out := make(chan string)
for _, j := range jobs {
	go func() { out <- sleepThenReturn(j.ms, j.value) }()
}
for range jobs {
	fmt.Println(<-out) // b, c, a: finish order
}`,
  timeout: `done := make(chan int, 1) // buffered: the goroutine can finish after we stop waiting
go func() { done <- sleepThenReturn(500, 42) }()
select {
case v := <-done:
	fmt.Println(v)
case <-time.After(100 * time.Millisecond):
	fmt.Println("timeout") // like TimeoutError: the work goes on
}
fmt.Println(<-done) // 42`,
  exceptions: `// map re-raising the first exception ~ errgroup.Wait returning the first error.
var g errgroup.Group
for _, r := range ranges {
	g.Go(func() error { _, err := checkRange(r[0], r[1]); return err })
}
if err := g.Wait(); err != nil {
	fmt.Println("map failed:", err)
}

// apply_async holding the exception ~ a channel of (value, error) read later.
type result struct { v int; err error }
res := make(chan result, 1)
go func() { v, err := checkRange(10, 5); res <- result{v, err} }()
r := <-res // the error surfaces only when read: get()
fmt.Println(r.err)`,
  initializer: `// An initializer is a closure: every worker captures the same mutex and counter.
var mu sync.Mutex
counter := 0
var wg sync.WaitGroup
for w := 0; w < 2; w++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20_000; i++ {
			mu.Lock()
			counter++
			mu.Unlock()
		}
	}()
}
wg.Wait() // 40000
// Passing a sync.Mutex by value copies it: go vet's copylocks check refuses,
// as CPython refuses to pickle a Lock into a task's arguments.`,
};

export function demoListings(id: DemoId): CodeListing[] {
  return [
    { label: 'Python', code: PYTHON[id] },
    { label: 'Go', code: GO[id] },
  ];
}
