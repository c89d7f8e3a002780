import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {shellLanguages, sqlLanguages} from '../../source/runbooks/code-language';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/runbooks.md'), 'utf8');

/** The backticked names in the parenthesis after `opening` (up to the first `;` or `)`). */
function listedAfter(opening: string): string[] {
  const start = doc.indexOf(opening);
  expect(start, `"${opening}" in docs/runbooks.md`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + opening.length);
  const list = rest.slice(0, rest.search(/[;)]/));
  return [...list.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

describe('docs/runbooks.md', () => {
  it('lists exactly the SQL languages of the code', () => {
    expect(listedAfter('- SQL (')).toEqual([...sqlLanguages]);
  });

  it('lists exactly the shell languages of the code', () => {
    expect(listedAfter('- Shell and HTTP blocks (')).toEqual([...shellLanguages]);
  });
});
