import {beforeAll, describe, expect, it} from 'vitest';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import {bindShellPlaceholders} from '../../source/runbooks/shell-placeholders';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {bindSqlPlaceholders} from '../../source/runbooks/sql-placeholders';

beforeAll(async () => {
  await loadSqlParser();
});

describe('findPlaceholders', () => {
  it('finds every style, once each, in order', () => {
    const sql =
      "UPDATE t SET a = 1 WHERE id = '[api-key-id]' AND email = 'user@example.com' AND n = <count> AND id2 = '[api-key-id]'";
    expect(
      findPlaceholders(sql, 'sql').map((placeholder) => [
        placeholder.token,
        placeholder.name,
        placeholder.kind,
      ]),
    ).toEqual([
      ['[api-key-id]', 'api-key-id', 'bracket'],
      ["'user@example.com'", 'user-email', 'example'],
      ['<count>', 'count', 'angle'],
    ]);
    expect(
      findPlaceholders('curl "$SUPABASE_URL/x" -H "k: ${KEY}"', 'bash').map(
        (placeholder) => placeholder.name,
      ),
    ).toEqual(['SUPABASE_URL', 'KEY']);
    // Generics are syntax, and $1 or $$ are not environment variables.
    expect(findPlaceholders('const x: Array<string> = []', 'ts')).toEqual([]);
    expect(findPlaceholders('SELECT $1; DO $$ $$', 'sql')).toEqual([]);
  });
});

describe('bindSqlPlaceholders', () => {
  const bind = (sql: string, values: Record<string, string>) =>
    bindSqlPlaceholders(sql, findPlaceholders(sql, 'sql'), values);

  it('quotes values inside literals and rebuilds the literal', () => {
    expect(bind("SELECT * FROM t WHERE id = '[id]'", {id: "it's"})).toEqual({
      sql: "SELECT * FROM t WHERE id = 'it''s'",
    });
    expect(bind("SELECT '%[term]%' || 'a''b'", {term: 'x'})).toEqual({
      sql: "SELECT '%x%' || 'a''b'",
    });
    expect(bind("DELETE FROM t WHERE email = 'user@example.com'", {'user-email': 'a@b.c'})).toEqual(
      {sql: "DELETE FROM t WHERE email = 'a@b.c'"},
    );
  });

  it('binds a bare placeholder as a literal, or an identifier where only that parses', () => {
    expect(bind('SELECT * FROM t WHERE id = [id]', {id: '7'})).toEqual({
      sql: "SELECT * FROM t WHERE id = '7'",
    });
    expect(bind('ANALYZE <table>', {table: 'lots'})).toEqual({sql: 'ANALYZE "lots"'});
  });

  it('never lets a value out of its quotes', () => {
    const attack = "'; DROP TABLE x; --";
    const bound = bind("SELECT * FROM t WHERE id = '[id]' AND n = [n]", {id: attack, n: attack});
    expect(bound).toEqual({
      sql: "SELECT * FROM t WHERE id = '''; DROP TABLE x; --' AND n = '''; DROP TABLE x; --'",
    });
    // pg's escapeLiteral switches to E'' (after a space) when the value has a backslash.
    expect(bind('SELECT [v]', {v: 'a\\b'})).toEqual({sql: "SELECT  E'a\\\\b'"});
  });

  it('names a missing value and leaves comments alone', () => {
    expect(bind("SELECT '[a]', '[b]'", {a: '1'})).toEqual({error: 'missing value for [b] (b)'});
    expect(bind('SELECT 1 -- see [ref]\n', {ref: 'x'})).toEqual({sql: 'SELECT 1 -- see [ref]\n'});
  });
});

describe('bindShellPlaceholders', () => {
  const bind = (command: string, values: Record<string, string>, environment = {}) =>
    bindShellPlaceholders(command, findPlaceholders(command, 'bash'), values, environment);

  it('turns placeholders into variables quoted for where they sit', () => {
    expect(
      bind(
        `curl "$URL/functions/v1/[name]" -d '{"id": "[name]"}' -H [name]`,
        {name: 'f'},
        {URL: 'https://x'},
      ),
    ).toEqual({
      command: `curl "$URL/functions/v1/\${COCKPIT_VALUE_1}" -d '{"id": "'"\${COCKPIT_VALUE_1}"'"}' -H "\${COCKPIT_VALUE_1}"`,
      environment: {URL: 'https://x', COCKPIT_VALUE_1: 'f'},
    });
  });

  it('names a missing value', () => {
    expect(bind('echo $MISSING_THING', {})).toEqual({
      error: 'missing value for $MISSING_THING (MISSING_THING)',
    });
  });
});
