export {};

// The entry point of dist/cli.js: it imports nothing, so that on an old Node it still runs far
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
  // Flags V8 reads only as the process starts; the bin's shebang passes them, `node dist/cli.js`
  // does not, so restart in place (same pid, same terminal) with those the user did not set.
  // - The young generation: by default it grows to 128 MB under the allocation churn of a 1 s
  //   refresh, although fewer than 45 MB stay live; 8 MB semi-spaces keep RSS near 120 MB and
  //   cost no more CPU than 16 MB (1 MB took CPU from 3.7 to 6.6 s/min).
  // - No TurboFan: Maglev's code is fast enough for a screen redrawn once a second, and the
  //   optimising compiler kept V8's worker threads busy for minutes after start: without it
  //   the first minute at 80x24 under 400 idle sessions took 0.99-1.13 s of CPU instead of
  //   1.12-1.31, and peak RSS 124-126 MB instead of 140-148 (both flags together).
  // - The old generation grows to 1.4 times what a full collection left live, instead of V8's
  //   factor for a large heap: a cockpit watching 400 idle sessions at 160x48 held 128-131 MB
  //   after 3-5 minutes instead of 156, for the same CPU after its first minute (1.34-1.42 s/min
  //   against 1.33-1.48; the first minute costs about 0.4 s more).
  // The two flags set above are passed here too: the compile cache the build fills is keyed by
  // V8's flags as the process starts, and is the one the cockpit reads only if they match.
  const startupFlags = [
    '--max-semi-space-size=8',
    '--max-opt=2',
    '--heap-growing-percent=40',
    '--no-concurrent-sparkplug',
    '--no-flush-bytecode',
  ];
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
