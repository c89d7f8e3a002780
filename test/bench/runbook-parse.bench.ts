// Parse time of the runbook library, of each seed runbook, and of a 5 MB runbook.
import {readdirSync, readFileSync} from 'node:fs';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {countSteps} from '../../source/runbooks/runbook-walk';

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(action: () => void, runs: number): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const libraryFolder = 'runbooks';
const library = readdirSync(libraryFolder)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({name, bytes: readFileSync(`${libraryFolder}/${name}`)}));
const librarySize = library.reduce((total, file) => total + file.bytes.length, 0);
const parseLibrary = () => {
  for (const file of library) parseRunbook(file.bytes, file.name);
};
time(parseLibrary, 3);
const libraryMs = time(parseLibrary, 9);
const librarySteps = library.reduce(
  (total, file) => total + countSteps(parseRunbook(file.bytes, file.name)),
  0,
);
console.log(
  `library: ${library.length} files, ${(librarySize / 1024).toFixed(1)} KiB, ${librarySteps} steps, parsed in ${libraryMs.toFixed(1)} ms (median of 9)`,
);

const seeds = '/work/shared/seeds';
for (const name of readdirSync(seeds)
  .filter((file) => file.endsWith('.md'))
  .sort()) {
  const bytes = readFileSync(`${seeds}/${name}`);
  const runbook = parseRunbook(bytes, name);
  const ms = time(() => parseRunbook(bytes, name), 9);
  console.log(
    `seed ${name}: ${runbook.incidents.length} incidents, ${countSteps(runbook)} steps, ${ms.toFixed(1)} ms`,
  );
}

const section = (index: number) =>
  `## Incident ${index}\n\n**Detection:**\n- alert fired\n\n**Response Steps:**\n1. Check:\n   \`\`\`sql\n   SELECT ${index};\n   \`\`\`\n2. Fix it\n\n`;
let big = '# Big\n\n';
for (let index = 0; big.length < 5 * 1024 * 1024; index++) big += section(index);
const started = performance.now();
const bigRunbook = parseRunbook(big, 'big.md');
const bigMs = performance.now() - started;
console.log(
  `5 MB runbook (${(big.length / 1024 / 1024).toFixed(1)} MiB, read up to 1 MiB): ${bigRunbook.incidents.length} incidents in ${(bigMs / 1000).toFixed(1)} s`,
);
const oneMiB = big.slice(0, 256 * 1024);
const quarterMs = time(() => parseRunbook(oneMiB, 'quarter.md'), 3);
console.log(`256 KiB of the same: ${(quarterMs / 1000).toFixed(2)} s`);
