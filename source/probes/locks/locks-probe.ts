import type {PostgresLifeline} from '../../sources/postgres-lifeline';
import {type ActivityRead, activityOfThisRefresh} from '../activity-of-this-refresh';
import {packedText, packedTimestamp, unpackRows} from '../packed-rows';
import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import {agedTo, type SessionInfo, secondsSince} from '../session-info';
import {fillSqlLimits} from '../sql-limits';
import blockingPg13 from './blocking.pg13.sql';
import blockingPg14 from './blocking.pg14.sql';
import {type BlockingChain, buildBlockingChains, type LockSession} from './blocking-chains';

/** Who blocks whom, as trees under each root blocker. */
export type LocksSnapshot = {
  /** Sessions waiting on a lock held (or queued ahead) by another session. */
  waiting: number;
  longestWaitSeconds: number;
  chains: BlockingChain[];
  /** `[blocker, waiter]` pids as pg_blocking_pids() reported them. */
  edges: Array<[number, number]>;
};

const blockingVariants: VersionedSql[] = [
  {minVersion: 130000, sql: blockingPg13},
  {minVersion: 140000, sql: blockingPg14},
];

/** The snapshot of a server where no session waits on a lock. */
function noWaiters(): LocksSnapshot {
  return {waiting: 0, longestWaitSeconds: 0, chains: [], edges: []};
}

/** The SQL variants, for tests that run each one on a real server. */
export const locksSqlVariants: readonly VersionedSql[] = blockingVariants;

/** The lock a session on an edge waits for (all null for a blocker that waits for nothing). */
type LockOfSession = {
  pid: number;
  lockType: string | null;
  mode: string | null;
  relation: string | null;
  /** When the wait began (PostgreSQL 14 and later), as JSON writes it. */
  waitStart: string | null;
};

type BlockingRow = {
  read_at: string;
  waiting: number;
  /** `blocker waiter` pairs, comma-separated; null for none. */
  edges: string | null;
  /** A packed row per session on an edge: pid, lock type, mode, database, relation, wait start. */
  locks: string | null;
  /** Relation names by `database.relation` oids. */
  relations: Record<string, string> | null;
  /** Sessions on an edge that the Connections read of this refresh did not see. */
  activity: SessionInfo[];
};

/** The locks probe's SQL for a server version and row limit, ready to run. */
export function locksSql(serverVersion: number, rowLimit: number): string {
  return fillSqlLimits(sqlForVersion(blockingVariants, serverVersion), {
    edge_limit: edgeLimitFor(rowLimit),
  });
}

/**
 * Waiters are what the pane is for: far more of them are allowed than rows of other lists. The
 * sessions are those on an edge, so at most twice as many.
 */
function edgeLimitFor(rowLimit: number): number {
  return Math.max(rowLimit * 20, 200);
}

/**
 * The locks pane's probe: blocking chains from pg_blocking_pids(), one statement. The sessions
 * on its edges are described from the Connections read of the same refresh; the server builds
 * activity rows only for those that read did not see.
 */
export const locksProbe: ProbeDefinition<LocksSnapshot, 'locks'> = {
  id: 'locks',
  title: 'Locks',
  intervalMs: 2000,
  samples: (snapshot) => ({'locks.waiting': snapshot.waiting}),
  summarize: (snapshot) => [
    `${snapshot.waiting} sessions waiting on locks, longest ${Math.round(snapshot.longestWaitSeconds)}s`,
    ...snapshot.chains.map(
      (chain) =>
        `pid ${chain.blockerPid} (${chain.blocker.state ?? 'unknown'}) blocks ${chain.waiterCount}: ${chain.waiters.map((waiter) => waiter.pid).join(', ')}`,
    ),
  ],
  async run({lifeline, serverVersion, rowLimit}) {
    const activity = await activityOfThisRefresh(lifeline);
    // No backend waits on a lock: pg_locks holds no ungranted lock to follow, and a sick server
    // is spared the lock-table read (one statement of the two a refresh sends).
    if (activity?.lockWaiters === 0) {
      lastLockReads.delete(lifeline);
      return noWaiters();
    }
    const last = lastLockReads.get(lifeline);
    if (activity && last && unmoved(last, activity))
      return snapshotOf(last.found, new Map(), activity.sessions, activity.readAt);
    const known = activity?.sessions ?? new Map();
    const sql = locksSql(serverVersion(), rowLimit);
    const {rows} = await lifeline.read<BlockingRow>(sql, {
      values: [[...known.keys()].join(',')],
    });
    const row = rows[0];
    if (!row) throw new Error('pg_locks returned no row');
    const found: LockTableRead = {
      readAt: Date.parse(row.read_at),
      waiting: row.waiting,
      edges: edgesOf(row.edges),
      locks: locksOf(row),
    };
    const readNow = new Map(row.activity.map((session) => [session.pid, session]));
    // A graph cut at the edge limit may move beyond what it shows: read it again next time.
    const whole = found.edges.length < edgeLimitFor(rowLimit);
    const seen = activity && whole ? fingerprintOf(pidsOn(found.edges), activity) : null;
    if (seen !== null) lastLockReads.set(lifeline, {found, fingerprint: seen});
    else lastLockReads.delete(lifeline);
    return snapshotOf(found, readNow, known, found.readAt);
  },
};

/** What one read of the lock table found. */
type LockTableRead = {
  /** The server's clock at the read (epoch ms). */
  readAt: number;
  waiting: number;
  edges: Array<[number, number]>;
  locks: LockOfSession[];
};

/**
 * The last lock-table read on a connection, and the state of every session it involved (and of
 * every lock waiter) as the Connections read of its refresh described them.
 */
type LastLockRead = {found: LockTableRead; fingerprint: string};

const lastLockReads = new WeakMap<PostgresLifeline, LastLockRead>();

/**
 * How long a lock graph is taken as unmoved from the activity alone before pg_locks is read
 * again anyway: a bound on how stale it could be, were a change to show nowhere in the activity.
 */
const rereadAfterMs = 10_000;

/**
 * True when the Connections read of this refresh shows that nothing on the last lock graph can
 * have moved since it was read. A waiter stops waiting, or waits for something else, only when
 * its wait event changes (and a client session's wait event is in every read); a holder gives
 * up a lock only by ending its statement or transaction, which changes its state; a new waiter
 * is a new lock waiter; a session that left is missing. So the graph is taken as read when the
 * same sessions wait on locks, every session on it is a client session in the read with the
 * same state, statement and wait, and every backend waiting on a lock is one of them (an
 * autovacuum worker waiting is not described by the activity): in a lock pile-up that stands
 * still, one lock-table read per ten seconds instead of one per refresh.
 */
function unmoved(last: LastLockRead, activity: ActivityRead): boolean {
  if (activity.readAt - last.found.readAt >= rereadAfterMs) return false;
  return fingerprintOf(pidsOn(last.found.edges), activity) === last.fingerprint;
}

/**
 * The state of the sessions on a lock graph and of every lock waiter, as one string; null when
 * the activity cannot describe them all (a backend that is no client session waits, or one on
 * the graph is not in the read).
 */
function fingerprintOf(onGraph: ReadonlySet<number>, activity: ActivityRead): string | null {
  const pids = new Set(onGraph);
  let clientWaiters = 0;
  for (const session of activity.sessions.values())
    if (session.waitEventType === 'Lock') {
      clientWaiters += 1;
      pids.add(session.pid);
    }
  if (clientWaiters !== activity.lockWaiters) return null;
  const states: string[] = [];
  for (const pid of [...pids].sort((a, b) => a - b)) {
    const session = activity.sessions.get(pid);
    if (!session) return null;
    states.push(
      [
        pid,
        session.backendStart,
        session.state,
        session.waitEventType,
        session.waitEvent,
        session.xactStart,
        session.queryStart,
        session.stateChange,
      ].join(' '),
    );
  }
  return states.join('\n');
}

function pidsOn(edges: ReadonlyArray<[number, number]>): Set<number> {
  return new Set(edges.flat());
}

/**
 * The pane's snapshot from a lock-table read, its sessions described by `readNow` (what the
 * statement described itself) or `known` (the Connections read), aged to `readAt`.
 */
function snapshotOf(
  found: LockTableRead,
  readNow: ReadonlyMap<number, SessionInfo>,
  known: ReadonlyMap<number, SessionInfo>,
  readAt: number,
): LocksSnapshot {
  const sessions = found.locks.flatMap((lock): LockSession[] => {
    const session = readNow.get(lock.pid) ?? known.get(lock.pid);
    // Gone between the lock-table read and its activity: the chain shows the bare pid.
    if (!session) return [];
    const aged = agedTo(session, readAt);
    const waitStart = lock.lockType === null ? null : (lock.waitStart ?? session.stateChange);
    return [
      {
        ...aged,
        lockType: lock.lockType,
        mode: lock.mode,
        relation: lock.relation,
        waitSeconds: secondsSince(waitStart, readAt),
      },
    ];
  });
  return {
    waiting: found.waiting,
    longestWaitSeconds: Math.max(0, ...sessions.map((session) => session.waitSeconds ?? 0)),
    chains: buildBlockingChains(found.edges, sessions),
    edges: found.edges,
  };
}

/** The `[blocker, waiter]` pairs of the statement's edges. */
function edgesOf(packed: string | null): Array<[number, number]> {
  if (!packed) return [];
  return packed.split(',').map((pair) => {
    const [blocker, waiter] = pair.split(' ');
    return [Number(blocker), Number(waiter)];
  });
}

/** The lock each session on an edge waits for, its relation named. */
function locksOf(row: BlockingRow): LockOfSession[] {
  return unpackRows(row.locks, 6, 'a lock').map(
    ([pid, lockType, mode, database, relation, waitStart]) => ({
      pid: Number(pid),
      lockType: packedText(lockType!),
      mode: packedText(mode!),
      relation: relation ? (row.relations?.[`${database}.${relation}`] ?? `oid ${relation}`) : null,
      waitStart: packedTimestamp(waitStart!),
    }),
  );
}
