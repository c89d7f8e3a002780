// Parse time of the runbook library, of each fixture runbook, of a 60 KB and of a 5 MB runbook.
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

// The fixtures in the styles of other teams (test/fixtures/runbooks), one by one.
const fixtureFolder = 'test/fixtures/runbooks';
const fixtures = readdirSync(fixtureFolder)
  .filter((file) => file.endsWith('.md'))
  .sort()
  .map((name) => ({name, bytes: readFileSync(`${fixtureFolder}/${name}`)}));
for (const {name, bytes} of fixtures) {
  const runbook = parseRunbook(bytes, name);
  const ms = time(() => parseRunbook(bytes, name), 9);
  console.log(
    `fixture ${name}: ${runbook.incidents.length} incidents, ${countSteps(runbook)} steps, ${ms.toFixed(1)} ms`,
  );
}

// A 60 KB runbook: the fixtures' bodies one after another, as a large team handbook would be.
const bodies = fixtures.map(({bytes}) =>
  bytes.toString('utf8').replace(/^(---|\+\+\+)\n[\s\S]*?\n\1\n/, ''),
);
let handbook = '# Team handbook\n\n';
for (let index = 0; handbook.length < 60 * 1024; index++)
  handbook += `${bodies[index % bodies.length]!.replace(/^# /gm, '## ')}\n`;
time(() => parseRunbook(handbook, 'handbook.md'), 3);
const handbookMs = time(() => parseRunbook(handbook, 'handbook.md'), 9);
const handbookRunbook = parseRunbook(handbook, 'handbook.md');
console.log(
  `60 KB runbook (${(handbook.length / 1024).toFixed(1)} KiB): ${handbookRunbook.incidents.length} incidents, ${countSteps(handbookRunbook)} steps, ${handbookMs.toFixed(1)} ms warm (median of 9)`,
);

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
