/** The program in three languages, generated from the current settings (JS: the real task source). */
import { useMemo } from 'react';
import incrementTaskSource from '../../runtime/tasks/increment.ts?raw';
import { CodePanel } from '../shared/CodePanel';
import { goProgram, pythonProgram } from './race-code';
import type { RaceSettings } from './race-params';

export function RaceCode({ settings }: { settings: RaceSettings }) {
  const { processes, increments, sync, batch } = settings;
  const listings = useMemo(
    () => [
      {
        label: 'Python',
        code: pythonProgram({ processes, increments, sync, batch }),
        note: 'Runnable as is: python3 race.py. It prints final and expected.',
      },
      { label: 'Go', code: goProgram({ processes, increments, sync, batch }), note: 'go run main.go' },
      {
        label: 'JavaScript',
        code: incrementTaskSource,
        note: `The task each worker actually runs here (src/runtime/tasks/increment.ts), with mode "${sync}".`,
      },
    ],
    [processes, increments, sync, batch],
  );
  return <CodePanel title="The same program in Python, Go and JavaScript" listings={listings} />;
}
