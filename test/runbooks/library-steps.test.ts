import {beforeAll, describe, expect, it} from 'vitest';
import {loadRunbookLibrary} from '../../source/runbooks/runbook-library';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {contentDigest, demoDatabaseWithLifeline} from './runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();

beforeAll(async () => {
  await loadSqlParser();
});

/** Values an operator would type for each placeholder of the library, valid on the demo seed. */
async function sampleValues(): Promise<Record<string, string>> {
  const [email] = await database.query<{id: string}>(
    'SELECT id FROM email_log ORDER BY created_at LIMIT 1',
  );
  return {
    pid: '999999',
    table: 'lots',
    'api-key-id': '00000000-0000-4000-8000-000000000001',
    'user-email': 'user@example.com',
    source: 'twilio-webhook',
    'email-id': email!.id,
    'campaign-id': '1',
    'voucher-id': '00000000-0000-4000-8000-00000000a001',
    'idempotency-key': 'pay-7',
    'entity-id': '3',
  };
}

describe('the runbook library on the demo schema', () => {
  it('keeps every read step a read: the library calls only side-effect-free built-ins', async () => {
    const library = await loadRunbookLibrary();
    const values = await sampleValues();
    const unknownCalls: string[] = [];
    let selects = 0;
    for (const runbook of library)
      for (const {step} of allSteps(runbook))
        for (const code of step.code.filter((block) => block.lang === 'sql')) {
          const prepared = prepareSqlStep(code, values);
          if ('error' in prepared) continue;
          for (const statement of prepared.classification.statements) {
            if (statement.statementType === 'SelectStmt') selects += 1;
            const why = statement.reasons.filter((reason) => reason.includes('not a known'));
            if (why.length > 0) unknownCalls.push(`${runbook.id}:${code.line}: ${why.join('; ')}`);
          }
        }
    expect(selects).toBeGreaterThanOrEqual(40);
    expect(unknownCalls).toEqual([]);
  });

  it('runs every read-only SQL step and previews every write step without changing anything', async () => {
    const library = await loadRunbookLibrary();
    expect(library.length).toBeGreaterThanOrEqual(15);
    const values = await sampleValues();
    const before = await contentDigest((sql) => database.query(sql));
    const counts = {read: 0, preview: 0, dangerous: 0};
    const failures: string[] = [];
    for (const runbook of library) {
      for (const {step} of allSteps(runbook)) {
        for (const code of step.code.filter((block) => block.lang === 'sql')) {
          const where = `${runbook.id}:${code.line}`;
          const prepared = prepareSqlStep(code, values);
          if ('error' in prepared) {
            failures.push(`${where}: ${prepared.error}`);
            continue;
          }
          const outcome = await runSqlStep(lifeline, prepared);
          if (outcome.kind === 'read') counts.read += 1;
          else if (outcome.kind === 'preview') {
            counts.preview += 1;
            expect(outcome.rolledBack).toBe(true);
          } else if (outcome.kind === 'needs-confirmation') counts.dangerous += 1;
          else failures.push(`${where}: ${JSON.stringify(outcome)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(counts.read).toBeGreaterThanOrEqual(40);
    expect(counts.preview).toBeGreaterThanOrEqual(10);
    expect(counts.dangerous).toBeGreaterThanOrEqual(4);
    expect(await contentDigest((sql) => database.query(sql))).toEqual(before);
  });
});
