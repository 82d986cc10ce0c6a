"""Two processes each add 1 to a shared Value `count` times under a Lock (`with lock:`).

The rate is total increments over the wall time from the start signal to the last finish,
so process start-up is not counted. Prints one JSON object on stdout.
"""
import argparse
import json
import multiprocessing as mp
import time


def worker(counter, lock, go, count):
    go.wait()
    for _ in range(count):
        with lock:
            counter.value += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    counter = ctx.Value("i", 0, lock=False)
    lock = ctx.Lock()
    go = ctx.Event()
    procs = [ctx.Process(target=worker, args=(counter, lock, go, args.count))
             for _ in range(args.workers)]
    for p in procs:
        p.start()
    time.sleep(0.2)  # let every worker reach go.wait()
    t0 = time.perf_counter()
    go.set()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    total = args.count * args.workers
    print(json.dumps({"workers": args.workers, "increments": total, "final": counter.value,
                      "perSecond": total / elapsed}))


if __name__ == "__main__":
    main()
