import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
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

/** The SQL variants, for tests that run each one on a real server. */
export const locksSqlVariants: readonly VersionedSql[] = blockingVariants;

type BlockingRow = {
  waiting: number;
  longest_wait_seconds: number | null;
  edges: Array<[number, number]>;
  sessions: LockSession[];
};

/** The locks probe's SQL for a server version and row limit, ready to run. */
export function locksSql(serverVersion: number, rowLimit: number): string {
  // Waiters are what the pane is for: allow far more of them than rows of other lists.
  return fillSqlLimits(sqlForVersion(blockingVariants, serverVersion), {
    edge_limit: Math.max(rowLimit * 20, 200),
    session_limit: Math.max(rowLimit * 20, 200),
  });
}

/** The locks pane's probe: blocking chains from pg_blocking_pids(), one statement. */
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
    const {rows} = await lifeline.read<BlockingRow>(locksSql(serverVersion(), rowLimit));
    const row = rows[0];
    if (!row) throw new Error('pg_locks returned no row');
    return {
      waiting: row.waiting,
      longestWaitSeconds: row.longest_wait_seconds ?? 0,
      chains: buildBlockingChains(row.edges, row.sessions),
      edges: row.edges,
    };
  },
};
