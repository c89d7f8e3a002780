import {afterAll, describe, expect, it} from 'vitest';
import {DemoWorld} from '../../source/demo/demo-world';
import schema from '../../source/demo/schema.sql';
import seed from '../../source/demo/seed.sql';
import {createTestDatabase, waitFor} from '../helpers/database';

const database = await createTestDatabase({
  schema: `${schema.replace(/CREATE EXTENSION[^;]*;/, '')}\n${seed}`,
});
const world = new DemoWorld(database.url);
afterAll(() => world.close());

describe('demo scenario behind its own lock pile-up', () => {
  it('still leaks an idle-in-transaction connection once an ALTER TABLE waits on orders', async () => {
    await world.startLockPileUp(42, 2);
    await waitFor(
      async () =>
        (
          await database.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'migration-runner' AND wait_event_type = 'Lock'",
          )
        ).length === 1,
      {what: 'the ALTER TABLE to queue'},
    );
    // A read of orders would queue behind the ALTER TABLE for ever and stall every tick.
    await world.leakConnections(1, {idleInTransaction: true});
    expect(world.leakedCount).toBe(1);
    await waitFor(
      async () =>
        (
          await database.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'api-server' AND state = 'idle in transaction'",
          )
        ).length === 1,
      {what: 'the leaked session to sit idle in its transaction'},
    );
  });
});
