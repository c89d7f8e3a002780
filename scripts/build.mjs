// Bundles the CLI into one ESM file so start-up never transpiles TypeScript.
import {chmod} from 'node:fs/promises';
import {build} from 'esbuild';

const watch = process.argv.includes('--watch');

await build({
  entryPoints: ['source/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  loader: {'.sql': 'text'},
  jsx: 'automatic',
  sourcemap: 'linked',
  banner: {js: '#!/usr/bin/env node'},
  logLevel: watch ? 'info' : 'warning',
});

await chmod('dist/cli.js', 0o755);
