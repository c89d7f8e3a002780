import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {build} from 'esbuild';

/** Bundles a TypeScript script (fixture or bench) into one ESM file that `node` runs directly. */
export async function bundleScript(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    loader: {'.sql': 'text'},
    jsx: 'automatic',
    logLevel: 'warning',
  });
  return outfile;
}

/** Builds `dist/cli.js` as `npm run build` does; child-process tests run the real binary. */
export function buildCli(root = process.cwd()): string {
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
  return join(root, 'dist/cli.js');
}
