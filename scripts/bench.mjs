// Runs every test/bench/*.bench.ts: bundled with esbuild (as the CLI is), then run one after
// another with this Node, so benchmarks print figures without a TypeScript loader.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {bundleOptions} from './bundle-options.mjs';

const only = process.argv.slice(2);
const benches = readdirSync('test/bench')
  .filter((name) => name.endsWith('.bench.ts') || name.endsWith('.bench.tsx'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

let failed = 0;
for (const name of benches) {
  const outfile = path.join('dist-bench', name.replace(/\.tsx?$/, '.mjs'));
  await build({...bundleOptions, entryPoints: [path.join('test/bench', name)], outfile});
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, [outfile], {
    stdio: 'inherit',
    env: {...process.env, CI: ''},
  });
  if (result.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`${failed} benchmark(s) did not complete`);
  process.exit(1);
}
