/**
 * The yardstick for the queue benchmark: plain postMessage, page → worker, small ints. It
 * counts what arrives and answers once, when the expected count is reached.
 */
const scope = self as unknown as {
  postMessage(m: unknown): void;
  addEventListener(type: 'message', l: (e: MessageEvent<number | { expect: number }>) => void): void;
};

let expected = 0;
let received = 0;

scope.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data === 'object') {
    expected = data.expect;
    received = 0;
    scope.postMessage('ready');
    return;
  }
  received += 1;
  if (received === expected) scope.postMessage(received);
});

// A module, not a script: its names stay its own.
export {};
