// The cockpit's V8 flags. Imports nothing: the version gate runs it on any Node.
//
// Node's built-in modules come with code V8 compiled when Node was built, and V8 accepts it only
// while its flags hash as they did then. --max-opt, --heap-growing-percent and
// --no-flush-bytecode all change that hash, from the command line or at run time alike: every
// built-in module loaded afterwards is compiled from source (55 to 90 ms of CPU to load http,
// crypto, child_process and streams). So the flags that leave the hash alone are passed at start,
// and the others are set at run time once the built-in modules the cockpit needs are loaded.

/**
 * Read only as the process starts (the bin's shebang passes them, written from this list by
 * scripts/bundle-options.mjs; `node dist/cli.js` restarts in place with those missing).
 * - The young generation: by default it grows to 128 MB under the allocation churn of a 1 s
 *   refresh, although fewer than 45 MB stay live. At 160x48 under 400 idle sessions 4 MB
 *   semi-spaces left RSS 5-7 MB below 8 MB ones over the first 4 minutes, for CPU within
 *   0.1 s/min (1 MB took CPU from 3.7 to 6.6 s/min): the young generation's 16 MB became 8.
 * - It starts at 1 MB and grows: starting at 4 MB (--min-semi-space-size=4) made no difference,
 *   22 collections in the first 1.5 s (first live data included) either way, 38-45 ms of them.
 * - The collector works on the main thread alone. With a heap this small, four helper threads
 *   cost more in handing work over than they save: side by side at 80x24 under 400 idle
 *   sessions, 850-865 ms of CPU a minute instead of 910-930, the same RSS.
 */
export const startupFlags = ['--max-semi-space-size=4', '--single-threaded-gc'];

/** A flag set at run time, unless the user gave one of `overriddenBy` to node. */
type RuntimeFlag = {flag: string; overriddenBy: string[]};

/**
 * Set by the gate before the cockpit's own code loads.
 * - No TurboFan: Maglev's code is fast enough for a screen redrawn once a second, and the
 *   optimising compiler kept V8's worker threads busy for minutes after start: without it the
 *   first minute at 80x24 under 400 idle sessions took 0.99-1.13 s of CPU instead of 1.12-1.31,
 *   and peak RSS 124-126 MB instead of 140-148. (`--max-opt=2` only works from the command line;
 *   `--no-turbofan` works at run time too.)
 * - The old generation grows to 1.4 times what a full collection left live, instead of V8's
 *   factor for a large heap: at 160x48 under 400 idle sessions 128-131 MB after 3-5 minutes
 *   instead of 156, for the same CPU after the first minute.
 * - V8 throws away the bytecode of functions idle for a few collections and compiles them again
 *   when next called: the application panes' code, run every 10 s, was recompiled and
 *   re-optimised all day long (about 9 code objects a second in a steady cockpit).
 * - Baseline code is compiled on the main thread: a background compile that needs a garbage
 *   collection while the main thread is already in process.exit waits for it forever
 *   (`cockpit runbooks lint` hung after its summary about 1 exit in 10).
 */
export const runtimeFlags: readonly RuntimeFlag[] = [
  {flag: '--no-turbofan', overriddenBy: ['--turbofan', '--no-turbofan', '--max-opt']},
  {flag: '--heap-growing-percent=40', overriddenBy: ['--heap-growing-percent']},
  {flag: '--no-flush-bytecode', overriddenBy: ['--flush-bytecode', '--no-flush-bytecode']},
  {
    flag: '--no-concurrent-sparkplug',
    overriddenBy: ['--concurrent-sparkplug', '--no-concurrent-sparkplug'],
  },
];

/**
 * The built-in modules a launch of the full-screen cockpit loads (with those they load in turn),
 * loaded before the run-time flags so they keep Node's precompiled code. One left out is only
 * compiled, as it would be anyway; from `process.moduleLoadList` after the first frame.
 */
export const builtinsLoadedAtLaunch = [
  'assert',
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'fs/promises',
  'module',
  'net',
  'os',
  'perf_hooks',
  'stream',
  'stream/promises',
  'string_decoder',
  'tty',
  'v8',
  'vm',
  'worker_threads',
];

/**
 * The name a flag is matched by, as V8 reads it: `--max-opt=2` is `--max-opt`, and
 * `--no-single_threaded_gc` names `--single-threaded-gc`.
 */
function flagName(argument: string): string {
  return argument
    .split('=')[0]!
    .replaceAll('_', '-')
    .replace(/^--no-/, '--');
}

/** Which of `flags` `given` (node's own arguments) does not already set. */
export function missingStartupFlags(flags: readonly string[], given: readonly string[]): string[] {
  const named = new Set(given.map(flagName));
  return flags.filter((flag) => !named.has(flagName(flag)));
}

/**
 * Loads the launch's built-in modules, then sets the run-time flags the user did not choose.
 * Returns the flags set. Needs Node 22.3 (process.getBuiltinModule); on older Node nothing is set.
 */
export function applyRuntimeFlags(given: readonly string[]): string[] {
  const load = process.getBuiltinModule as ((id: string) => unknown) | undefined;
  if (typeof load !== 'function') return [];
  for (const id of builtinsLoadedAtLaunch) load(`node:${id}`);
  const v8 = load('node:v8') as {setFlagsFromString(flags: string): void};
  const named = new Set(given.map(flagName));
  const chosen = runtimeFlags
    .filter(({overriddenBy}) => !overriddenBy.some((name) => named.has(name)))
    .map(({flag}) => flag);
  for (const flag of chosen) v8.setFlagsFromString(flag);
  return chosen;
}
