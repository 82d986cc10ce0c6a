"""Serial vs Pool(n).map sum of squares: the tutorials' speedup experiment.

Each pool run is timed like the tutorial writes it, `with Pool(n) as pool: pool.map(...)`,
so process start-up is inside the measurement (that is what makes small sizes lose).
Prints one JSON object on stdout.
"""
import argparse
import json
import multiprocessing as mp
import statistics
import time


def sum_squares(bounds):
    start, end = bounds
    return sum(i * i for i in range(start, end))


def ranges(size, parts):
    """Cut [0, size) into `parts` contiguous ranges, as the tutorial does."""
    step, extra = divmod(size, parts)
    out, start = [], 0
    for k in range(parts):
        end = start + step + (1 if k < extra else 0)
        out.append((start, end))
        start = end
    return out


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def pool_map(ctx, n, size):
    with ctx.Pool(n) as pool:
        return sum(pool.map(sum_squares, ranges(size, n)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000000,40000000")
    parser.add_argument("--pool-sizes", default="1,2,4,8")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        expected = sum_squares((0, size))
        serial_s, _, _ = timed(lambda: sum_squares((0, size)), args.repeats)
        points = []
        for n in [int(p) for p in args.pool_sizes.split(",")]:
            assert pool_map(ctx, n, size) == expected
            med, lo, hi = timed(lambda: pool_map(ctx, n, size), args.repeats)
            points.append({"poolSize": n, "medianMs": med * 1e3, "minMs": lo * 1e3,
                           "maxMs": hi * 1e3, "speedup": serial_s / med})
        results.append({"size": size, "serialMs": serial_s * 1e3, "points": points})
    print(json.dumps({"startMethod": ctx.get_start_method(), "cores": mp.cpu_count(),
                      "sizes": results}))


if __name__ == "__main__":
    main()
