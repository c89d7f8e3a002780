import {beforeAll, describe, expect, it} from 'vitest';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {type PreparedSqlStep, prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {demoDatabaseWithLifeline} from './runbook-db';

const {lifeline} = await demoDatabaseWithLifeline();

beforeAll(async () => {
  await loadSqlParser();
});

const prepare = (text: string): PreparedSqlStep => {
  const prepared = prepareSqlStep(
    {lang: 'sql', text, line: 1, placeholders: findPlaceholders(text, 'sql')},
    {},
  );
  if ('error' in prepared) throw new Error(prepared.error);
  return prepared;
};

describe('a failed step keeps what PostgreSQL said', () => {
  it('keeps the detail and points into the step, not into the transaction around it', async () => {
    expect(await runSqlStep(lifeline, prepare(`SELECT '{"a": }'::jsonb AS broken`))).toEqual({
      kind: 'failed',
      error: 'invalid input syntax for type json',
      detail: expect.stringContaining('"}"'),
      statement: 1,
      position: 8,
      at: `line 1, column 8: SELECT '{"a": }'::jsonb AS broken`,
    });
  });

  it('keeps the hint, and names the statement and line of a longer step', async () => {
    const outcome = await runSqlStep(
      lifeline,
      prepare('SELECT 1;\nSELECT id\n  FROM email_log\n  WHERE status = 1'),
    );
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: 'operator does not exist: text = integer',
      hint: expect.stringContaining('explicit type casts'),
      statement: 2,
      at: 'statement 2, line 3, column 16: WHERE status = 1',
    });
  });

  it('points into the write itself when its preview fails', async () => {
    const outcome = await runSqlStep(lifeline, prepare("UPDATE email_log SET retry_count = 'x'"));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: 'invalid input syntax for type integer: "x"',
      position: 36,
      at: "line 1, column 36: UPDATE email_log SET retry_count = 'x'",
    });
  });
});
