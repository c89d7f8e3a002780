// The environment the cockpit's Node starts with. Imports nothing: the version gate runs it on
// any Node.

/**
 * Read by glibc's malloc only as the process starts (the bin's shebang and `npm start` set
 * them; `node dist/cli.js` restarts in place with those missing, as for the V8 flags).
 * - One malloc arena for every thread, not one per thread that ever allocated: four of V8's
 *   worker threads each kept an arena of 1-3 MB of freed memory. At 160x48 under 400 idle
 *   sessions, RSS was 3-4 MB lower over the first 4 minutes; with 4 MB semi-spaces as well,
 *   level at 118 MiB after an hour against 132, for 0.8% more CPU.
 *   Ignored where the C library is not glibc; shell steps inherit it.
 */
export const startupEnvironment: Readonly<Record<string, string>> = {MALLOC_ARENA_MAX: '1'};

/** The variables of `wanted` that `environment` does not set at all: a value the user chose is kept. */
export function missingStartupEnvironment(
  wanted: Readonly<Record<string, string>>,
  environment: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([name]) => environment[name] === undefined),
  );
}
