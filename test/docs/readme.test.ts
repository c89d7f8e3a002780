import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../../source/ui/key-table-markdown';

const readmePath = path.resolve(import.meta.dirname, '../../README.md');
const start =
  '<!-- keys:start (generated from source/ui/keys.ts; UPDATE_README=1 npx vitest run test/docs) -->';
const end = '<!-- keys:end -->';

describe('README', () => {
  it('has the key table exactly as the key table generates it', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'key table markers in README.md').toBeGreaterThanOrEqual(0);
    const generated = `${start}\n${keyTableMarkdown()}\n${end}`;
    if (process.env.UPDATE_README) {
      writeFileSync(readmePath, readme.slice(0, from) + generated + readme.slice(to + end.length));
      return;
    }
    expect(readme.slice(from, to + end.length)).toBe(generated);
  });

  it('gives exactly the two quick-start commands', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });
});
