import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const sourceRoot = path.resolve(import.meta.dirname, '../../source');

/** Every import of a folder's files that reaches into `source/<target>/`, as `file → specifier`. */
async function importsInto(folder: string, target: string): Promise<string[]> {
  const entries = await readdir(path.join(sourceRoot, folder), {recursive: true});
  const found: string[] = [];
  for (const entry of entries) {
    if (!/\.tsx?$/.test(entry)) continue;
    const file = path.join(sourceRoot, folder, entry);
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
      const resolved = path.relative(sourceRoot, path.resolve(path.dirname(file), match[1]!));
      if (resolved === target || resolved.startsWith(`${target}/`))
        found.push(`${path.join(folder, entry)} → ${match[1]}`);
    }
  }
  return found;
}

describe('layers of the source tree', () => {
  it('keeps the report above the journal and the incidents: neither imports it', async () => {
    expect(await importsInto('journal', 'report')).toEqual([]);
    expect(await importsInto('incidents', 'report')).toEqual([]);
    expect(await importsInto('journal', 'incidents')).toEqual([]);
  });

  it('keeps the store, the runbook model and the probes free of the UI', async () => {
    for (const folder of ['store', 'runbooks', 'probes', 'journal', 'incidents', 'report'])
      expect(await importsInto(folder, 'ui'), folder).toEqual([]);
  });
});
