/**
 * Errors raised by queues and pipes. Names follow Python's (`queue.Full`, `queue.Empty`,
 * `EOFError`, `BrokenPipeError`) so a reader of a Python tutorial recognises them; `name` is set
 * explicitly because minifiers rename classes. PicklingError, ValueError and TimeoutError are the
 * runtime-wide ones in `../errors.ts`.
 */

/** Bytes that are not a valid encoding (a bug or a corrupted buffer, never user input). */
export class UnpicklingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnpicklingError';
  }
}

/** Python's `queue.Full`: a non-blocking or timed-out `put` found no room. */
export class Full extends Error {
  constructor(message = 'queue is full') {
    super(message);
    this.name = 'Full';
  }
}

/** Python's `queue.Empty`: a non-blocking or timed-out `get` found nothing. */
export class Empty extends Error {
  constructor(message = 'queue is empty') {
    super(message);
    this.name = 'Empty';
  }
}

/**
 * A process died while holding the queue's internal lock, possibly half-way through writing or
 * reading a message. The queue refuses every later call rather than deliver a torn message.
 */
export class BrokenQueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokenQueueError';
  }
}

/** `Connection.recv` on a pipe whose other end is closed and drained (Python's EOFError). */
export class EOFError extends Error {
  constructor(message = 'the other end of the pipe is closed and no data is left') {
    super(message);
    this.name = 'EOFError';
  }
}

/** `Connection.send` to a pipe whose reading end is closed (Python's BrokenPipeError). */
export class BrokenPipeError extends Error {
  constructor(message = 'the reading end of the pipe is closed') {
    super(message);
    this.name = 'BrokenPipeError';
  }
}

/** Use of a Connection this process closed itself (Python: OSError "handle is closed"). */
export class HandleClosedError extends Error {
  constructor(message = 'handle is closed') {
    super(message);
    this.name = 'OSError';
  }
}
