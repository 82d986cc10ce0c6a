"""One producer and one consumer process pass small ints through a multiprocessing.Queue.

The rate is messages over the consumer's time from the first get to the last, so process
start-up is not counted. Prints one JSON object on stdout.
"""
import argparse
import json
import multiprocessing as mp
import time


def producer(queue, count):
    for i in range(count):
        queue.put(i)
    queue.put(None)  # the sentinel: nothing more will come


def consumer(queue, result):
    first = queue.get()
    t0 = time.perf_counter()
    received = 1 if first is not None else 0
    while queue.get() is not None:
        received += 1
    result.put((received, time.perf_counter() - t0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--maxsize", type=int, default=1024)
    args = parser.parse_args()
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    queue = ctx.Queue(args.maxsize)
    result = ctx.Queue()
    procs = [ctx.Process(target=consumer, args=(queue, result)),
             ctx.Process(target=producer, args=(queue, args.count))]
    for p in procs:
        p.start()
    received, elapsed = result.get()
    for p in procs:
        p.join()
    print(json.dumps({"messages": received, "maxsize": args.maxsize,
                      "perSecond": (received - 1) / elapsed}))


if __name__ == "__main__":
    main()
