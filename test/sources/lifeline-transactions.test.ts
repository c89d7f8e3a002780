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
});
