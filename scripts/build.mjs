// Bundles the CLI with its dependencies so start-up neither transpiles TypeScript nor resolves
// hundreds of node_modules files (about half the launch time). Code that only some commands
// need (the demo server, Supabase client, SQL parser) is split into chunks loaded on demand.
import {spawnSync} from 'node:child_process';
import {chmod, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {build} from 'esbuild';
import {bundleOptions} from './bundle-options.mjs';

await rm('dist', {recursive: true, force: true});
await build({
  ...bundleOptions,
  // dist/cli.js only checks the Node version, then imports dist/main.js (source/cli.tsx).
  // The runbook library is parsed in a child process, from a script of its own.
  entryPoints: {
    cli: 'source/node-version-gate.ts',
    main: 'source/cli.tsx',
    'runbook-load-process': 'source/runbooks/runbook-load-process.ts',
  },
  outdir: 'dist',
  splitting: true,
  minify: true,
  sourcemap: 'linked',
});
await chmod('dist/cli.js', 0o755);

// The banner gives every output file a require() made by createRequire, but only esbuild's
// runtime helper calls it: 48 of 51 files made one for nothing, 8 ms of each launch. Those that
// never name require lose it; the lines stay, blank, so the source maps still line up.
const requireBanner = bundleOptions.banner.js.split('\n').slice(1);
for (const name of await readdir('dist')) {
  if (!name.endsWith('.js')) continue;
  const file = `dist/${name}`;
  const lines = (await readFile(file, 'utf8')).split('\n');
  const banner = lines.slice(1, 1 + requireBanner.length);
  if (banner.join('\n') !== requireBanner.join('\n')) continue;
  if (/\brequire\b/.test(lines.slice(1 + requireBanner.length).join('\n'))) continue;
  lines.splice(1, requireBanner.length, ...requireBanner.map(() => ''));
  await writeFile(file, lines.join('\n'));
}

// V8's code cache for the launch path, compiled now rather than by the first `cockpit` after an
// install (536 ms to first output then, 294 ms once cached, on the shared bench's first run). The
// cache is keyed by the V8 flags, so this runs with the flags of the bin's shebang and sets the
// gate's run-time flags first; importing a chunk only defines its functions.
const shebangFlags = (await readFile('dist/cli.js', 'utf8'))
  .split('\n', 1)[0]
  .split(' ')
  .filter((word) => word.startsWith('--'));
const chunks = (await readdir('dist')).filter(
  (name) => name.endsWith('.js') && name !== 'cli.js' && name !== 'main.js',
);
const warm = `import module from 'node:module';
const {applyRuntimeFlags} = await import('./source/v8-startup-flags.ts');
applyRuntimeFlags(process.execArgv);
module.enableCompileCache();
for (const name of ${JSON.stringify(chunks)}) await import('./dist/' + name).catch(() => {});
module.flushCompileCache();`;
const warmed = [
  spawnSync(process.execPath, [...shebangFlags, '--input-type=module', '-e', warm], {
    stdio: 'ignore',
  }),
  spawnSync(process.execPath, [...shebangFlags, 'dist/cli.js', '--version'], {stdio: 'ignore'}),
];
if (warmed.some((result) => result.status !== 0))
  console.warn('build: the code cache was not warmed; the first launch compiles it');
