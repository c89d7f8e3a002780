import type pg from 'pg';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {
  type ActivityRead,
  activityOfThisRefresh,
  shareActivityRead,
} from '../../source/probes/activity-of-this-refresh';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import type {LockSession} from '../../source/probes/locks/blocking-chains';
import {
  type LocksSnapshot,
  locksProbe,
  locksSql,
  locksSqlVariants,
} from '../../source/probes/locks/locks-probe';
import {unpackRows} from '../../source/probes/packed-rows';
import type {SessionInfo} from '../../source/probes/session-info';
import {fillSqlLimits} from '../../source/probes/sql-limits';
import {createTestDatabase, waitFor} from '../helpers/database';
import {connectProbeContext} from './probe-context';

const database = await createTestDatabase({
  schema: `CREATE TABLE accounts (id int PRIMARY KEY, balance int);
           INSERT INTO accounts VALUES (1, 0);
           CREATE TABLE reports (id int);`,
});
const context = await connectProbeContext(database.url);
// Another database on the server, whose relations the cockpit's connection cannot name.
const elsewhere = await createTestDatabase({schema: 'CREATE TABLE ledger (id int)'});

async function session(name: string): Promise<{client: pg.Client; pid: number}> {
  const client = await database.connect(name);
  const pid = (await client.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return {client, pid};
}

// A row-lock chain: holder (idle in transaction) ← updater ← second updater (tuple lock).
const holder = await session('holder');
await holder.client.query('BEGIN');
await holder.client.query('UPDATE accounts SET balance = 1 WHERE id = 1');
const updater = await session('updater');
const updating = updater.client
  .query('UPDATE accounts SET balance = 2 WHERE id = 1')
  .catch(() => undefined);
// An advisory lock.
const advisoryHolder = await session('advisory-holder');
await advisoryHolder.client.query('SELECT pg_advisory_lock(42)');
const advisoryWaiter = await session('advisory-waiter');
const advisoryWaiting = advisoryWaiter.client
  .query('SELECT pg_advisory_lock(42)')
  .catch(() => undefined);
// A relation lock blocked by two readers at once.
const readers = [await session('reader-1'), await session('reader-2')];
for (const reader of readers) {
  await reader.client.query('BEGIN');
  await reader.client.query('LOCK TABLE reports IN ACCESS SHARE MODE');
}
const migrator = await session('migrator');
const migrating = migrator.client
  .query('BEGIN; LOCK TABLE reports IN ACCESS EXCLUSIVE MODE; COMMIT')
  .catch(() => undefined);
// Other test files share the server: count the waiters in this file's database.
const waitersHere = async () =>
  new Set(
    (await locksProbe.run(context)).chains
      .flatMap((chain) => chain.waiters)
      .filter((waiter) => waiter.database === database.name)
      .map((waiter) => waiter.pid),
  ).size;
await waitFor(async () => (await waitersHere()) === 3, {what: 'three waiters'});
const second = await session('second-updater');
const secondUpdating = second.client
  .query('UPDATE accounts SET balance = 3 WHERE id = 1')
  .catch(() => undefined);
await waitFor(async () => (await waitersHere()) === 4, {what: 'four waiters'});

afterAll(async () => {
  await holder.client.query('ROLLBACK');
  await advisoryHolder.client.query('SELECT pg_advisory_unlock(42)');
  for (const reader of readers) await reader.client.query('ROLLBACK');
  await Promise.all([updating, advisoryWaiting, migrating, secondUpdating]);
});

describe('locks probe', () => {
  it('learns from the Connections read that backends wait on locks, and reads pg_locks', async () => {
    await connectionsProbe.run(context);
    const read = await activityOfThisRefresh(context.lifeline);
    // Other test files share the server: at least this file's four waiters.
    expect(read?.lockWaiters).toBeGreaterThanOrEqual(4);
    expect((await locksProbe.run(context)).waiting).toBeGreaterThanOrEqual(4);
  });

  it('roots each chain at the blocker and nests waiters beneath it with depth', async () => {
    const snapshot = await locksProbe.run(context);
    const rowChain = snapshot.chains.find((chain) => chain.blockerPid === holder.pid)!;
    expect(rowChain.idleInTransaction).toBe(true);
    expect(rowChain.blocker.query).toContain('UPDATE accounts SET balance = 1');
    const updaterEntry = rowChain.waiters.find((waiter) => waiter.pid === updater.pid)!;
    expect(updaterEntry).toMatchObject({depth: 1, lockType: 'transactionid', mode: 'ShareLock'});
    // The second updater queues for the row behind the first: listed once, under it.
    const secondEntries = rowChain.waiters.filter((waiter) => waiter.pid === second.pid);
    expect(secondEntries).toHaveLength(1);
    expect(secondEntries[0]).toMatchObject({
      depth: 2,
      blockedBy: updater.pid,
      relation: 'accounts',
    });
    expect(rowChain.waiterCount).toBe(2);
  });

  it('shows a relation of another database by that database and OID, not under a wrong name', async () => {
    const [ledger] = await elsewhere.query<{oid: number}>(
      "SELECT 'ledger'::regclass::oid::int AS oid",
    );
    const locker = await elsewhere.connect('ledger-locker');
    await locker.query('BEGIN; LOCK TABLE ledger IN ACCESS EXCLUSIVE MODE');
    const reader = await elsewhere.connect('ledger-reader');
    const readerPid = (reader as unknown as {processID: number}).processID;
    const reading = reader.query('SELECT count(*) FROM ledger').catch(() => undefined);
    try {
      const waiter = await waitFor(
        async () =>
          (await locksProbe.run(context)).chains
            .flatMap((chain) => chain.waiters)
            .find((entry) => entry.pid === readerPid),
        {what: 'the reader waiting on the ledger'},
      );
      expect(waiter).toMatchObject({
        lockType: 'relation',
        mode: 'AccessShareLock',
        relation: `${elsewhere.name}.oid ${ledger!.oid}`,
      });
    } finally {
      await locker.query('ROLLBACK');
      await reading;
    }
  });

  it('counts advisory locks', async () => {
    const snapshot = await locksProbe.run(context);
    const chain = snapshot.chains.find((candidate) => candidate.blockerPid === advisoryHolder.pid)!;
    expect(chain.waiters).toEqual([
      expect.objectContaining({pid: advisoryWaiter.pid, lockType: 'advisory', depth: 1}),
    ]);
    expect(chain.idleInTransaction).toBe(false);
  });

  it('shows a session blocked by several once, under one of them, counting the others', async () => {
    const snapshot = await locksProbe.run(context);
    const entries = snapshot.chains
      .flatMap((chain) => chain.waiters)
      .filter((waiter) => waiter.pid === migrator.pid);
    expect(entries).toEqual([
      expect.objectContaining({
        mode: 'AccessExclusiveLock',
        relation: 'reports',
        lockType: 'relation',
        otherBlockers: [expect.any(Number)],
      }),
    ]);
    const pids = readers.map((reader) => reader.pid);
    expect(pids).toContain(entries[0]!.blockedBy);
    expect(pids).toContain(entries[0]!.otherBlockers[0]);
    // Both readers still have their own root row, saying whom they block.
    for (const reader of readers) {
      const chain = snapshot.chains.find((candidate) => candidate.blockerPid === reader.pid)!;
      expect(chain.blocks).toEqual([migrator.pid]);
    }
  });

  it('counts the waiting sessions and the longest wait, leaving its own backend out', async () => {
    const snapshot = await locksProbe.run(context);
    expect(snapshot.waiting).toBeGreaterThanOrEqual(4);
    expect(snapshot.longestWaitSeconds).toBeGreaterThan(0);
    const lifelinePid = (
      await context.lifeline.read<{pid: number}>('SELECT pg_backend_pid() AS pid')
    ).rows[0]!.pid;
    expect(snapshot.edges.flat()).not.toContain(lifelinePid);
    for (const chain of snapshot.chains)
      for (const waiter of chain.waiters) expect(waiter.waitSeconds).toBeGreaterThanOrEqual(0);
  });

  it('runs every SQL variant this server can run, with the same columns', async () => {
    const version = context.serverVersion();
    const columns: string[][] = [];
    for (const variant of locksSqlVariants.filter((v) => v.minVersion <= version)) {
      const result = await context.lifeline.read(fillSqlLimits(variant.sql, {edge_limit: 10}), {
        values: [''],
      });
      expect((result.rows[0] as {waiting: number}).waiting).toBeGreaterThanOrEqual(4);
      columns.push(result.fields);
    }
    expect(columns).toHaveLength(2);
    expect(columns[1]).toEqual(columns[0]);
  });

  it('describes the sessions on its edges from the Connections read of the same refresh', async () => {
    // Read alone, with no Connections read to go by: nothing is kept to answer the next from.
    shareActivityRead(context.lifeline, Promise.resolve(undefined));
    const alone = await locksProbe.run(context);
    const reads = vi.spyOn(context.lifeline, 'read');
    // As the scheduler runs them: Connections first, both started together.
    const [, together] = await Promise.all([
      connectionsProbe.run(context),
      locksProbe.run(context),
    ]);
    // Locks told the server which sessions it already has: the holder among them.
    const locksRead = reads.mock.calls.find(([sql]) => sql.includes('pg_blocking_pids'))!;
    expect(String(locksRead[1]?.values?.[0]).split(',').map(Number)).toContain(holder.pid);
    reads.mockRestore();
    expect(ours(together)).toEqual(ours(alone));
    expect(ours(together)).toHaveLength(4);
    const rowChain = together.chains.find((chain) => chain.blockerPid === holder.pid)!;
    expect(rowChain.blocker).toMatchObject({application: 'holder', state: 'idle in transaction'});
    expect(rowChain.blocker.transactionSeconds).toBeGreaterThan(0);
  });

  it('builds activity only for the sessions on an edge the caller has not read', async () => {
    const sql = locksSql(context.serverVersion(), 50);
    type Row = {locks: string | null; activity: Array<{pid: number; query: string}>};
    const lockPids = (row: Row) => unpackRows(row.locks, 6, 'a lock').map(([pid]) => Number(pid));
    const described = (row: Row) => row.activity.map((session) => session.pid);
    // Other test files share the server, and a session of theirs can end between the lock-table
    // read and its activity: this file's sessions are the ones checked whole.
    const ours = [
      holder,
      updater,
      second,
      advisoryHolder,
      advisoryWaiter,
      migrator,
      ...readers,
    ].map((session) => session.pid);
    const everyone = (await context.lifeline.read<Row>(sql, {values: ['']})).rows[0]!;
    expect(lockPids(everyone)).toEqual(expect.arrayContaining(ours));
    expect(described(everyone)).toEqual(expect.arrayContaining(ours));
    expect(described(everyone).every((pid) => lockPids(everyone).includes(pid))).toBe(true);
    const knownHolder = (await context.lifeline.read<Row>(sql, {values: [String(holder.pid)]}))
      .rows[0]!;
    expect(lockPids(knownHolder)).toContain(holder.pid);
    expect(described(knownHolder)).not.toContain(holder.pid);
    expect(described(knownHolder)).toEqual(
      expect.arrayContaining(ours.filter((pid) => pid !== holder.pid)),
    );
  });
});

describe('a lock graph that stands still', () => {
  /**
   * A refresh as the scheduler runs it, then the same activity shared again `later` ms on, as
   * the next refresh would see it were nothing to move: until a pair where Locks answered the
   * second from the first (a session of another test file on this server can join the graph
   * between the two reads of a refresh, and then the graph is read again).
   */
  async function settledRefresh(later = 1000) {
    const settled = await waitFor(
      async () => {
        const [, first] = await Promise.all([
          connectionsProbe.run(context),
          locksProbe.run(context),
        ]);
        const activity = (await activityOfThisRefresh(context.lifeline))!;
        const sent = context.lifeline.statementsSent;
        shareActivityRead(
          context.lifeline,
          Promise.resolve({...activity, readAt: activity.readAt + later}),
        );
        const second = await locksProbe.run(context);
        return context.lifeline.statementsSent === sent ? {activity, first, second} : undefined;
      },
      {what: 'a refresh answered without reading pg_locks'},
    );
    return settled!;
  }

  /** Runs Locks on `activity` as this refresh's read; says how many statements it sent. */
  async function statementsFor(activity: ActivityRead): Promise<number> {
    shareActivityRead(context.lifeline, Promise.resolve(activity));
    const sent = context.lifeline.statementsSent;
    await locksProbe.run(context);
    return context.lifeline.statementsSent - sent;
  }

  it('answers from the last lock-table read while no session on it moved, aged to this refresh', async () => {
    const {first, second} = await settledRefresh();
    expect(ours(second)).toEqual(ours(first));
    expect(ours(second)).toHaveLength(4);
    expect(second.edges).toEqual(first.edges);
    // The waits go on: a second later by the server's clock, each has waited a second more.
    const waitOf = (snapshot: typeof first) =>
      snapshot.chains
        .flatMap((chain) => chain.waiters)
        .find((waiter) => waiter.pid === updater.pid)!.waitSeconds!;
    expect(waitOf(second) - waitOf(first)).toBeCloseTo(1, 1);
  });

  it('reads the lock table again when a session on the graph or a lock waiter moved', async () => {
    const {activity} = await settledRefresh();
    const changed = (pid: number, change: Partial<SessionInfo>): ActivityRead => {
      const sessions = new Map(activity.sessions);
      sessions.set(pid, {...sessions.get(pid)!, ...change});
      return {...activity, readAt: activity.readAt + 1000, sessions};
    };
    // A waiter got its lock (its wait event changed; its state did not).
    expect(await statementsFor(changed(updater.pid, {waitEventType: null, waitEvent: null}))).toBe(
      1,
    );
    await settledRefresh();
    // The holder ran a statement: it may have released or taken locks.
    expect(await statementsFor(changed(holder.pid, {stateChange: new Date().toISOString()}))).toBe(
      1,
    );
    await settledRefresh();
    // The holder left, and another session took its pid.
    const withoutHolder = new Map(activity.sessions);
    withoutHolder.delete(holder.pid);
    expect(
      await statementsFor({...activity, readAt: activity.readAt + 1000, sessions: withoutHolder}),
    ).toBe(1);
    await settledRefresh();
    expect(await statementsFor(changed(holder.pid, {backendStart: new Date().toISOString()}))).toBe(
      1,
    );
    await settledRefresh();
    // A new waiter, and a backend the activity does not describe (an autovacuum worker) waiting.
    const bystander = await session('bystander');
    const {activity: withBystander} = await settledRefresh();
    const bystanderWaits = new Map(withBystander.sessions);
    bystanderWaits.set(bystander.pid, {
      ...bystanderWaits.get(bystander.pid)!,
      waitEventType: 'Lock',
      waitEvent: 'tuple',
    });
    expect(
      await statementsFor({
        ...withBystander,
        readAt: withBystander.readAt + 1000,
        sessions: bystanderWaits,
      }),
    ).toBe(1);
    await bystander.client.end();
    await settledRefresh();
    expect(
      await statementsFor({
        ...activity,
        readAt: activity.readAt + 1000,
        lockWaiters: activity.lockWaiters + 1,
      }),
    ).toBe(1);
  });

  it('reads the lock table again at least every ten seconds, moved or not', async () => {
    const {activity} = await settledRefresh();
    // The refresh after ten seconds of it: read again although nothing moved.
    expect(await statementsFor({...activity, readAt: activity.readAt + 9000})).toBe(0);
    expect(await statementsFor({...activity, readAt: activity.readAt + 11_000})).toBe(1);
  });
});

/** This file's chains, each session by who it is and what it waits for. */
function ours(snapshot: LocksSnapshot) {
  return snapshot.chains
    .filter((chain) => chain.blocker.database === database.name)
    .map((chain) => ({
      blocker: identity(chain.blocker),
      waiters: chain.waiters.map((waiter) => ({...identity(waiter), depth: waiter.depth})),
    }));
}

/** A lock session's fields that say who it is and what it waits for, without its ages. */
function identity(session: LockSession) {
  const {durationSeconds, transactionSeconds, stateSeconds, waitSeconds, ...rest} = session;
  return {
    pid: rest.pid,
    application: rest.application,
    state: rest.state,
    query: rest.query,
    xactStart: rest.xactStart,
    lockType: rest.lockType,
    mode: rest.mode,
    relation: rest.relation,
    waits: waitSeconds !== null,
  };
}
