// Flags V8 reads only as the process starts. The bin's shebang passes them (written from this
// list by scripts/bundle-options.mjs); `node dist/cli.js` does not, so the version gate
// restarts in place with those the user did not set. Imports nothing: the gate runs on any Node.
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
// The two flags the gate also sets at run time are here too: the compile cache the build fills
// is keyed by V8's flags as the process starts, and the cockpit reads it only if they match.
export const startupFlags = [
  '--max-semi-space-size=8',
  '--max-opt=2',
  '--heap-growing-percent=40',
  '--no-concurrent-sparkplug',
  '--no-flush-bytecode',
];
