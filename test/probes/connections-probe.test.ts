import pg from 'pg';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {
  type ActivityRow,
  connectionsProbe,
  connectionsSql,
  connectionsSqlVariants,
  tierFieldCounts,
} from '../../source/probes/connections/connections-probe';
import {packedEpochTimestamp, unpackRows} from '../../source/probes/packed-rows';
import {createTestDatabase, waitFor} from '../helpers/database';
import {connectProbeContext} from './probe-context';

const database = await createTestDatabase();
const context = await connectProbeContext(database.url, 2);
// Other test files share the server: lists cut to 2 rows may hold only their sessions.
const roomyContext = await connectProbeContext(database.url, 50);
const lifeline = context.lifeline;

const sleeper = await database.connect('report-worker');
const sleeperPid = (await sleeper.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0]!
  .pid;
const sleeping = sleeper.query('SELECT pg_sleep(60) /* nightly report */').catch(() => undefined);
// A leak: plain idle sessions of one application, never listed before.
const pooled = await Promise.all(
  ['pool-leak', 'pool-leak', 'pool-leak'].map((name) => database.connect(name)),
);
for (const idle of pooled) await idle.query('SELECT 1 /* pooled */');
const idlers = await Promise.all(
  ['leaky-1', 'leaky-2', 'leaky-3', 'leaky-4'].map((name) => database.connect(name)),
);
for (const idler of idlers) {
  await idler.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  await idler.query('SELECT count(*) FROM pg_class');
}
await waitFor(
  async () =>
    (
      await database.query(
        `SELECT 1 FROM pg_stat_activity WHERE pid = ${sleeperPid} AND wait_event = 'PgSleep'`,
      )
    ).length === 1,
  {what: 'the sleeping query'},
);
afterAll(async () => {
  await database.query(`SELECT pg_cancel_backend(${sleeperPid})`);
  await sleeping;
});

/**
 * Waits until these sessions last changed state more than the statement's one-second margin
 * ago: only then does a read that follows another count them as steady.
 */
async function settled(pids: readonly number[]): Promise<void> {
  await waitFor(
    async () =>
      (
        await database.query<{settled: boolean}>(
          `SELECT bool_and(state_change < now() - interval '1.2 seconds'
                           AND backend_start < now() - interval '1.2 seconds') AS settled
           FROM pg_stat_activity WHERE pid = ANY ('{${pids.join(',')}}'::int[])`,
        )
      )[0]?.settled === true,
    {what: 'the sessions to settle'},
  );
}

/** The pid the server sent at connection: asking the session would change its last query. */
const pidOf = (client: unknown) => (client as {processID: number}).processID;

/** One read of the statement, since `since` (a last read's read_at, or null for none). */
async function readRow(sql: string, since: string | null, listUnchanged: boolean) {
  const {rows} = await lifeline.read<ActivityRow>(sql, {values: [since, listUnchanged]});
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A packed session of one tier, with its user and query where the tier sends them. */
type PackedSession = {pid: number; fields: string[]; user?: string; query?: string | null};

/** The sessions of one tier of a read, unpacked. */
function tier(row: ActivityRow, name: keyof typeof tierFieldCounts): PackedSession[] {
  return unpackRows(row[name], tierFieldCounts[name], name).map((fields, index) => ({
    pid: Number(fields[0]),
    fields,
    ...(name === 'arrived' && {
      user: row.arrived_users![index]!,
      query: row.arrived_queries![index],
    }),
    ...(name === 'changed' && {query: row.changed_queries![index]}),
  }));
}

/** Every session a read sent, of any tier. */
const sentPids = (row: ActivityRow) =>
  new Set(
    (['arrived', 'changed', 'steady'] as const).flatMap((name) =>
      tier(row, name).map((session) => session.pid),
    ),
  );

describe('connections probe', () => {
  it('counts other client sessions by state, leaving its own backend out', async () => {
    const snapshot = await connectionsProbe.run(context);
    // Other test files share the server: count this file's database only where it matters.
    expect(snapshot.byState['idle in transaction']).toBeGreaterThanOrEqual(4);
    expect(snapshot.byState.active).toBeGreaterThanOrEqual(1);
    expect(snapshot.max).toBe(200);
    expect(snapshot.reserved).toBeGreaterThanOrEqual(3);
    const everyPid = [
      ...snapshot.longRunning,
      ...snapshot.oldestTransactions,
      ...snapshot.idleInTransaction,
    ].map((session) => session.application);
    expect(everyPid).not.toContain('incident-cockpit');
  });

  it('lists long-running queries with their details, bounded by the row limit', async () => {
    expect((await connectionsProbe.run(context)).longRunning.length).toBeLessThanOrEqual(2);
    const snapshot = await connectionsProbe.run(roomyContext);
    const report = snapshot.longRunning.find((session) => session.pid === sleeperPid);
    expect(report).toMatchObject({
      application: 'report-worker',
      state: 'active',
      waitEventType: 'Timeout',
      waitEvent: 'PgSleep',
      client: '127.0.0.1',
    });
    expect(report?.query).toContain('nightly report');
    expect(report?.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(report?.backendStart).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('never hides an idle-in-transaction session behind the row limit', async () => {
    const snapshot = await connectionsProbe.run(context);
    expect(snapshot.oldestTransactions).toHaveLength(2);
    const ours = snapshot.idleInTransaction.filter((session) => session.database === database.name);
    expect(ours.map((session) => session.application).sort()).toEqual([
      'leaky-1',
      'leaky-2',
      'leaky-3',
      'leaky-4',
    ]);
    for (const session of ours) {
      expect(session.transactionSeconds).toBeGreaterThanOrEqual(0);
      // REPEATABLE READ keeps a snapshot, so the session holds back vacuum: its xmin has an age.
      expect(session.xminAge).toBeGreaterThanOrEqual(0);
    }
  });

  it('groups sessions by application, user, client, database and wait event type', async () => {
    const snapshot = await connectionsProbe.run(context);
    expect(snapshot.groups.application).toEqual(
      expect.arrayContaining([
        expect.objectContaining({key: 'report-worker', sessions: 1, active: 1}),
        expect.objectContaining({key: 'leaky-1', sessions: 1, idleInTransaction: 1}),
        expect.objectContaining({key: 'pool-leak', sessions: 3, idle: 3, idleInTransaction: 0}),
      ]),
    );
    const leaky = snapshot.groups.application!.find((group) => group.key === 'leaky-1');
    expect(leaky?.oldestTransactionSeconds).toBeGreaterThanOrEqual(0);
    expect(snapshot.groups.user?.[0]).toMatchObject({key: 'postgres'});
    expect(snapshot.groups.clientAddress).toEqual(
      expect.arrayContaining([expect.objectContaining({key: '127.0.0.1'})]),
    );
    expect(snapshot.groups.database?.map((group) => group.key)).toContain(database.name);
    expect(snapshot.groups.waitEventType?.map((group) => group.key)).toContain('Timeout');
    const counted = snapshot.groups.application!.reduce((sum, group) => sum + group.sessions, 0);
    expect(counted).toBe(snapshot.total);
  });

  it('lists plain idle sessions with their idle age, and counts its own backend in the total', async () => {
    const snapshot = await connectionsProbe.run(context);
    const idle = snapshot.sessions.filter((session) => session.application === 'pool-leak');
    expect(idle).toHaveLength(3);
    for (const session of idle) {
      expect(session.state).toBe('idle');
      expect(session.stateSeconds).toBeGreaterThanOrEqual(0);
      expect(session.stateChange).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    // The list leaves the cockpit's own backend out (the other lifeline of this file stays),
    // the usage count does not.
    const cockpits = snapshot.sessions.filter(
      (session) => session.application === 'incident-cockpit' && session.database === database.name,
    );
    expect(cockpits).toHaveLength(1);
    expect(snapshot.backends).toBe(snapshot.total + 1);
    // Sessions that hold locks or block vacuum come first, so a cut list keeps them.
    const firstIdle = snapshot.sessions.findIndex((session) => session.state === 'idle');
    const lastIdleInTransaction = snapshot.sessions.findLastIndex((session) =>
      session.state?.startsWith('idle in transaction'),
    );
    expect(lastIdleInTransaction).toBeLessThan(firstIdle);
  });

  it('orders the list as the cockpit reads it: idle in transaction, active, idle, oldest first', async () => {
    const snapshot = await connectionsProbe.run(roomyContext);
    const ours = snapshot.sessions.filter((session) => session.database === database.name);
    const rank = (state: string | null) =>
      state?.startsWith('idle in transaction') ? 0 : state === 'active' ? 1 : 3;
    const ranks = ours.map((session) => rank(session.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const leaky = ours.filter((session) => session.application?.startsWith('leaky-'));
    const started = leaky.map((session) => Date.parse(session.xactStart!));
    expect(started).toEqual([...started].sort((a, b) => a - b));
    expect(ours.findIndex((session) => session.pid === sleeperPid)).toBe(leaky.length);
  });

  it('gives each session its own fields, timestamps as JSON writes them, to the microsecond', async () => {
    const snapshot = await connectionsProbe.run(roomyContext);
    const sleeperSession = snapshot.sessions.find((session) => session.pid === sleeperPid)!;
    for (const summaryColumn of ['position', 'groups', 'by_state', 'max_connections', 'total'])
      expect(sleeperSession).not.toHaveProperty(summaryColumn);
    const [row] = await database.query<{start: string; query: string}>(
      `SELECT to_json(backend_start) #>> '{}' AS start, to_json(query_start) #>> '{}' AS query
         FROM pg_stat_activity WHERE pid = $1`,
      [sleeperPid],
    );
    expect(sleeperSession).toMatchObject({
      backendStart: row!.start,
      queryStart: row!.query,
      application: 'report-worker',
      state: 'active',
    });
    expect(sleeperSession.backendStart).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d$/,
    );
    expect(typeof sleeperSession.durationSeconds).toBe('number');
  });

  it('runs every SQL variant this server can run, with the same columns', async () => {
    const version = context.serverVersion();
    const columns: string[][] = [];
    for (const variant of connectionsSqlVariants.filter((v) => v.minVersion <= version)) {
      const result = await lifeline.read(variant.sql, {values: [null, false]});
      columns.push(result.fields);
    }
    expect(columns.length).toBeGreaterThanOrEqual(2);
    for (const fields of columns) expect(fields).toEqual(columns[0]);
  });

  it('counts a plain idle session unchanged since the last read, and names it by pid when asked', async () => {
    const sql = connectionsSql(lifeline.serverVersion ?? 0);
    const poolPids = new Set(
      (
        await database.query<{pid: number}>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'pool-leak'`,
        )
      ).map((row) => row.pid),
    );
    const unchangedPids = (row: ActivityRow) =>
      new Set((row.unchanged ?? '').split(',').filter(Boolean).map(Number));
    await settled([...poolPids]);
    const first = await readRow(sql, null, true);
    expect(first).toMatchObject({unchanged_count: 0, unchanged: null, changed: null, steady: null});
    const pooled = tier(first, 'arrived').filter((row) => poolPids.has(row.pid));
    expect(pooled).toHaveLength(3);
    expect(pooled.every((row) => row.query?.includes('pooled'))).toBe(true);
    const second = await readRow(sql, first.read_at, true);
    expect([...poolPids].filter((pid) => sentPids(second).has(pid))).toEqual([]);
    expect([...poolPids].every((pid) => unchangedPids(second).has(pid))).toBe(true);
    expect(second.unchanged_count).toBe(unchangedPids(second).size);
    // Not asked, the row only counts them.
    const counted = await readRow(sql, first.read_at, false);
    expect(counted.unchanged).toBeNull();
    expect(counted.unchanged_count).toBeGreaterThanOrEqual(poolPids.size);
    expect([...poolPids].filter((pid) => sentPids(counted).has(pid))).toEqual([]);
    // Sessions that are not plain idle are sent every time.
    expect(unchangedPids(second).has(sleeperPid)).toBe(false);
    expect(sentPids(second).has(sleeperPid)).toBe(true);
    expect(tier(first, 'arrived').find((row) => row.pid === sleeperPid)).toMatchObject({
      query: expect.stringContaining('nightly report'),
      user: 'postgres',
    });
  });

  it('sends a steady session that is not plain idle as only what can move without a change of state', async () => {
    const sql = connectionsSql(lifeline.serverVersion ?? 0);
    const idlerPids = idlers.map(pidOf);
    await settled([sleeperPid, ...idlerPids]);
    const first = await readRow(sql, null, false);
    const second = await readRow(sql, first.read_at, false);
    const rowOf = (rows: PackedSession[], pid: number) => rows.find((row) => row.pid === pid)!;
    for (const pid of [sleeperPid, ...idlerPids]) {
      const arrived = rowOf(tier(first, 'arrived'), pid);
      expect(arrived.query).toEqual(expect.any(String));
      expect(rowOf(tier(second, 'arrived'), pid)).toBeUndefined();
      expect(rowOf(tier(second, 'changed'), pid)).toBeUndefined();
      // What can move while the state stands still comes every time.
      expect(rowOf(tier(second, 'steady'), pid).fields).toEqual([
        String(pid),
        arrived.fields[1], // application
        arrived.fields[4], // state
        expect.any(String), // wait event type
        expect.any(String), // wait event
        arrived.fields[8], // transaction start
        expect.stringMatching(/^\d+$/), // xmin age
        expect.any(String), // query id (empty unless compute_query_id is on)
      ]);
    }
    expect(rowOf(tier(second, 'steady'), sleeperPid).fields.slice(3, 5)).toEqual([
      'Timeout',
      'PgSleep',
    ]);
  });

  it('sends a session that ran a statement since as what a statement moves, and a newcomer whole', async () => {
    const sql = connectionsSql(lifeline.serverVersion ?? 0);
    const [worker] = pooled;
    const workerPid = pidOf(worker);
    await settled([workerPid]);
    const first = await readRow(sql, null, false);
    await worker!.query('SELECT 4 /* pooled, busy */');
    const newcomer = await database.connect('tier-newcomer');
    await newcomer.query('SELECT 5 /* newcomer */');
    const second = await readRow(sql, first.read_at, false);
    const changed = tier(second, 'changed').find((row) => row.pid === workerPid)!;
    expect(changed.query).toContain('pooled, busy');
    // pid, application, state, wait event type and name, transaction, query and state change
    // times, xmin age, query id, leader: no user, client, database or connection time.
    expect(changed.fields).toHaveLength(11);
    expect(changed.fields.slice(1, 3)).toEqual(['pool-leak', 'idle']);
    // Query start in seconds since 1970, to the microsecond.
    expect(changed.fields[6]).toMatch(/^\d+(\.\d{1,6})?$/);
    const arrived = tier(second, 'arrived').find((row) => row.pid === pidOf(newcomer))!;
    expect(arrived).toMatchObject({user: 'postgres', query: expect.stringContaining('newcomer')});
    expect(second.databases?.[arrived.fields[3]!]).toBe(database.name);
    await newcomer.end();
  });

  it('sends every time exact to the microsecond, whatever float digits the role writes', async () => {
    const sql = connectionsSql(lifeline.serverVersion ?? 0);
    // A role set to write floats rounded (extra_float_digits below 1) would cut the seconds.
    const reader = await database.connect('rounded-floats');
    await reader.query('SET extra_float_digits = -15');
    const {rows} = await reader.query<ActivityRow>(sql, [null, false]);
    // This file's idle sessions, which nothing moves while the test runs.
    const sessions = tier(rows[0]!, 'arrived').filter((session) =>
      /^(pool-leak|leaky-)/.test(session.fields[1]!),
    );
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    for (const session of sessions) {
      const [backendStart, , queryStart, stateChange] = session.fields
        .slice(7, 11)
        .map(packedEpochTimestamp);
      expect(backendStart).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00$/);
      const [row] = await database.query<{same: boolean}>(
        `SELECT backend_start = $2::timestamptz
                AND query_start IS NOT DISTINCT FROM $3::timestamptz
                AND state_change IS NOT DISTINCT FROM $4::timestamptz AS same
           FROM pg_stat_activity WHERE pid = $1`,
        [session.pid, backendStart, queryStart, stateChange],
      );
      expect(row, `session ${session.pid}`).toEqual({same: true});
    }
    // Only for that statement: the session's own setting is as it was.
    expect((await reader.query('SHOW extra_float_digits')).rows[0]).toEqual({
      extra_float_digits: '-15',
    });
    await reader.end();
  });

  it('follows a steady session through a change of wait and name within one statement', async () => {
    const probeContext = await connectProbeContext(database.url, 50);
    const holder = await database.connect('advisory-holder');
    await holder.query('SELECT pg_advisory_lock(4242)');
    const worker = await database.connect('batch-import');
    const workerPid = pidOf(worker);
    // One statement, one state (active): it sleeps, renames itself, then waits for the lock.
    const running = worker
      .query(
        `SELECT pg_sleep(1.5), set_config('application_name', 'batch-import-2', false),
                pg_advisory_lock(4242) /* nightly import */`,
      )
      .catch(() => undefined);
    const session = async () =>
      (await connectionsProbe.run(probeContext)).sessions.find(
        (candidate) => candidate.pid === workerPid,
      );
    await waitFor(async () => (await session())?.waitEvent === 'PgSleep', {what: 'the sleep'});
    const asleep = (await session())!;
    expect(asleep).toMatchObject({application: 'batch-import', query: expect.any(String)});
    const waiting = await waitFor(
      async () => {
        const seen = await session();
        return seen?.waitEventType === 'Lock' ? seen : undefined;
      },
      {what: 'the wait for the advisory lock'},
    );
    expect(waiting).toMatchObject({
      state: 'active',
      waitEvent: 'advisory',
      application: 'batch-import-2',
      query: asleep.query,
      queryStart: asleep.queryStart,
      user: asleep.user,
      database: database.name,
    });
    expect(waiting!.durationSeconds!).toBeGreaterThan(asleep.durationSeconds!);
    await holder.query('SELECT pg_advisory_unlock(4242)');
    await running;
  });

  it('keeps the sessions it did not re-read as they were, aged, and re-reads one that changed', async () => {
    const probeContext = await connectProbeContext(database.url, 50);
    const [worker] = pooled;
    const workerPid = pidOf(worker);
    await settled([workerPid]);
    const first = await connectionsProbe.run(probeContext);
    const before = first.sessions.find((session) => session.pid === workerPid)!;
    expect(before.query).toContain('pooled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await connectionsProbe.run(probeContext);
    const kept = second.sessions.find((session) => session.pid === workerPid)!;
    expect({...kept, durationSeconds: 0, stateSeconds: 0}).toEqual({
      ...before,
      durationSeconds: 0,
      stateSeconds: 0,
    });
    expect(kept.stateSeconds!).toBeGreaterThan(before.stateSeconds!);
    // Other test files share the server: compare this file's database only.
    const ours = (snapshot: typeof first) =>
      snapshot.sessions
        .filter((session) => session.database === database.name)
        .map((session) => session.pid);
    expect(ours(second)).toEqual(ours(first));
    await worker!.query('SELECT 2 /* pooled again */');
    const third = await connectionsProbe.run(probeContext);
    expect(third.sessions.find((session) => session.pid === workerPid)?.query).toContain(
      'pooled again',
    );
    // A session that arrived since is read whole.
    const newcomer = await database.connect('newcomer');
    await newcomer.query('SELECT 3 /* new */');
    const fourth = await connectionsProbe.run(probeContext);
    expect(fourth.sessions.find((session) => session.application === 'newcomer')?.query).toContain(
      '/* new */',
    );
  });

  it('completes the unchanged sessions from their count, and asks their pids once one has left', async () => {
    const probeContext = await connectProbeContext(database.url, 50);
    const leaving = await database.connect('about-to-leave');
    await leaving.query('SELECT 1 /* leaving */');
    const leavingPid = pidOf(leaving);
    const staying = pooled.map(pidOf);
    await settled([...staying, leavingPid]);
    const pids = (snapshot: {sessions: Array<{pid: number}>}) =>
      snapshot.sessions.map((session) => session.pid);
    await connectionsProbe.run(probeContext);
    expect(pids(await connectionsProbe.run(probeContext))).toEqual(
      expect.arrayContaining([...staying, leavingPid]),
    );
    await leaving.end();
    await waitFor(
      async () =>
        (await database.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ${leavingPid}`))
          .length === 0,
      {what: 'the session to leave'},
    );
    const reads = vi.spyOn(probeContext.lifeline, 'read');
    const after = await connectionsProbe.run(probeContext);
    expect(pids(after)).not.toContain(leavingPid);
    expect(pids(after)).toEqual(expect.arrayContaining(staying));
    expect(after.sessions.find((session) => session.pid === staying[0])?.query).toContain('pooled');
    // Asked by pid (the count no longer told which), never read whole again.
    const asked = reads.mock.calls.map(([, options]) => options?.values);
    expect(asked.some((values) => values?.[1] === true)).toBe(true);
    expect(asked.every((values) => values?.[0] !== null)).toBe(true);
    reads.mockRestore();
  });

  it('reads a user name and a query that hold the separators of its packed rows as they are', async () => {
    const role = `odd\u001fname\u001e${pidOf(sleeper)}`;
    const quoted = `"${role}"`;
    await database.query(`CREATE ROLE ${quoted} LOGIN PASSWORD 'odd'`);
    // The URL's own user would win over a separate one.
    const url = new URL(database.url);
    url.username = encodeURIComponent(role);
    url.password = 'odd';
    const odd = new pg.Client({
      connectionString: url.toString(),
      application_name: 'tab\u001fand\u001erecord',
    });
    odd.on('error', () => undefined);
    await odd.connect();
    try {
      await odd.query(`SELECT '\u001f\u001e' AS separators /* odd */`);
      const snapshot = await connectionsProbe.run(await connectProbeContext(database.url, 50));
      const session = snapshot.sessions.find((candidate) => candidate.pid === pidOf(odd));
      expect(session).toMatchObject({
        user: role,
        query: `SELECT '\u001f\u001e' AS separators /* odd */`,
        database: database.name,
      });
      // PostgreSQL keeps application names to printable ASCII.
      expect(session?.application).not.toMatch(/[\u001e\u001f]/);
    } finally {
      await odd.end();
      await database.query(`DROP ROLE ${quoted}`);
    }
  });

  it('runs read-only: the lifeline refuses to write even if asked through read()', async () => {
    await database.query('CREATE TABLE IF NOT EXISTS guard (id int)');
    await expect(lifeline.read('INSERT INTO guard VALUES (1)')).rejects.toThrow(
      /read-only transaction/,
    );
    expect((await database.query('SELECT count(*)::int AS n FROM guard'))[0]).toEqual({n: 0});
    await expect(connectionsProbe.run(context)).resolves.toHaveProperty('total');
  });
});
