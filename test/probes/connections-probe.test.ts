import {afterAll, describe, expect, it} from 'vitest';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();
const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
lifeline.start();
await lifeline.waitUntilConnected(10_000);
afterAll(() => lifeline.close());

const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50};

describe('connections probe', () => {
  it('counts other client sessions by state, leaving its own backend out', async () => {
    const before = await connectionsProbe.run(context);
    const idle = await database.connect('idle-client');
    const inTransaction = await database.connect('leaky-client');
    await inTransaction.query('BEGIN');
    await inTransaction.query('SELECT 1');
    const after = await connectionsProbe.run(context);
    expect(after.total).toBe(before.total + 2);
    expect(after.byState['idle in transaction']).toBe(
      (before.byState['idle in transaction'] ?? 0) + 1,
    );
    expect(after.max).toBe(200);
    expect(after.reserved).toBeGreaterThanOrEqual(3);
    await inTransaction.query('ROLLBACK');
    await idle.end();
  });

  it('runs read-only: the lifeline refuses to write even if asked through read()', async () => {
    await database.query('CREATE TABLE IF NOT EXISTS guard (id int)');
    await expect(lifeline.read('INSERT INTO guard VALUES (1)')).rejects.toThrow(
      /read-only transaction/,
    );
    expect((await database.query('SELECT count(*)::int AS n FROM guard'))[0]).toEqual({n: 0});
    // The failed transaction was rolled back: the lifeline still works.
    await expect(connectionsProbe.run(context)).resolves.toHaveProperty('total');
  });
});
