import {afterAll, describe, expect, it} from 'vitest';
import {sessionSignalRequest} from '../../source/actions/session-signals';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {locksProbe} from '../../source/probes/locks/locks-probe';
import {createTestDatabase, testServer, waitFor} from '../helpers/database';
import {findPgbouncer, startPgbouncer} from '../helpers/pgbouncer';
import {connectProbeContext} from './probe-context';

const binary = findPgbouncer();
if (!binary) {
  console.warn(
    'SKIPPED: the PgBouncer tests need the pgbouncer binary (run scripts/install-test-tools.sh)',
  );
}

/** The database, PgBouncer in front of it and a lock chain to see through it. */
async function setUp(pgbouncer: string) {
  const database = await createTestDatabase({
    schema: 'CREATE TABLE accounts (id int PRIMARY KEY); INSERT INTO accounts VALUES (1);',
  });
  const admin = new URL(testServer().adminUrl);
  const bouncer = await startPgbouncer(pgbouncer, {
    host: admin.hostname,
    port: Number(admin.port),
    user: decodeURIComponent(admin.username),
    password: decodeURIComponent(admin.password),
  });
  afterAll(() => bouncer.stop());
  const context = await connectProbeContext(bouncer.urlFor(database.name));
  const holder = await database.connect('holder');
  await holder.query('BEGIN');
  await holder.query('UPDATE accounts SET id = 1 WHERE id = 1');
  const waiter = await database.connect('waiter');
  const waiterPid = (await waiter.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0]!
    .pid;
  const waiting = waiter
    .query('UPDATE accounts SET id = 1 WHERE id = 1')
    .catch((error: Error) => error);
  afterAll(async () => {
    await holder.query('ROLLBACK').catch(() => undefined);
    await waiting;
  });
  return {database, context, waiterPid, waiting};
}

// Set up only with the binary: a skipped describe still runs its body to collect the tests, so
// the body itself must not need PgBouncer.
const setup = binary ? await setUp(binary) : undefined;

describe.skipIf(!setup)('probes through PgBouncer in transaction mode', () => {
  const {database, context, waiterPid, waiting} = setup ?? ({} as NonNullable<typeof setup>);

  it('runs the connections probe, again and again, on whichever server connection it gets', async () => {
    for (let run = 0; run < 5; run += 1) {
      const snapshot = await connectionsProbe.run(context);
      // Other test files share the server: look at this file's database only.
      const ours = snapshot.idleInTransaction.filter((s) => s.database === database.name);
      expect(ours).toEqual([expect.objectContaining({application: 'holder'})]);
    }
  });

  it('runs the locks probe and sees the chain', async () => {
    const snapshot = await waitFor(
      async () => {
        const result = await locksProbe.run(context);
        return result.chains.find((c) => c.waiters.some((w) => w.pid === waiterPid));
      },
      {what: 'the waiter through pgbouncer'},
    );
    expect(snapshot!.waiters[0]).toMatchObject({pid: waiterPid, mode: 'ShareLock'});
  });

  it('terminates a session through the pooler in one read-write transaction', async () => {
    const snapshot = await locksProbe.run(context);
    const chain = snapshot.chains.find((c) => c.waiters.some((w) => w.pid === waiterPid))!;
    const request = sessionSignalRequest('terminate', [chain.blocker]);
    const results = await context.lifeline.transaction(request.statements, {readOnly: false});
    expect(request.describe?.(results)).toBe(`signalled ${chain.blockerPid}`);
    // The waiter got its row lock once the blocker was gone.
    expect(await waiting).toMatchObject({command: 'UPDATE'});
  });
});
