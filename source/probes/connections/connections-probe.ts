import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import type {SessionInfo} from '../session-info';
import {fillSqlLimits} from '../sql-limits';
import activityPg13 from './activity.pg13.sql';
import activityPg14 from './activity.pg14.sql';
import activityPg16 from './activity.pg16.sql';

/** The dimensions the connections pane can group sessions by. */
export const groupDimensions = [
  'application',
  'user',
  'clientAddress',
  'database',
  'waitEventType',
] as const;

/** A dimension sessions are grouped by. */
export type GroupDimension = (typeof groupDimensions)[number];

/** How many sessions share one value of a dimension; `(other)` folds the keys beyond the top ones. */
export type GroupCount = {key: string; sessions: number};

/** Client connections against the server's limit, grouped, with the sessions worth a look. */
export type ConnectionsSnapshot = {
  total: number;
  max: number;
  /** Slots kept for superusers (and, from PostgreSQL 16, `pg_use_reserved_connections`). */
  reserved: number;
  byState: Record<string, number>;
  groups: Partial<Record<GroupDimension, GroupCount[]>>;
  /** Active queries, longest-running first (at most the row limit). */
  longRunning: SessionInfo[];
  /** Open transactions, oldest first (at most the row limit). */
  oldestTransactions: SessionInfo[];
  /** Every idle-in-transaction session (up to {@link idleInTransactionLimit}), oldest first. */
  idleInTransaction: SessionInfo[];
};

/** Idle-in-transaction sessions are never cut to the row limit, only to this many. */
export const idleInTransactionLimit = 1000;

/** Keys kept per group-by dimension before the rest are folded into `(other)`. */
export const groupLimit = 20;

const activityVariants: VersionedSql[] = [
  {minVersion: 130000, sql: activityPg13},
  {minVersion: 140000, sql: activityPg14},
  {minVersion: 160000, sql: activityPg16},
];

type ActivityRow = {
  max_connections: number;
  reserved_connections: number;
  total: number;
  by_state: Record<string, number>;
  groups: Partial<Record<GroupDimension, GroupCount[]>>;
  long_running: number[];
  oldest_transactions: number[];
  idle_in_transaction: number[];
  sessions: SessionInfo[];
};

/** The connections probe's SQL for a server version and row limit, ready to run. */
export function connectionsSql(serverVersion: number, rowLimit: number): string {
  return fillSqlLimits(sqlForVersion(activityVariants, serverVersion), {
    row_limit: rowLimit,
    idle_limit: idleInTransactionLimit,
    group_limit: groupLimit,
  });
}

/** The SQL variants, for tests that run each one on a real server. */
export const connectionsSqlVariants: readonly VersionedSql[] = activityVariants;

/** The connections pane's probe: one statement, aggregated server side. */
export const connectionsProbe: ProbeDefinition<ConnectionsSnapshot, 'connections'> = {
  id: 'connections',
  title: 'Connections',
  intervalMs: 2000,
  samples: (snapshot) => ({
    'connections.total': snapshot.total,
    'connections.active': snapshot.byState.active ?? 0,
    'connections.idleInTransaction': snapshot.idleInTransaction.length,
  }),
  summarize: (snapshot) => [
    `${snapshot.total} of ${snapshot.max - snapshot.reserved} usable connections (max_connections ${snapshot.max}, ${snapshot.reserved} reserved)`,
    `by state: ${
      Object.entries(snapshot.byState)
        .map(([state, count]) => `${state} ${count}`)
        .join(', ') || 'none'
    }`,
    `${snapshot.longRunning.length} active queries, longest ${Math.round(snapshot.longRunning[0]?.durationSeconds ?? 0)}s; ${snapshot.idleInTransaction.length} idle in transaction`,
  ],
  async run({lifeline, serverVersion, rowLimit}) {
    const {rows} = await lifeline.read<ActivityRow>(connectionsSql(serverVersion(), rowLimit));
    const row = rows[0];
    if (!row) throw new Error('pg_stat_activity returned no summary row');
    const byPid = new Map(row.sessions.map((session) => [session.pid, session]));
    const sessionsOf = (pids: number[]) =>
      pids.flatMap((pid) => (byPid.has(pid) ? [byPid.get(pid)!] : []));
    return {
      total: row.total,
      max: row.max_connections,
      reserved: row.reserved_connections,
      byState: row.by_state,
      groups: row.groups,
      longRunning: sessionsOf(row.long_running),
      oldestTransactions: sessionsOf(row.oldest_transactions),
      idleInTransaction: sessionsOf(row.idle_in_transaction),
    };
  },
};
