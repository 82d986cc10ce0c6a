"""Process start + join per start method (fork, forkserver, spawn), median per process.

Prints one JSON object on stdout: {"fork": ms, "forkserver": ms, "spawn": ms}.
"""
import argparse
import json
import multiprocessing as mp
import statistics
import time


def noop():
    pass


def start_join_ms(ctx, count):
    # The first forkserver/spawn start pays for launching the server or interpreter cache;
    # one untimed start keeps that out of the per-process figure.
    warm = ctx.Process(target=noop)
    warm.start()
    warm.join()
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        p = ctx.Process(target=noop)
        p.start()
        p.join()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    out = {}
    for method in mp.get_all_start_methods():
        out[method] = start_join_ms(mp.get_context(method), args.count)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
