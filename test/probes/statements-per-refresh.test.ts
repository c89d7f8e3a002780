import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {
  activityOfThisRefresh,
  shareActivityRead,
} from '../../source/probes/activity-of-this-refresh';
import {createCampaignsProbe} from '../../source/probes/campaigns/campaigns-probe';
import {locksSql} from '../../source/probes/locks/locks-probe';
import {allProbes} from '../../source/probes/probe-registry';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {demoSchema, probeDatabase} from './application/probe-context';

// What one refresh of every database-backed pane costs the server, counted by the server itself
// (pg_stat_statements), on a direct connection: the query of each pane and nothing around it.
const {database, lifeline, context} = await probeDatabase(demoSchema);
await database.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const probes = allProbes(resolveApplicationSettings()).filter(
  (probe) => probe.id !== 'integrations',
);

type Statement = {query: string; calls: number};

/** Statements run in this test's database as the lifeline's role since the last reset. */
async function statementsSinceReset(): Promise<Statement[]> {
  return database.query<Statement>(
    `SELECT query, calls::int AS calls FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%'`,
  );
}

async function resetStatements(): Promise<void> {
  await database.query(
    `SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`,
  );
}

describe('statements per refresh on a direct connection', () => {
  it('sends each pane its query alone: no BEGIN, SET LOCAL or COMMIT around it', async () => {
    // The first run checks the application tables' schema; it is then kept for a minute.
    for (const probe of probes) await probe.run(context);
    await resetStatements();
    const sent = new Map<string, number>();
    for (const probe of probes) {
      const before = lifeline.statementsSent;
      await probe.run(context);
      sent.set(probe.id, lifeline.statementsSent - before);
    }
    const statements = await statementsSinceReset();
    const calls = statements.reduce((sum, statement) => sum + statement.calls, 0);
    expect(statements.map((statement) => statement.query).join('\n')).not.toMatch(
      /^\s*(BEGIN|SET LOCAL|COMMIT)/im,
    );
    // Connections, dead letters, emails, campaigns: one statement each. Locks sends one or
    // none: none while no backend waits on a lock, or while nothing on the lock graph moved
    // (other test files on this server may have waiters, and move them).
    for (const [id, count] of sent) if (id !== 'locks') expect(count, id).toBe(1);
    expect(sent.get('locks')).toBeLessThanOrEqual(1);
    const lockWaiters = (await activityOfThisRefresh(lifeline))?.lockWaiters;
    expect(lockWaiters).toBeTypeOf('number');
    if (lockWaiters === 0) expect(sent.get('locks')).toBe(0);
    expect(calls).toBe([...sent.values()].reduce((sum, count) => sum + count, 0));
  });

  it('asks pg_locks nothing in a refresh where no backend waits on a lock', async () => {
    const locks = probes.find((probe) => probe.id === 'locks')!;
    const sentBefore = lifeline.statementsSent;
    shareActivityRead(
      lifeline,
      Promise.resolve({readAt: Date.now(), sessions: new Map(), lockWaiters: 0}),
    );
    expect(await locks.run(context)).toEqual({
      waiting: 0,
      longestWaitSeconds: 0,
      chains: [],
      edges: [],
    });
    expect(lifeline.statementsSent).toBe(sentBefore);
    shareActivityRead(
      lifeline,
      Promise.resolve({readAt: Date.now(), sessions: new Map(), lockWaiters: 1}),
    );
    await locks.run(context);
    expect(lifeline.statementsSent).toBe(sentBefore + 1);
  });

  it("plans each pane's query once per connection: named prepared statements, not re-planned", async () => {
    const preparedStatements = async () =>
      (
        await lifeline.read<{statements: number}>(
          `SELECT count(*)::int AS statements FROM pg_prepared_statements WHERE name LIKE 'cockpit_%'`,
        )
      ).rows[0]!.statements;
    for (const probe of probes) await probe.run(context);
    const afterOne = await preparedStatements();
    for (let refresh = 0; refresh < 3; refresh += 1)
      for (const probe of probes) await probe.run(context);
    // Every pane's query and this count's own are prepared once; more refreshes add none.
    expect(afterOne).toBeGreaterThanOrEqual(probes.length + 1);
    expect(await preparedStatements()).toBe(afterOne);
  });

  it('plans a query with parameters once too, not anew for each value', async () => {
    // From the sixth run PostgreSQL keeps one generic plan, unless the values promise a cheaper
    // plan each time: Locks' known pids once did, and it was planned on every refresh.
    const fresh = new PostgresLifeline(parseConnectionTarget(database.url));
    fresh.start();
    await fresh.waitUntilConnected(10_000);
    try {
      const freshContext = {...context, lifeline: fresh};
      // Locks as on a server with 500 client sessions, all known from Connections' read.
      const manyPids = Array.from({length: 500}, (_, index) => 100_000 + index);
      for (let refresh = 0; refresh < 8; refresh += 1) {
        await fresh.read(locksSql(context.serverVersion(), 50), {values: [manyPids.join(',')]});
        for (const probe of probes) await probe.run(freshContext);
      }
      const {rows} = await fresh.read<{statement: string; generic: number; custom: number}>(
        `SELECT left(statement, 60) AS statement, generic_plans::int AS generic,
                custom_plans::int AS custom
           FROM pg_prepared_statements
          WHERE name LIKE 'cockpit_%' AND cardinality(parameter_types) > 0
            AND statement NOT LIKE '%pg_prepared_statements%'`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row, row.statement).toMatchObject({custom: 5});
    } finally {
      await fresh.close();
    }
  });

  it('still answers after something deallocated its prepared statements', async () => {
    for (const probe of probes) await probe.run(context);
    await lifeline.transaction(['DEALLOCATE ALL'], {readOnly: true});
    for (const probe of probes) await expect(probe.run(context)).resolves.toBeDefined();
  });

  it('keeps the session read-only with its timeouts after a step that ran a plain SET', async () => {
    await lifeline.transaction(['SET statement_timeout = 0', 'SET lock_timeout = 0'], {
      readOnly: true,
    });
    const {rows} = await lifeline.read<{read_only: string; statement: string; lock: string}>(
      `SELECT current_setting('transaction_read_only') AS read_only,
              current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`,
    );
    expect(rows[0]).toEqual({read_only: 'on', statement: '5s', lock: '1s'});
    await expect(lifeline.read('CREATE TABLE must_not_exist (id int)')).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('does not re-check the schema on every refresh while a column is missing', async () => {
    await database.query(
      'CREATE TABLE launches (id bigserial PRIMARY KEY, name text, status text)',
    );
    const {campaigns} = resolveApplicationSettings({panes: {campaigns: {table: 'launches'}}});
    const probe = createCampaignsProbe(campaigns);
    const sentBefore = lifeline.statementsSent;
    const first = await probe.run(context);
    expect(first).toMatchObject({available: false});
    const firstCheck = lifeline.statementsSent - sentBefore;
    expect(firstCheck).toBeGreaterThan(0);
    for (let refresh = 0; refresh < 5; refresh += 1) await probe.run(context);
    expect(lifeline.statementsSent - sentBefore).toBe(firstCheck);
  });
});
