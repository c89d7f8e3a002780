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
  // A computed specifier, so the bundler leaves the import for run time: dist/main.js.
  const main = './main.js';
  await import(main);
}
