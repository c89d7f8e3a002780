import {beforeAll, describe, expect, it} from 'vitest';
import {triggerIds} from '../../source/alerts/all-rules';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {loadRunbookLibrary} from '../../source/runbooks/runbook-library';
import {isError, lintRunbook} from '../../source/runbooks/runbook-lint';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {
  applySchemaNames,
  resolveSchemaNames,
  schemaNamesFrom,
} from '../../source/runbooks/schema-names';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

// A product whose dead letters live elsewhere, under other column names.
const database = await createTestDatabase({
  schema: `
    CREATE SCHEMA messaging;
    CREATE TABLE messaging.webhook_failures (
      failure_id bigserial PRIMARY KEY,
      provider text NOT NULL,
      failure_reason text NOT NULL,
      body jsonb,
      received_at timestamptz NOT NULL DEFAULT now(),
      requeued_at timestamptz
    );
    INSERT INTO messaging.webhook_failures (provider, failure_reason, received_at)
    SELECT 'twilio-webhook', 'timeout after 10s', now() - g * interval '1 minute'
    FROM generate_series(1, 7) AS g;
  `,
});
const settings = resolveApplicationSettings({
  panes: {
    dlq: {
      table: 'messaging.webhook_failures',
      columns: {
        id: 'failure_id',
        source: 'provider',
        error: 'failure_reason',
        payload: 'body',
        createdAt: 'received_at',
        retriedAt: 'requeued_at',
      },
    },
  },
});
const names = schemaNamesFrom(settings);
const fence = '```';

beforeAll(async () => {
  await loadSqlParser();
});

describe('configured table and column names in runbook SQL', () => {
  it('become quoted identifiers, schema and table quoted apart', () => {
    expect(resolveSchemaNames('SELECT {{ columns.dlq.error }} FROM {{tables.dlq}}', names)).toEqual(
      {
        sql: 'SELECT "failure_reason" FROM "messaging"."webhook_failures"',
        errors: [],
      },
    );
  });

  it('never paste a configured name as SQL: quotes in it stay inside one identifier', () => {
    const hostile = schemaNamesFrom(settings, {tables: {audit_logs: 'x"; DROP TABLE users; --'}});
    const {sql} = resolveSchemaNames('SELECT count(*) FROM {{tables.audit_logs}}', hostile);
    expect(sql).toBe('SELECT count(*) FROM "x""; DROP TABLE users; --"');
    const prepared = prepareSqlStep({lang: 'sql', text: sql, line: 1, placeholders: []});
    expect('classification' in prepared && prepared.classification.statements).toHaveLength(1);
  });

  it('are lint errors when unknown, on the line of the block', () => {
    const runbook = applySchemaNames(
      parseRunbook(
        `# Typos\n\n## Detect\n\n- one\n  ${fence}sql\n  SELECT {{columns.dlq.eror}} FROM {{tables.dead_letters}}\n  ${fence}\n`,
        'typos.md',
      ),
      names,
    );
    const errors = lintRunbook(runbook, triggerIds()).filter(isError);
    expect(errors.map((finding) => finding.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown column name columns.dlq.eror (known: id, source, error'),
        'unknown table name tables.dead_letters',
      ]),
    );
    expect(errors.every((finding) => finding.line === 6)).toBe(true);
  });

  it('are never asked for as placeholders, while real placeholders still are', () => {
    const runbook = applySchemaNames(
      parseRunbook(
        `# One\n\n## Detect\n\n- one\n  ${fence}sql\n  SELECT * FROM {{ tables.dlq }} WHERE {{columns.dlq.source}} = '[source]'\n  ${fence}\n`,
        'one.md',
      ),
      names,
    );
    const [placed] = [...allSteps(runbook)];
    expect(placed!.step.code[0]!.placeholders.map((placeholder) => placeholder.name)).toEqual([
      'source',
    ]);
  });

  it('make every dead-letter step of the library run on a product that names things its own way', async () => {
    const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
    lifeline.start();
    await lifeline.waitUntilConnected(10_000);
    try {
      const library = await loadRunbookLibrary(undefined, {}, names);
      const runbook = library.find((candidate) => candidate.id === 'dead-letter-webhooks')!;
      expect(lintRunbook(runbook, triggerIds()).filter(isError)).toEqual([]);
      const outcomes: string[] = [];
      for (const {step} of allSteps(runbook)) {
        for (const code of step.code.filter((block) => block.lang === 'sql')) {
          const prepared = prepareSqlStep(code, {source: 'twilio-webhook'});
          if ('error' in prepared) throw new Error(prepared.error);
          const outcome = await runSqlStep(lifeline, prepared);
          outcomes.push(outcome.kind);
          if (outcome.kind === 'preview') expect(outcome.statements[0]!.rowsChanged).toBe(7);
        }
      }
      expect(outcomes).toEqual(['read', 'read', 'preview', 'read']);
      const [row] = await database.query<{n: string}>(
        'SELECT count(*) AS n FROM messaging.webhook_failures WHERE requeued_at IS NOT NULL',
      );
      expect(row!.n).toBe('0');
    } finally {
      await lifeline.close();
    }
  });
});
