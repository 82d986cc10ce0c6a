/**
 * The hardware's yardstick: Σ i² over a range in a plain worker, no runtime, no telemetry. The
 * benchmark splits it over 1 and 2 of these to see what speedup the machine allows right now.
 */
const scope = self as unknown as {
  postMessage(m: unknown): void;
  addEventListener(type: 'message', l: (e: MessageEvent<[start: number, end: number]>) => void): void;
};

scope.addEventListener('message', (event) => {
  const [start, end] = event.data;
  let sum = 0;
  for (let i = start; i < end; i++) sum += i * i;
  scope.postMessage(sum);
});

// A module, not a script: its names stay its own.
export {};
