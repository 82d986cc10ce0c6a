/**
 * The `lock` option of Value and SharedArray, as in Python: true (default) → a new RLock,
 * false → no lock (the raw object), or a Lock / RLock to share.
 */
import { InvalidArgumentError } from '../errors';
import { Lock, type LockHandle } from '../sync/lock';
import { RLock, type RLockHandle } from '../sync/rlock';

export type LockOption = boolean | Lock | RLock;
export type AnyLock = Lock | RLock;

export function resolveLock(option: unknown, name: string): AnyLock | null {
  if (option === undefined || option === true) return new RLock({ name: `${name}.lock` });
  if (option === false) return null;
  if (option instanceof Lock || option instanceof RLock) return option;
  throw new InvalidArgumentError('lock', 'true, false, a Lock or an RLock', option);
}

export function rebuildLock(h: LockHandle | RLockHandle | null): AnyLock | null {
  if (!h) return null;
  return h.__mp === 'Lock' ? Lock.fromHandle(h) : RLock.fromHandle(h);
}
