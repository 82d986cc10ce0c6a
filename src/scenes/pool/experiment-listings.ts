/**
 * The experiment as the tutorials write it, in Python and in Go, filled in with the scene's
 * current settings so the code beside the chart is the code being measured.
 */
import type { CodeListing } from '../shared/CodePanel';
import { IO_ITEMS_PER_MS, type PoolParams, type Workload } from './pool-params';

const PY_KERNELS: Record<Workload, string> = {
  'sum-squares': `def work(start, end):
    return sum(i * i for i in range(start, end))`,
  primes: `def work(start, end):
    count = 0
    for n in range(max(start, 2), end):
        if all(n % d for d in range(2, int(n ** 0.5) + 1)):
            count += 1
    return count`,
  'monte-carlo-pi': `def work(start, end):
    rng = random.Random(start)  # every range its own generator
    inside = 0
    for _ in range(end - start):
        x, y = rng.random(), rng.random()
        inside += x * x + y * y <= 1.0
    return inside`,
  'io-wait': `def work(start, end):
    time.sleep((end - start) / ${IO_ITEMS_PER_MS} / 1000)  # like a network call
    return end - start`,
};

const GO_KERNELS: Record<Workload, string> = {
  'sum-squares': `func work(start, end int) float64 {
	s := 0.0
	for i := start; i < end; i++ {
		s += float64(i) * float64(i)
	}
	return s
}`,
  primes: `func work(start, end int) float64 {
	count := 0
	for n := max(start, 2); n < end; n++ {
		prime := true
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			count++
		}
	}
	return float64(count)
}`,
  'monte-carlo-pi': `func work(start, end int) float64 {
	rng := rand.New(rand.NewSource(int64(start)))
	inside := 0
	for i := start; i < end; i++ {
		x, y := rng.Float64(), rng.Float64()
		if x*x+y*y <= 1 {
			inside++
		}
	}
	return float64(inside)
}`,
  'io-wait': `func work(start, end int) float64 {
	time.Sleep(time.Duration(end-start) * time.Millisecond / ${IO_ITEMS_PER_MS}) // like a network call
	return float64(end - start)
}`,
};

function goImports(workload: Workload): string {
  const names = ['fmt', ...(workload === 'monte-carlo-pi' ? ['math/rand'] : []), 'runtime', 'sync', 'time'];
  return names.map((n) => `\t"${n}"`).join('\n');
}

const pyInt = (n: number) => n.toLocaleString('en-US').replace(/,/g, '_');

export function pythonExperiment(p: PoolParams): string {
  const tasks = p.tasks === 0 ? 'n' : String(p.tasks);
  const chunk = p.chunksize === 0 ? '' : `, chunksize=${p.chunksize}`;
  const timed = p.warm
    ? `        with Pool(n) as pool:
            pool.map(abs, range(n))      # warm: workers started before the clock starts
            t0 = time.perf_counter()
            total = sum(pool.starmap(work, ranges(SIZE, ${tasks})${chunk}))
            elapsed = time.perf_counter() - t0`
    : `        t0 = time.perf_counter()
        with Pool(n) as pool:            # cold: start-up is inside the measurement
            total = sum(pool.starmap(work, ranges(SIZE, ${tasks})${chunk}))
        elapsed = time.perf_counter() - t0`;
  // Monte Carlo ranges seed their own generators, so only the estimate of π must agree.
  const check =
    p.workload === 'monte-carlo-pi'
      ? 'assert abs(total - expected) < 0.01 * SIZE'
      : 'assert total == expected';
  const imports = p.workload === 'monte-carlo-pi' ? 'import random\nimport time' : 'import time';
  return `${imports}
from multiprocessing import Pool, cpu_count

${PY_KERNELS[p.workload]}

def ranges(size, parts):
    """Cut [0, size) into contiguous (start, end) ranges."""
    step, extra = divmod(size, parts)
    bounds = [k * step + min(k, extra) for k in range(parts + 1)]
    return list(zip(bounds, bounds[1:]))

if __name__ == "__main__":
    SIZE = ${pyInt(p.size)}
    t0 = time.perf_counter()
    expected = work(0, SIZE)
    serial = time.perf_counter() - t0
    print(f"serial: {serial * 1000:.1f} ms on {cpu_count()} cores")

    for n in (${p.poolSizes.join(', ')}${p.poolSizes.length === 1 ? ',' : ''}):
${timed}
        ${check}
        print(f"Pool({n}): {elapsed * 1000:.1f} ms, speedup {serial / elapsed:.2f}x")
`;
}

export function goExperiment(p: PoolParams): string {
  const tasks = p.tasks === 0 ? 'n' : String(p.tasks);
  return `package main

import (
${goImports(p.workload)}
)

${GO_KERNELS[p.workload]}

// pool is Pool(n).map: n worker goroutines read ranges from one channel
// (an unbuffered channel hands one task at a time, like chunksize=1).
func pool(n int, ranges [][2]int) float64 {
	jobs := make(chan [2]int)
	results := make(chan float64)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				results <- work(r[0], r[1])
			}
		}()
	}
	go func() {
		for _, r := range ranges {
			jobs <- r
		}
		close(jobs) // the sentinel: no more work
	}()
	go func() { wg.Wait(); close(results) }()
	total := 0.0
	for s := range results {
		total += s
	}
	return total
}

func split(size, parts int) [][2]int {
	out := make([][2]int, 0, parts)
	for k := 0; k < parts; k++ {
		out = append(out, [2]int{size * k / parts, size * (k + 1) / parts})
	}
	return out
}

func main() {
	const size = ${p.size}
	t0 := time.Now()
	work(0, size)
	serial := time.Since(t0)
	fmt.Printf("serial: %v on %d cores\\n", serial, runtime.NumCPU())
	for _, n := range []int{${p.poolSizes.join(', ')}} {
		t0 := time.Now() // goroutines start in microseconds: there is no cold pool
		pool(n, split(size, ${tasks}))
		elapsed := time.Since(t0)
		fmt.Printf("%d workers: %v, speedup %.2fx\\n", n, elapsed, serial.Seconds()/elapsed.Seconds())
	}
}
`;
}

export function experimentListings(p: PoolParams): CodeListing[] {
  return [
    {
      label: 'Python',
      code: pythonExperiment(p),
      note: 'The same experiment with CPython multiprocessing; runnable with python3.',
    },
    {
      label: 'Go',
      code: goExperiment(p),
      note: 'Go has no processes to start: goroutines on a channel play the pool.',
    },
  ];
}
