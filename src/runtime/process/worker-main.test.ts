/**
 * The worker entry's contract, without spawning a worker: whatever happens, the parent gets
 * exactly one exit message. (This file runs runWorker in the test's own thread, with a fake
 * WorkerSide; Vitest isolates test files, so the globals it sets stay here.)
 */
import { describe, expect, it } from 'vitest';
import { allocWords } from '../memory/shared';
import { CONTROL_WORDS } from '../tasks/task-context';
import { telemetryBuffer } from '../../telemetry/current';
import type { BootMessage, ExitMessage, FromWorker } from './protocol';
import { runWorker } from './worker-main';

function fakeWorker(): { boot: (m: BootMessage) => void; messages: FromWorker[]; exited: Promise<ExitMessage> } {
  const messages: FromWorker[] = [];
  let listener: ((m: unknown) => void) | null = null;
  let resolveExit!: (m: ExitMessage) => void;
  const exited = new Promise<ExitMessage>((r) => (resolveExit = r));
  runWorker({
    post: (m) => {
      const msg = structuredClone(m) as FromWorker; // what postMessage would do
      messages.push(msg);
      if (msg.type === 'exit') resolveExit(msg);
    },
    onMessage: (l) => (listener = l),
    now: () => Date.now(),
  });
  return { boot: (m) => listener!(m), messages, exited };
}

function bootMessage(overrides: Partial<BootMessage>): BootMessage {
  return {
    type: 'boot',
    pid: 9001,
    slot: 63,
    name: 'Fake-9001',
    task: 'sleepThenReturn',
    args: [0, 'ok'],
    telemetry: telemetryBuffer().sab,
    control: allocWords(CONTROL_WORDS).buffer as SharedArrayBuffer,
    ...overrides,
  };
}

describe('worker entry', () => {
  it('a failure while setting up (before the task runs) still ends with one exit message', async () => {
    const w = fakeWorker();
    // Not a telemetry buffer: attaching to it throws before any task code runs.
    w.boot(bootMessage({ telemetry: new SharedArrayBuffer(64) }));
    const exit = await w.exited;
    expect(exit.code).toBe(1);
    expect(exit.error?.message).toMatch(/not a telemetry buffer/);
    expect(w.messages.filter((m) => m.type === 'exit')).toHaveLength(1);
  }, 15_000);

  it('runs the task and reports its result, then ignores a second boot', async () => {
    const w = fakeWorker();
    w.boot(bootMessage({}));
    w.boot(bootMessage({ task: 'raiseError', args: ['must not run'] }));
    const exit = await w.exited;
    expect(exit).toMatchObject({ type: 'exit', code: 0, result: 'ok' });
    expect(w.messages.map((m) => m.type)).toEqual(['started', 'exit']);
  });
});
