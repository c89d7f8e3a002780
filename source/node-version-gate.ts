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
  // V8 sizes its heap only when the process starts. By default the young generation grows to
  // 128 MB under the allocation churn of a 1 s refresh, although under 45 MB stays live, and the
  // old generation keeps headroom it rarely gives back: 250 MB RSS. 1 MB semi-spaces bring that
  // to 180 MB, and V8's size-over-speed mode to 115 MB (for about a third more CPU). The bin's
  // shebang and `npm start` pass these flags; `node dist/cli.js` does not, so restart in place
  // (same pid, same terminal) with the missing ones. A value the user gave is kept.
  const memoryFlags = ['--max-semi-space-size=1', '--optimize-for-size'];
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = memoryFlags.filter(
    (flag) => !given.some((argument) => argument.split('=')[0] === flag.split('=')[0]),
  );
  if (missing.length > 0 && typeof process.execve === 'function') {
    try {
      process.execve(
        process.execPath,
        [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
        process.env,
      );
    } catch {
      // Cannot replace the process here (an unusual platform): run with V8's default sizes.
    }
  }
  // A computed specifier, so the bundler leaves the import for run time: dist/main.js.
  const main = './main.js';
  await import(main);
}
