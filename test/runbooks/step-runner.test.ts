import {beforeAll, describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {planPhaseReads, runPhaseReads} from '../../source/runbooks/phase-runner';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import type {CodeBlock} from '../../source/runbooks/runbook-model';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {type PreparedSqlStep, prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {waitFor} from '../helpers/database';
import {demoDatabaseWithLifeline} from './runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();

beforeAll(async () => {
  await loadSqlParser();
});

const block = (text: string): CodeBlock => ({
  lang: 'sql',
  text,
  line: 1,
  placeholders: findPlaceholders(text, 'sql'),
});
const prepare = (text: string, values: Record<string, string> = {}): PreparedSqlStep => {
  const prepared = prepareSqlStep(block(text), values);
  if ('error' in prepared) throw new Error(prepared.error);
  return prepared;
};
const count = async (sql: string) => Number((await database.query<{n: string}>(sql))[0]!.n);

describe('runSqlStep', () => {
  it('runs a read and bounds its result', async () => {
    const outcome = await runSqlStep(
      lifeline,
      prepare('SELECT id, status FROM email_log ORDER BY id'),
      {
        limits: {maxRows: 5, maxColumns: 1, maxCellLength: 20},
      },
    );
    expect(outcome).toMatchObject({
      kind: 'read',
      results: [{columns: ['id'], omittedRows: 395, omittedColumns: 1}],
    });
    if (outcome.kind === 'read') expect(outcome.results[0]!.rows).toHaveLength(5);
  });

  it('previews a write in a rolled-back transaction: rows it would change, a sample, nothing changed', async () => {
    const sql = "UPDATE email_log SET status = 'failed' WHERE status = 'sent'";
    const before = await count("SELECT count(*) AS n FROM email_log WHERE status = 'sent'");
    const outcome = await runSqlStep(lifeline, prepare(sql));
    expect(outcome).toMatchObject({
      kind: 'preview',
      rolledBack: true,
      statements: [{rowsChanged: before}],
    });
    if (outcome.kind !== 'preview') return;
    const sample = outcome.statements[0]!.sample;
    expect(sample.rows.length).toBe(10);
    expect(sample.columns).toContain('status');
    expect(sample.columns).not.toContain('cockpit_rows_changed');
    expect(await count("SELECT count(*) AS n FROM email_log WHERE status = 'sent'")).toBe(before);
  });

  it('previews a write that has its own RETURNING, and a data-modifying WITH, as they are', async () => {
    const returning = await runSqlStep(
      lifeline,
      prepare('DELETE FROM login_attempts WHERE succeeded RETURNING email'),
    );
    expect(returning).toMatchObject({
      kind: 'preview',
      statements: [{rowsChanged: 6, sample: {columns: ['email']}}],
    });
    const withClause = await runSqlStep(
      lifeline,
      prepare('WITH gone AS (DELETE FROM login_attempts RETURNING 1) SELECT count(*) FROM gone'),
    );
    expect(withClause).toMatchObject({
      kind: 'preview',
      statements: [{rowsChanged: 1, sample: {rows: [['60']]}}],
    });
    expect(await count('SELECT count(*) AS n FROM login_attempts')).toBe(60);
  });

  it('fails a preview fast with lock_timeout instead of waiting on a lock', async () => {
    const holder = await database.connect('lock-holder');
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
    const outcome = await runSqlStep(
      lifeline,
      prepare('UPDATE api_keys SET rate_limit_per_minute = 1'),
    );
    expect(outcome).toMatchObject({kind: 'failed', error: expect.stringMatching(/lock timeout/)});
    await holder.query('ROLLBACK');
    // The lifeline is usable again after the failed preview.
    expect(await runSqlStep(lifeline, prepare('SELECT 1 AS one'))).toMatchObject({kind: 'read'});
  });

  it('binds a hostile value as data: no injection in reads or previews', async () => {
    const attack = "'; DROP TABLE api_keys; --";
    const read = await runSqlStep(
      lifeline,
      prepare("SELECT * FROM api_keys WHERE name = '[name]'", {name: attack}),
    );
    expect(read).toMatchObject({kind: 'read', results: [{rowCount: 0}]});
    const preview = await runSqlStep(
      lifeline,
      prepare('UPDATE api_keys SET name = [name] WHERE is_active', {name: attack}),
    );
    expect(preview).toMatchObject({kind: 'preview', statements: [{rowsChanged: 2}]});
    if (preview.kind === 'preview') expect(preview.statements[0]!.sample.rows[0]).toContain(attack);
    expect(await count('SELECT count(*) AS n FROM api_keys')).toBe(2);
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE name LIKE '%DROP%'")).toBe(0);
  });

  it('names a missing placeholder value', () => {
    expect(prepareSqlStep(block("SELECT '[who]'"), {})).toEqual({
      error: 'missing value for [who] (who)',
    });
  });

  it('runs a write for real only with the confirmation token of that exact SQL', async () => {
    const prepared = prepare("UPDATE api_keys SET rate_limit_per_minute = 120 WHERE id = '[id]'", {
      id: '00000000-0000-4000-8000-000000000001',
    });
    const other = prepare('UPDATE api_keys SET rate_limit_per_minute = 1');
    expect(
      await runSqlStep(lifeline, prepared, {confirmationToken: other.confirmationToken}),
    ).toMatchObject({kind: 'refused'});
    const done = await runSqlStep(lifeline, prepared, {
      confirmationToken: prepared.confirmationToken,
    });
    expect(done).toMatchObject({kind: 'executed', statements: [{rowsAffected: 1}]});
    expect(
      await count(
        "SELECT max(rate_limit_per_minute) AS n FROM api_keys WHERE name = 'partner-sync'",
      ),
    ).toBe(120);
  });

  it('never previews a dangerous step: it asks for confirmation, then runs it', async () => {
    const victim = await database.connect('victim');
    const pid = String((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const prepared = prepare('SELECT pg_terminate_backend(<pid>)', {pid});
    const asked = await runSqlStep(lifeline, prepared);
    expect(asked).toMatchObject({
      kind: 'needs-confirmation',
      reasons: ['pg_terminate_backend() ends another session'],
    });
    expect(
      await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ${Number(pid)}`),
    ).toBe(1);
    const done = await runSqlStep(lifeline, prepared, {
      confirmationToken: prepared.confirmationToken,
    });
    expect(done).toMatchObject({kind: 'executed', statements: [{result: {rows: [['true']]}}]});
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ${Number(pid)}`)) ===
        0,
      {
        what: 'the terminated backend to leave',
      },
    );
  });

  it('refuses SQL PostgreSQL cannot parse', async () => {
    expect(await runSqlStep(lifeline, prepare('SELEC 1'))).toEqual({
      kind: 'refused',
      reason: 'not valid PostgreSQL: syntax error at or near "SELEC"',
    });
  });
});

describe('running all read-only steps of a phase', () => {
  const runbook = parseRunbook(
    '# T\n\n## Triage\n\n- one\n  ```sql\n  SELECT 1 AS one;\n  ```\n- broken\n  ```sql\n  SELECT * FROM no_such_table;\n  ```\n- a write\n  ```sql\n  DELETE FROM orders;\n  ```\n- three\n  ```sql\n  SELECT count(*) FROM orders;\n  ```\n',
    't.md',
  );
  const incident = runbook.incidents[0]!;
  const phase = incident.phases[0]!;

  it('lists the reads and leaves writes out, saying why', () => {
    const plan = planPhaseReads(incident, phase);
    expect(plan.reads.map((read) => read.step.text)).toEqual(['one', 'broken', 'three']);
    expect(plan.skipped).toMatchObject([{reason: 'a write step runs on its own'}]);
  });

  it('stops at the first failure, or runs the rest and reports', async () => {
    const {reads} = planPhaseReads(incident, phase);
    const stopped = await runPhaseReads(lifeline, reads, 'stop-at-first');
    expect(stopped.map((result) => result.outcome.kind)).toEqual(['read', 'failed', 'not-run']);
    const all = await runPhaseReads(lifeline, reads, 'run-all');
    expect(all.map((result) => result.outcome.kind)).toEqual(['read', 'failed', 'read']);
  });
});
