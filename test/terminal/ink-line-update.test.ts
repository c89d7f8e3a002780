import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import publishedLineUpdate from '../../node_modules/ink/build/line-update.js';
import {bundleOptions} from '../../scripts/bundle-options.mjs';
import {seededRandom} from '../helpers/seeded-random';

type LineUpdate = (previous: string, next: string, columns: number) => string;

const outDir = join(process.cwd(), 'dist/test-line-update', String(process.pid));
afterAll(() => rmSync(outDir, {recursive: true, force: true}));

/** Ink's lineUpdate as the shipped bundle has it. */
async function shippedLineUpdate(): Promise<LineUpdate> {
  const result = await build({
    ...bundleOptions,
    stdin: {
      contents: "export {default} from './node_modules/ink/build/line-update.js';",
      resolveDir: process.cwd(),
    },
    write: false,
    outfile: 'line-update.mjs',
  });
  mkdirSync(outDir, {recursive: true});
  const file = join(outDir, 'line-update.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  return (await import(pathToFileURL(file).href)).default;
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
