import {describe, expect, it} from 'vitest';
import publishedLineUpdate from '../../node_modules/ink/build/line-update.js';
import {importAsShipped} from '../helpers/bundle-script';
import {seededRandom} from '../helpers/seeded-random';

type LineUpdate = (previous: string, next: string, columns: number) => string;

/** Ink's lineUpdate as the shipped bundle has it. */
async function shippedLineUpdate(): Promise<LineUpdate> {
  const {module} = await importAsShipped<{default: LineUpdate}>(
    "export {default} from './node_modules/ink/build/line-update.js';",
    'line-update',
  );
  return module.default;
}

const pieces = [
  'SELECT 1',
  ' ',
  '│',
  '─┼─',
  '·',
  '…',
  '−',
  '▲',
  'café',
  '12s',
  '13s',
  '漢字',
  '😀',
  'e\u0301',
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[1;33m',
  '\u001b[22m',
];

describe("the bundle's change to Ink's line update", () => {
  it('gives the update Ink as published gives, for bordered, coloured and wide lines', async () => {
    const shipped = await shippedLineUpdate();
    let partial = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const random = seededRandom(seed);
      let common = '';
      for (let count = Math.floor(random.next() * 6); count > 0; count--)
        common += random.pick(pieces);
      const tail = () => {
        let text = '';
        for (let count = 1 + Math.floor(random.next() * 4); count > 0; count--)
          text += random.pick(pieces);
        return text;
      };
      const previous = `│ ${common}${tail()}`;
      const next = `│ ${common}${tail()}`;
      const columns = 10 + Math.floor(random.next() * 60);
      const expected = publishedLineUpdate(previous, next, columns);
      expect({seed, update: shipped(previous, next, columns)}).toEqual({seed, update: expected});
      if (!expected.startsWith('\u001b[1G')) partial++;
    }
    // Enough of the cases start past column one for the fast path to matter.
    expect(partial).toBeGreaterThan(500);
  });
});
