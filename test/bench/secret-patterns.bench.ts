// How the secret patterns hold up against the slowest inputs a fuzzer finds for each. The test
// suite checks their shape (test/helpers/backtracking-shape.ts), which needs no clock; this
// asks recheck, whose fuzzing stops on timers and so belongs here rather than in a test, and
// times redaction of each attack string grown to 64 KiB and to 1 MiB: linear time makes the
// second about 16 times the first.
import {createRequire} from 'node:module';
import type * as Recheck from 'recheck';
import {secretPatterns} from '../../source/secrets/secret-patterns';
import {redactSecrets} from '../../source/text/redact-secrets';

// Loaded from node_modules as it is: bundled, its worker set-up cannot find its own files.
const {checkSync} = createRequire(import.meta.url)('recheck') as typeof Recheck;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function redactionMs(text: string): number {
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    redactSecrets(text);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

type Pump = {prefix: string; pump: string};

/** The attack's prefixes and pumps repeated until the text is about `size` characters. */
function grown(pumps: Pump[], suffix: string, size: number): string {
  const unit = pumps.reduce((total, {prefix, pump}) => total + prefix.length + pump.length, 0);
  const repeats = Math.max(1, Math.floor(size / Math.max(1, unit)));
  return pumps.map(({prefix, pump}) => prefix + pump.repeat(repeats)).join('') + suffix;
}

console.log('pattern                verdict (recheck fuzz)   64 KiB ms   1 MiB ms   ratio');
for (const {name, pattern} of secretPatterns) {
  const verdict = checkSync(pattern.source, pattern.flags, {checker: 'fuzz', timeout: 60_000});
  const described =
    verdict.status === 'unknown'
      ? `unknown (${verdict.error.kind})`
      : verdict.complexity.type === 'polynomial'
        ? `${verdict.status}, degree ${verdict.complexity.degree}`
        : `${verdict.status}, ${verdict.complexity.type}`;
  if (verdict.status !== 'vulnerable') {
    console.log(`${name.padEnd(22)} ${described.padEnd(24)}`);
    continue;
  }
  const {pumps, suffix} = verdict.attack;
  const small = redactionMs(grown(pumps, suffix, 64 * 1024));
  const large = redactionMs(grown(pumps, suffix, 1024 * 1024));
  console.log(
    `${name.padEnd(22)} ${described.padEnd(24)} ${small.toFixed(1).padStart(9)} ${large.toFixed(1).padStart(10)} ${(large / small).toFixed(1).padStart(7)}`,
  );
}
