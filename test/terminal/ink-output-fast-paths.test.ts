import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

const root = process.cwd();
const entry = join(root, 'test/fixtures/ink-output-frame.ts');
const outDir = join(root, 'dist/test-ink-output', String(process.pid));
afterAll(() => rmSync(outDir, {recursive: true, force: true}));

async function frameOf(name: string, plugins: typeof bundleOptions.plugins) {
  const outfile = join(outDir, `${name}.mjs`);
  await build({...bundleOptions, plugins, entryPoints: [entry], outfile});
  return {
    frame: JSON.parse(execFileSync(process.execPath, [outfile], {encoding: 'utf8'})),
    source: readFileSync(outfile, 'utf8'),
  };
}

describe("the bundle's fast paths through Ink's Output", () => {
  it('draw the same frame as Ink as published: ASCII, colour, wide, invisible and clipped text', async () => {
    const shipped = await frameOf('shipped', bundleOptions.plugins);
    const published = await frameOf(
      'published',
      (bundleOptions.plugins ?? []).filter((plugin) => plugin.name !== 'ink-ascii-fast-paths'),
    );
    expect(shipped.source).toContain('isPrintableAscii(character.value) ||');
    expect(shipped.source).toContain('row.push(blankOutputCell)');
    expect(published.source).not.toContain('isPrintableAscii');
    expect(shipped.frame).toEqual(published.frame);
    expect(shipped.frame.output).toContain('漢字 wide 😀 emoji ✓ done');
    // Invisible characters still go Ink's way: dropped from the cells.
    expect(shipped.frame.output).toContain('softhyphen and zerowidth');
  });
});
