import { describe, expect, it } from 'vitest';
import { toCsv } from './export';

describe('toCsv', () => {
  it('writes a header and one line per row', () => {
    expect(toCsv([{ run: 1, final: 1500, lost: 500 }, { run: 2, final: 2000, lost: 0 }])).toBe(
      'run,final,lost\n1,1500,500\n2,2000,0\n',
    );
  });

  it('quotes fields with commas, quotes and newlines', () => {
    expect(toCsv([{ name: 'a,b', note: 'say "hi"', text: 'x\ny' }])).toBe('name,note,text\n"a,b","say ""hi""","x\ny"\n');
  });

  it('writes nothing for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});
