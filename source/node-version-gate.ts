import {missingStartupEnvironment, startupEnvironment} from './startup-environment';
import {applyRuntimeFlags, missingStartupFlags, startupFlags} from './v8-startup-flags';

// The entry point of dist/cli.js: it imports nothing but its start-up settings, so that on an
// old Node it still runs far enough to say what is wrong, before a dependency prints warnings
// over the screen or fails on a missing global (native WebSocket arrived in Node 22).
const requiredMajor = 22;
const major = Number(process.versions.node.split('.')[0]);

if (major < requiredMajor) {
  process.stderr.write(
    `cockpit: needs Node.js ${requiredMajor} or newer (this is ${process.version}); install Node ${requiredMajor}+ (for example nvm install ${requiredMajor}) and run cockpit with it, or from the checkout run npx node dist/cli.js\n`,
  );
  process.exit(2);
} else {
  // V8 flags and malloc settings read only at start: restart in place (same pid, same terminal)
  // with those the user did not set. The other V8 flags are set at run time (v8-startup-flags.ts).
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = missingStartupFlags(startupFlags, given);
  const missingEnvironment = missingStartupEnvironment(startupEnvironment, process.env);
  const restart = missing.length > 0 || Object.keys(missingEnvironment).length > 0;
  if (restart && typeof process.execve === 'function') {
    try {
      process.execve(
        process.execPath,
        [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
        {...process.env, ...missingEnvironment},
      );
    } catch {
      // Cannot replace the process here (an unusual platform): run with V8's defaults.
    }
  }
  applyRuntimeFlags(given);
  // A computed specifier, so the bundler leaves the import for run time: dist/main.js.
  const main = './main.js';
  await import(main);
}
