// Bundles every test/bench/*.bench.ts(x) with esbuild and runs each with this node, one after
// another, printing their figures. Benchmarks report numbers; they never pass or fail.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';

const directory = join(process.cwd(), 'test/bench');
const only = process.argv[2];
const files = readdirSync(directory)
  .filter((name) => /\.bench\.tsx?$/.test(name))
  .filter((name) => !only || name.includes(only))
  .sort();
for (const name of files) {
  const outfile = join(process.cwd(), 'dist-bench', name.replace(/\.tsx?$/, '.js'));
  await build({
    entryPoints: [join(directory, name)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    loader: {'.sql': 'text'},
    jsx: 'automatic',
    define: {'process.env.NODE_ENV': '"production"'},
    logLevel: 'warning',
  });
  process.stdout.write(`\n## ${name}\n`);
  const result = spawnSync(process.execPath, [outfile], {
    stdio: 'inherit',
    env: {...process.env, CI: ''},
  });
  if (result.status !== 0) process.stdout.write(`(${name} exited with ${result.status})\n`);
}
