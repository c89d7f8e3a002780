import {readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {classifyShellCommandSql, sqlInShellCommand} from '../../source/runbooks/shell-sql';
import {loadSqlParser} from '../../source/runbooks/sql-parser';

beforeAll(async () => {
  await loadSqlParser();
});

describe('SQL inside shell commands', () => {
  it('finds what psql is given, however it is quoted', () => {
    expect(sqlInShellCommand('psql "$DATABASE_URL" -c "SELECT 1;"')).toEqual(['SELECT 1;']);
    expect(sqlInShellCommand("psql -c 'VACUUM (VERBOSE) orders;'")).toEqual([
      'VACUUM (VERBOSE) orders;',
    ]);
    expect(sqlInShellCommand('/usr/bin/psql --command="SELECT \\"Name\\" FROM t"')).toEqual([
      'SELECT "Name" FROM t',
    ]);
    expect(
      sqlInShellCommand(
        'kubectl exec -n db pod-1 -c postgres -- \\\n  psql -U app -c "SELECT pg_terminate_backend(42);" && echo done',
      ),
    ).toEqual(['SELECT pg_terminate_backend(42);']);
    expect(sqlInShellCommand("psql -X <<'SQL'\nDELETE FROM jobs;\nSQL\necho after")).toEqual([
      'DELETE FROM jobs;',
    ]);
    expect(sqlInShellCommand('echo "psql -c is mentioned"; curl -fsS https://x/health')).toEqual(
      [],
    );
  });

  it('classifies that SQL with the SQL classifier', () => {
    expect(classifyShellCommandSql('psql -c "SELECT pg_terminate_backend(<pid>)"')?.sqlClass).toBe(
      'dangerous',
    );
    expect(
      classifyShellCommandSql('psql -c "SELECT count(*) FROM pg_stat_activity"')?.sqlClass,
    ).toBe('read');
    expect(
      classifyShellCommandSql('psql -c "UPDATE jobs SET state = \'queued\' WHERE id = $JOB_ID"')
        ?.sqlClass,
    ).toBe('write');
    // SQL that does not parse still runs once the command runs.
    expect(classifyShellCommandSql('psql -c "SELEC 1"')?.sqlClass).toBe('dangerous');
    expect(classifyShellCommandSql("psql -c '\\dt'")?.sqlClass).toBe('read');
    expect(classifyShellCommandSql("psql -c '\\! rm -rf /tmp/x'")?.sqlClass).toBe('dangerous');
    expect(classifyShellCommandSql('curl -fsS https://x/health')).toBeUndefined();
  });

  it('finds pg_terminate_backend in the CloudNativePG fixture as dangerous', () => {
    const name = 'cloudnativepg-alert.md';
    const runbook = parseRunbook(
      readFileSync(path.resolve(import.meta.dirname, '../fixtures/runbooks', name)),
      name,
    );
    const classes = [...allSteps(runbook)].flatMap(({step}) =>
      step.code.map((code) => classifyShellCommandSql(code.text)?.sqlClass ?? 'none'),
    );
    expect(classes).toEqual(['none', 'read', 'dangerous', 'read']);
  });
});
