/**
 * Shared-memory allocation. Every primitive is a typed-array view over one of these buffers;
 * sending the primitive to a process sends the buffer (shared, never copied).
 */
import { InvalidArgumentError } from '../errors';

export function allocShared(bytes: number): SharedArrayBuffer {
  if (typeof SharedArrayBuffer !== 'function') {
    throw new Error(
      'SharedArrayBuffer is unavailable: the page must be cross-origin isolated ' +
        '(served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
    );
  }
  if (!Number.isInteger(bytes) || bytes <= 0) throw new InvalidArgumentError('bytes', 'a positive integer', bytes);
  return new SharedArrayBuffer(bytes);
}

/** An Int32 control block of `words` words. */
export function allocWords(words: number): Int32Array {
  return new Int32Array(allocShared(words * 4));
}
