import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {knownEventTypes} from '../../source/journal/journal-event';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the docs say what the code does', () => {
  it('lists every journal event type in docs/incident-journal.md, and no other', () => {
    const doc = read('docs/incident-journal.md');
    const table = doc.slice(doc.indexOf('| type | data |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = rows.flatMap((row) =>
      [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
    );
    expect([...documented].sort()).toEqual([...knownEventTypes].sort());
  });

  it('names in the README exactly the probe folders with per-version SQL, and their versions', () => {
    const probes = path.join(root, 'source/probes');
    const versioned = readdirSync(probes, {withFileTypes: true})
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const versions = readdirSync(path.join(probes, entry.name))
          .map((file) => /\.pg(\d+)\.sql$/.exec(file)?.[1])
          .filter((version): version is string => version !== undefined)
          .map(Number)
          .sort((left, right) => left - right);
        return {folder: entry.name, versions};
      })
      .filter(({versions}) => versions.length > 0)
      .sort((left, right) => left.folder.localeCompare(right.folder));
    expect(versioned.length).toBeGreaterThan(0);
    const claim = versioned
      .map(({folder, versions}) => `\`${folder}\` (${versions.join(', ')})`)
      .join(', ');
    const row = read('README.md')
      .split('\n')
      .find((line) => line.startsWith('| `source/probes/` |'));
    expect(row).toContain(`per PostgreSQL version where the catalog views differ — ${claim} —`);
  });
});
