import {afterAll, describe, expect, it} from 'vitest';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();
const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
lifeline.start();
await lifeline.waitUntilConnected(10_000);
afterAll(() => lifeline.close());

describe('lifeline transactions', () => {
  // Regression: a statement_timeout in one probe made the probe queued behind it fail with
  // "current transaction is aborted", since it ran before the failed transaction's ROLLBACK.
  it('keeps a failing transaction from aborting the one queued behind it', async () => {
    const failing = lifeline.read('SELECT pg_sleep(1)', {statementTimeoutMs: 50});
    const queued = lifeline.read<{answer: number}>('SELECT 42 AS answer');
    await expect(failing).rejects.toThrow('statement_timeout');
    await expect(queued).resolves.toMatchObject({rows: [{answer: 42}]});
  });

  it('sends values apart from the statement, bare, in its own transaction, and through a pooler', async () => {
    const pooled = new PostgresLifeline(parseConnectionTarget(`${database.url}?pgbouncer=true`));
    pooled.start();
    await pooled.waitUntilConnected(10_000);
    try {
      const sql =
        "SELECT $1::text AS echoed, current_setting('transaction_read_only') AS ro, current_setting('jit') AS jit";
      const quoted = "it's; DROP TABLE nothing --";
      for (const read of [
        () => lifeline.read(sql, {values: [quoted]}),
        () => lifeline.read(sql, {values: [quoted], statementTimeoutMs: 1234}),
        () => pooled.read(sql, {values: [quoted]}),
      ])
        await expect(read()).resolves.toMatchObject({
          rows: [{echoed: quoted, ro: 'on', jit: 'off'}],
        });
      // A failing read with values ends its transaction: the next read on that connection runs.
      await expect(pooled.read('SELECT 1 / $1::int', {values: [0]})).rejects.toThrow(
        'division by zero',
      );
      await expect(pooled.read('SELECT $1::int AS n', {values: [7]})).resolves.toMatchObject({
        rows: [{n: 7}],
      });
    } finally {
      await pooled.close();
    }
  });
});
