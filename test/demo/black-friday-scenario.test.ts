import {afterAll, describe, expect, it} from 'vitest';
import {DemoWorld} from '../../source/demo/demo-world';
import {blackFriday} from '../../source/demo/scenarios/black-friday';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {createTestDatabase, waitFor} from '../helpers/database';

const database = await createTestDatabase();
await seedDemoDatabase(database.url);
const world = new DemoWorld(database.url);
afterAll(() => world.close());

const count = async (sql: string) => (await database.query<{n: number}>(sql))[0]!.n;

describe('the black-friday demo scenario', () => {
  it('builds up a connection leak, a lock chain, dead letters, failing emails and a stalled campaign', async () => {
    const deadLettersBefore = await count('SELECT count(*)::int AS n FROM dead_letter_messages');
    for (let elapsed = 0; elapsed <= 50; elapsed++) await blackFriday.tick(world, elapsed);

    expect(world.leakedCount).toBeGreaterThanOrEqual(20);
    const idleInTransaction = await count(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    expect(idleInTransaction).toBeGreaterThanOrEqual(5);

    // Four sessions wait on the row the admin console holds; the migration waits behind them.
    const blocked = await waitFor(
      () =>
        count(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
        ),
      {what: 'blocked sessions'},
    );
    expect(blocked).toBeGreaterThanOrEqual(5);

    expect(await count('SELECT count(*)::int AS n FROM dead_letter_messages')).toBeGreaterThan(
      deadLettersBefore + 40,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM email_log WHERE status = 'failed'`),
    ).toBeGreaterThanOrEqual(50);
    // The campaign advanced until 45 s, then stalled: nothing updated in the last ticks.
    const pendingAt50 = await count(
      `SELECT count(*)::int AS n FROM campaign_targets WHERE campaign_id = 1 AND status = 'pending'`,
    );
    await blackFriday.tick(world, 51);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM campaign_targets WHERE campaign_id = 1 AND status = 'pending'`,
      ),
    ).toBe(pendingAt50);
  });

  it('undoes the leak, the lock chain and the campaign progress on reset', async () => {
    await blackFriday.reset(world);
    expect(world.leakedCount).toBe(0);
    // The seed's 1,230 sent or failed targets stay; what the scenario sent is pending again.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM campaign_targets WHERE campaign_id = 1 AND status <> 'pending'`,
      ),
    ).toBe(1230);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
        )) === 0,
      {what: 'lock chain released'},
    );
  });
});
