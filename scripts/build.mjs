// Bundles the CLI with its dependencies so start-up neither transpiles TypeScript nor resolves
// hundreds of node_modules files (about half the launch time). Code that only some commands
// need (the demo server, Supabase client, SQL parser) is split into chunks loaded on demand.
import {chmod, rm} from 'node:fs/promises';
import {build} from 'esbuild';
import {bundleOptions} from './bundle-options.mjs';

await rm('dist', {recursive: true, force: true});
await build({
  ...bundleOptions,
  // dist/cli.js only checks the Node version, then imports dist/main.js (source/cli.tsx).
  entryPoints: {cli: 'source/node-version-gate.ts', main: 'source/cli.tsx'},
  outdir: 'dist',
  splitting: true,
  minify: true,
  sourcemap: 'linked',
});
await chmod('dist/cli.js', 0o755);
