import {readFileSync} from 'node:fs';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {triggerIds} from '../../source/alerts/all-rules';
import {runRunbooksCommand} from '../../source/commands/runbooks-command';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {cockpitConfigSchema} from '../../source/config/cockpit-config';
import {loadConfig} from '../../source/config/load-config';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {loadRunbookLibrary} from '../../source/runbooks/runbook-library';
import {isError, lintRunbook} from '../../source/runbooks/runbook-lint';
import type {Runbook} from '../../source/runbooks/runbook-model';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {
  applySchemaNames,
  resolveSchemaNames,
  schemaNamesFrom,
} from '../../source/runbooks/schema-names';
import {checkSqlBlock} from '../../source/runbooks/sql-check';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

const root = process.cwd();
const fixture = (name: string) =>
  readFileSync(path.join(root, 'test/fixtures/products', `${name}.sql`), 'utf8');
const example = (name: string) => path.join(root, 'examples', `${name}.config.yaml`);
const fence = '```';
const environment = {
  HOME: '/nonexistent',
  SUPABASE_URL: 'http://127.0.0.1:9',
  SUPABASE_SERVICE_ROLE_KEY: 'k',
};

/** The names a product's example configuration gives runbook SQL. */
async function namesOf(product: string) {
  const {config} = await loadConfig({explicitPath: example(product), environment});
  return schemaNamesFrom(resolveApplicationSettings(config, environment), config.schema);
}

/** The SQL blocks of one library runbook, in order. */
function sqlBlocks(runbook: Runbook) {
  return [...allSteps(runbook)].flatMap(({step}) =>
    step.code.filter((code) => code.lang === 'sql'),
  );
}

async function connected(url: string) {
  const lifeline = new PostgresLifeline(parseConnectionTarget(url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  afterAll(() => lifeline.close());
  return lifeline;
}

beforeAll(async () => {
  await loadSqlParser();
});

describe('configured status values in runbook SQL', () => {
  const names = schemaNamesFrom(
    resolveApplicationSettings({
      panes: {
        emails: {statuses: {failed: ['bounced', 'rejected'], pending: ['queued', 'retrying']}},
        campaigns: {runningStatus: 'sending'},
      },
    }),
    {statuses: {payments: {succeeded: 'success'}}},
  );

  it('become a quoted list for IN (…), and the first value where a step writes one', () => {
    expect(
      resolveSchemaNames(
        'UPDATE {{tables.emails}} SET status = {{status.emails.pending}} WHERE status IN ({{ statuses.emails.failed }})',
        names,
      ),
    ).toEqual({
      sql: `UPDATE "email_log" SET status = 'queued' WHERE status IN ('bounced', 'rejected')`,
      errors: [],
    });
    expect(resolveSchemaNames('{{statuses.campaigns.running}}', names).sql).toBe("'sending'");
    expect(resolveSchemaNames('{{statuses.payments.succeeded}}', names).sql).toBe("'success'");
    // A table no pane describes keeps the library's word until the configuration renames it.
    expect(resolveSchemaNames('{{statuses.vouchers.redeemed}}', names).sql).toBe("'redeemed'");
  });

  it("refuse in schema.statuses a status a pane's configuration owns", () => {
    const parsed = cockpitConfigSchema.safeParse({
      schema: {statuses: {emails: {failed: 'bounced'}}},
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['schema', 'statuses', 'emails', 'failed'],
      message:
        'set panes.emails.statuses.failed instead: the pane and the runbooks read the same value',
    });
  });

  it('never paste a configured value as SQL: a quote stays inside one literal', () => {
    const hostile = schemaNamesFrom(resolveApplicationSettings(), {
      statuses: {payments: {failed: "x') OR true; --"}},
    });
    expect(resolveSchemaNames('IN ({{statuses.payments.failed}})', hostile).sql).toBe(
      "IN ('x'') OR true; --')",
    );
  });

  it('are lint errors when a pane table has no such status, or a list is compared with =', () => {
    const runbook = applySchemaNames(
      parseRunbook(
        `# Typos\n\n## Detect\n\n- one\n  ${fence}sql\n  SELECT 1 FROM {{tables.emails}} WHERE status IN ({{statuses.emails.faild}}) OR status = {{statuses.emails.sent}}\n  ${fence}\n`,
        'typos.md',
      ),
      names,
    );
    const errors = lintRunbook(runbook, triggerIds()).filter(isError);
    expect(errors.map((finding) => finding.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'unknown status statuses.emails.faild (known: sent, failed, pending, retryable',
        ),
        expect.stringContaining('compare {{statuses.emails.sent}} with IN (…)'),
      ]),
    );
  });

  it('make no library step compare a status with a literal of its own', async () => {
    const library = await loadRunbookLibrary(undefined, {}, await namesOf('voucher-platform'));
    const campaigns = library.find((runbook) => runbook.id === 'campaign-dispatcher')!;
    const texts = sqlBlocks(campaigns).map((code) => code.text);
    expect(texts.join('\n')).toContain(`"state" IN ('sending')`);
    expect(texts.join('\n')).toContain(`"delivery_state" IN ('failed', 'undeliverable')`);
    const redemption = library.find((runbook) => runbook.id === 'double-redemption')!;
    expect(
      sqlBlocks(redemption)
        .map((code) => code.text)
        .join('\n'),
    ).toMatch(/SET "status" = 'voided'\s+WHERE id = '\[voucher-id\]' AND "status" IN \('used'\)/);
  });

  it("pass runbooks check on a schema whose enums hold only the product's values, where the library's words fail", async () => {
    const database = await createTestDatabase({schema: fixture('voucher-platform')});
    const lines: string[] = [];
    const code = await runRunbooksCommand(
      {
        action: 'check',
        paths: [],
        json: false,
        db: database.url,
        config: example('voucher-platform'),
      },
      (line) => lines.push(line),
      environment,
    );
    expect(lines.filter((line) => / fails: /.test(line))).toEqual([]);
    expect(code).toBe(0);
    const checked = lines.filter((line) => /double-redemption\.md:\d+: ok/.test(line));
    expect(checked.length).toBe(
      sqlBlocks((await loadRunbookLibrary()).find((runbook) => runbook.id === 'double-redemption')!)
        .length,
    );

    // A status the configuration does not know is named as such, not as a syntax error at "{".
    const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-status-typo-'));
    const typo = path.join(folder, 'typo.md');
    await writeFile(
      typo,
      `# Typo\n\n## Detect\n\n- count\n  ${fence}sql\n  SELECT count(*) FROM {{tables.emails}} WHERE status IN ({{statuses.emails.faild}})\n  ${fence}\n`,
    );
    const typoLines: string[] = [];
    expect(
      await runRunbooksCommand(
        {action: 'check', paths: [typo], json: false, db: database.url},
        (line) => typoLines.push(line),
        environment,
      ),
    ).toBe(1);
    expect(typoLines).toContainEqual(
      expect.stringMatching(/typo\.md:6: fails: unknown status statuses\.emails\.faild \(known: /),
    );

    // The same step with no statuses configured compares with 'succeeded', which this enum lacks.
    const unconfigured = await loadRunbookLibrary();
    const duplicates = sqlBlocks(
      unconfigured.find((runbook) => runbook.id === 'double-redemption')!,
    ).find((block) => block.text.includes('idempotency_key, count(*)'))!;
    const lifeline = await connected(database.url);
    expect(await checkSqlBlock(lifeline, duplicates)).toEqual({
      status: 'fails',
      message: expect.stringContaining('invalid input value for enum payment_state: "succeeded"'),
    });
  });
});

describe('the dead-letter condition in runbook SQL', () => {
  it('is TRUE for a table of dead letters only, and the configured condition otherwise', () => {
    expect(
      resolveSchemaNames('{{where.dlq}}', schemaNamesFrom(resolveApplicationSettings())).sql,
    ).toBe('TRUE');
    const outbox = (
      deadLetterWhen: {column: string; equals: string} | {column: string; isTrue: true},
    ) =>
      resolveSchemaNames(
        'WHERE {{where.dlq}}',
        schemaNamesFrom(resolveApplicationSettings({panes: {dlq: {deadLetterWhen}}})),
      ).sql;
    expect(outbox({column: 'state', equals: "dead'letter"})).toBe(
      `WHERE ("state" = 'dead''letter')`,
    );
    expect(outbox({column: 'is_dead', isTrue: true})).toBe('WHERE ("is_dead" IS TRUE)');
    expect(
      resolveSchemaNames('{{where.dql}}', schemaNamesFrom(resolveApplicationSettings())).errors,
    ).toEqual(['unknown condition where.dql (known: dlq)']);
  });

  it('keeps every library dead-letter step to the dead letters of a table holding other rows too', async () => {
    // restaurant-ordering: eight webhook deliveries, four failed (the dead letters). One more
    // failed by a timeout, and one delivered on its retry that still carries the timeout error.
    const database = await createTestDatabase({schema: fixture('restaurant-ordering')});
    await database.query(`
      INSERT INTO webhook_deliveries (endpoint, event, state, last_error) VALUES
        ('kitchen-display', 'order.paid', 'failed', 'timeout after 10s'),
        ('kitchen-display', 'order.paid', 'delivered', 'timeout after 10s')`);
    const lifeline = await connected(database.url);
    const library = await loadRunbookLibrary(undefined, {}, await namesOf('restaurant-ordering'));
    const runbook = library.find((candidate) => candidate.id === 'dead-letter-webhooks')!;
    expect(lintRunbook(runbook, triggerIds()).filter(isError)).toEqual([]);
    const counted: Array<[string, number | null]> = [];
    for (const code of sqlBlocks(runbook)) {
      const prepared = prepareSqlStep(code, {source: 'kitchen-display'});
      if ('error' in prepared) throw new Error(prepared.error);
      const outcome = await runSqlStep(lifeline, prepared);
      if (outcome.kind === 'read') {
        const [result] = outcome.results;
        const countColumn = result!.columns.findIndex((name) => /messages|dead_letters/.test(name));
        counted.push([
          'read',
          countColumn >= 0 ? Number(result!.rows[0]![countColumn]) : result!.rows.length,
        ]);
      } else if (outcome.kind === 'preview')
        counted.push(['preview', outcome.statements[0]!.rowsChanged]);
      else counted.push([outcome.kind, null]);
    }
    // Detect counts, triage lists, verify counts five dead letters of ten rows; recover marks
    // the one failed by a timeout, not the delivered one.
    expect(counted).toEqual([
      ['read', 5],
      ['read', 5],
      ['preview', 1],
      ['read', 5],
    ]);
    const [row] = await database.query<{n: string}>(
      'SELECT count(*) AS n FROM webhook_deliveries WHERE redelivered_at IS NOT NULL',
    );
    expect(row!.n).toBe('0');
  });
});
