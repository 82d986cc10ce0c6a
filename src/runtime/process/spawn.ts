/**
 * Small conveniences over Process for tests, benchmarks and scenes.
 *
 *   runTask(target, args?, options?) → Promise<Process>      start, join, return it
 *   startAll(target, argsPerProcess) → Process[]             start one process per args list
 *   joinAllOf(processes) → Promise<void>
 */
import { Process, type ProcessOptions } from './process';

export async function runTask(target: string, args: readonly unknown[] = [], options: Omit<ProcessOptions, 'target' | 'args'> = {}): Promise<Process> {
  const p = new Process({ ...options, target, args });
  p.start();
  await p.join();
  return p;
}

export function startAll(target: string, argsPerProcess: readonly (readonly unknown[])[]): Process[] {
  return argsPerProcess.map((args) => {
    const p = new Process({ target, args });
    p.start();
    return p;
  });
}

export async function joinAllOf(processes: readonly Process[]): Promise<void> {
  await Promise.all(processes.map((p) => p.join()));
}
