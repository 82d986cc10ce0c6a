/** The ping-pong program in Python (runnable with python3), Go, and this playground's runtime. */
import type { CodeListing } from '../shared/CodePanel';
import { warmUpFor, type PipeParams } from './pipe-params';

const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, '_');

export function pythonPipeProgram(p: PipeParams): string {
  return `import multiprocessing as mp
import statistics
import time

ROUND_TRIPS = ${n(p.roundTrips)}
PAYLOAD_SIZES = [${p.payloadSizes.map(n).join(', ')}]  # bytes; 0 sends a small int
DUPLEX = ${p.duplex ? 'True' : 'False'}
WARM_UP = ${warmUpFor(p.roundTrips)}


def ponger(inbox, out):
    while (msg := inbox.recv()) is not None:  # blocks until the other end sends
        out.send(msg)                         # straight back


if __name__ == "__main__":
    if DUPLEX:
        a, b = mp.Pipe()                      # duplex: both ends send and receive
        ping_out = ping_in = a
        pong_in = pong_out = b
    else:
        pong_in, ping_out = mp.Pipe(duplex=False)  # (reader, writer): ping direction
        ping_in, pong_out = mp.Pipe(duplex=False)  # pong direction
    p = mp.Process(target=ponger, args=(pong_in, pong_out))
    p.start()
    for size in PAYLOAD_SIZES:                # here main is the pinger
        msg = bytes(size) if size else 0
        for _ in range(WARM_UP):
            ping_out.send(msg)
            ping_in.recv()
        rtts = []
        start = time.perf_counter()
        for _ in range(ROUND_TRIPS):
            t0 = time.perf_counter()
            ping_out.send(msg)
            ping_in.recv()
            rtts.append((time.perf_counter() - t0) * 1e6)
        elapsed = time.perf_counter() - start
        rtts.sort()
        p99 = rtts[max(0, int(0.99 * len(rtts)) - 1)]
        print(f"{size:>9} B: median {statistics.median(rtts):8.1f} µs, p99 {p99:8.1f} µs, "
              f"{2 * ROUND_TRIPS / elapsed:10,.0f} msgs/s, {2 * size * ROUND_TRIPS / elapsed / 1e6:8.1f} MB/s")
    ping_out.send(None)
    p.join()
`;
}

export function goPipeProgram(p: PipeParams): string {
  return `package main

import (
\t"fmt"
\t"sort"
\t"time"
)

const roundTrips = ${p.roundTrips}

var payloadSizes = []int{${p.payloadSizes.join(', ')}}

func main() {
\t// Unbuffered channels: a send waits until the other goroutine receives, like ping-pong on a pipe.
\t// (A duplex Pipe is two channels, one per direction; Go has no single two-way channel.)
\tping := make(chan []byte)
\tpong := make(chan []byte)
\tgo func() {
\t\tfor msg := range ping {
\t\t\t// A channel passes the slice header only; copy it so the cost compares with a pipe, which copies.
\t\t\tpong <- append([]byte(nil), msg...)
\t\t}
\t}()
\tfor _, size := range payloadSizes {
\t\tmsg := make([]byte, size)
\t\trtts := make([]time.Duration, roundTrips)
\t\tstart := time.Now()
\t\tfor i := range rtts {
\t\t\tt0 := time.Now()
\t\t\tping <- msg
\t\t\t<-pong
\t\t\trtts[i] = time.Since(t0)
\t\t}
\t\telapsed := time.Since(start).Seconds()
\t\tsort.Slice(rtts, func(a, b int) bool { return rtts[a] < rtts[b] })
\t\tfmt.Printf("%9d B: median %v, p99 %v, %.0f msgs/s\\n",
\t\t\tsize, rtts[len(rtts)/2], rtts[len(rtts)*99/100], 2*roundTrips/elapsed)
\t}
\tclose(ping)
}
`;
}

export function jsPipeProgram(p: PipeParams): string {
  return `// Tasks (registered in src/runtime/tasks/): they run in worker processes and may block.
function ponger(ctx, inbox, out) {
  for (let msg; (msg = inbox.recv()) !== null; ) out.send(msg);
}
function pinger(ctx, out, inbox, sizes, roundTrips) {
  const medians = [];
  for (const size of sizes) {
    const msg = size > 0 ? new Uint8Array(size) : 0;
    const rtts = new Float64Array(roundTrips);
    for (let i = 0; i < roundTrips; i++) {
      const t0 = ctx.now();
      out.send(msg);
      inbox.recv();
      rtts[i] = (ctx.now() - t0) * 1000; // µs
    }
    medians.push(rtts.sort()[roundTrips >> 1]);
  }
  out.send(null);
  return medians;
}

// main (the page): both ends run in workers, so the page never blocks.
const [a, b] = ${p.duplex ? 'Pipe()' : 'Pipe(true) // the scene uses two Pipe(false) when duplex is off'};
const pong = new Process({ target: 'ponger', args: [b, b] });
const ping = new Process({ target: 'pinger', args: [a, a, [${p.payloadSizes.join(', ')}], ${p.roundTrips}] });
pong.start(); ping.start();
await ping.join(); await pong.join();
console.log('median round trip (µs) per size:', ping.result);
`;
}

export function pipeListings(p: PipeParams): CodeListing[] {
  return [
    {
      label: 'Python',
      code: pythonPipeProgram(p),
      note: 'Runnable as is: python3 pingpong.py (main is the pinger)',
    },
    {
      label: 'Go',
      code: goPipeProgram(p),
      note: 'go run main.go: two unbuffered channels, one per direction',
    },
    {
      label: 'JavaScript',
      code: jsPipeProgram(p),
      note: "This playground's runtime: both ends on Web Workers",
    },
  ];
}
