import {activityOfThisRefresh} from '../activity-of-this-refresh';
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
  // Waiters are what the pane is for: allow far more of them than rows of other lists. The
  // sessions are those on an edge, so at most twice as many.
  return fillSqlLimits(sqlForVersion(blockingVariants, serverVersion), {
    edge_limit: Math.max(rowLimit * 20, 200),
  });
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
    if (activity?.lockWaiters === 0) return noWaiters();
    const known = activity?.sessions ?? new Map();
    const {rows} = await lifeline.read<BlockingRow>(locksSql(serverVersion(), rowLimit), {
      values: [[...known.keys()].join(',')],
    });
    const row = rows[0];
    if (!row) throw new Error('pg_locks returned no row');
    const readAt = Date.parse(row.read_at);
    const readNow = new Map(row.activity.map((session) => [session.pid, session]));
    const edges = edgesOf(row.edges);
    const sessions = locksOf(row).flatMap((lock): LockSession[] => {
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
      waiting: row.waiting,
      longestWaitSeconds: Math.max(0, ...sessions.map((session) => session.waitSeconds ?? 0)),
      chains: buildBlockingChains(edges, sessions),
      edges,
    };
  },
};

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
