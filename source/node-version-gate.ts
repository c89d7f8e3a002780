import {startupFlags} from './v8-startup-flags';

// The entry point of dist/cli.js: it imports nothing but its flag list, so that on an old Node it still runs far
// enough to say what is wrong, before a dependency prints warnings over the screen or fails
// on a missing global (native WebSocket arrived in Node 22).
const requiredMajor = 22;
const major = Number(process.versions.node.split('.')[0]);

if (major < requiredMajor) {
  process.stderr.write(
    `cockpit: needs Node.js ${requiredMajor} or newer (this is ${process.version}); install Node ${requiredMajor}+ (for example nvm install ${requiredMajor}) and run cockpit with it, or from the checkout run npx node dist/cli.js\n`,
  );
  process.exit(2);
} else {
  // V8 compiles hot JavaScript to baseline code on a background thread; a compile that needs a
  // garbage collection while the main thread is already in process.exit waits for it forever,
  // so `cockpit runbooks lint` printed its summary and hung (about 1 exit in 10, seen in gdb:
  // exit joining a V8 worker parked in BaselineCompiler). Baseline code compiled on the main
  // thread cannot deadlock exit. Set before any other code is loaded.
  const {setFlagsFromString} = await import('node:v8');
  setFlagsFromString('--no-concurrent-sparkplug');
  // V8 throws away the bytecode of functions idle for a few collections and compiles them again
  // when next called: the application panes' code, run every 10 s, was recompiled and
  // re-optimised all day long (about 9 code objects a second in a steady cockpit).
  setFlagsFromString('--no-flush-bytecode');
  // V8 flags read only at start (see v8-startup-flags.ts): restart in place (same pid, same
  // terminal) with those the user did not set.
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = startupFlags.filter(
    (flag) => !given.some((argument) => argument.startsWith(flag.split('=')[0]!)),
  );
  if (missing.length > 0 && typeof process.execve === 'function') {
    try {
      process.execve(
        process.execPath,
        [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
        process.env,
      );
    } catch {
      // Cannot replace the process here (an unusual platform): run with V8's defaults.
    }
  }
  // A computed specifier, so the bundler leaves the import for run time: dist/main.js.
  const main = './main.js';
  await import(main);
}
