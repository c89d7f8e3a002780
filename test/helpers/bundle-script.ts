import {randomUUID} from 'node:crypto';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

/** Bundles a TypeScript script (fixture or bench) into one ESM file that `node` runs directly. */
export async function bundleScript(entry: string, outfile: string): Promise<string> {
  await build({...bundleOptions, entryPoints: [entry], outfile});
  return outfile;
}

/**
 * Call at the top level of a test file (it removes its file after the file's tests).
 * Bundles the CLI with the options `scripts/build.mjs` uses, but to a file of this test worker's own:
 * two test files rebuilding the shared `dist/cli.js` at once could hand a child a half-written
 * file.
 */
export async function buildCli(root = process.cwd()): Promise<string> {
  const outfile = join(root, 'dist/test-cli', `cli-${process.pid}-${randomUUID().slice(0, 8)}.js`);
  afterAll(async () => {
    await rm(outfile, {force: true});
  });
  return bundleScript(join(root, 'source/cli.tsx'), outfile);
}

// Where importAsShipped writes; each test file's worker removes its own after the file.
const shippedDir = join(process.cwd(), 'dist/test-shipped', String(process.pid));
afterAll(async () => {
  await rm(shippedDir, {recursive: true, force: true});
});

/**
 * Modules of the repository (`./node_modules/…`, `./source/…`) bundled as the shipped CLI has
 * them, the bundle's edits of dependencies included, then imported; with the source esbuild
 * wrote.
 */
export async function importAsShipped<Module>(
  exports: string,
  name: string,
): Promise<{module: Module; source: string}> {
  const result = await build({
    ...bundleOptions,
    stdin: {contents: exports, resolveDir: process.cwd()},
    write: false,
    outfile: `${name}.mjs`,
  });
  const source = result.outputFiles[0]?.text ?? '';
  await mkdir(shippedDir, {recursive: true});
  const file = join(shippedDir, `${name}.mjs`);
  await writeFile(file, source);
  return {module: await import(pathToFileURL(file).href), source};
}
