// `npm start`: rebuilds dist/ only when something it is built from changed since the last build
// (a rebuild takes seconds; a check of a few hundred mtimes, milliseconds), then runs the CLI in
// this same process rather than starting another Node.
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';

const built = 'dist/cli.js';
const inputs = [
  'source',
  'runbooks',
  'package.json',
  'package-lock.json',
  'scripts/build.mjs',
  'scripts/bundle-options.mjs',
];

/** The newest modification time under `entry`: files, and folders (a deleted file changes one). */
function newestChange(entry) {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(entry))
    newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

let builtAt = 0;
try {
  builtAt = statSync(built).mtimeMs;
} catch {
  // Never built: build now.
}
if (Math.max(...inputs.map(newestChange)) >= builtAt) await import('./build.mjs');
await import(new URL(`../${built}`, import.meta.url).href);
