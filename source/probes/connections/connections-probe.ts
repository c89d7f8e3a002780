import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import {isIdleInTransaction, type SessionInfo} from '../session-info';
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

/**
 * How many sessions share one value of a dimension, by state, with the oldest open transaction
 * among them; `(other)` folds the keys beyond the top ones.
 */
export type GroupCount = {
  key: string;
  sessions: number;
  active?: number;
  idle?: number;
  idleInTransaction?: number;
  /** Sessions in any other state (fastpath, disabled, unknown). */
  other?: number;
  oldestTransactionSeconds?: number | null;
};

/** Client connections against the server's limit, grouped, with every session listed. */
export type ConnectionsSnapshot = {
  /** Client sessions other than the cockpit's own. */
  total: number;
  /** Every client backend, the cockpit's own included: what counts against max_connections. */
  backends: number;
  max: number;
  /** Slots kept for superusers (and, from PostgreSQL 16, `pg_use_reserved_connections`). */
  reserved: number;
  byState: Record<string, number>;
  groups: Partial<Record<GroupDimension, GroupCount[]>>;
  /**
   * Every client session but the cockpit's own, idle ones included, up to {@link sessionLimit}:
   * idle in transaction first, then active, other open transactions, idle, each oldest first.
   */
  sessions: SessionInfo[];
  /** Active queries, longest-running first (at most the row limit). */
  longRunning: SessionInfo[];
  /** Open transactions, oldest first (at most the row limit). */
  oldestTransactions: SessionInfo[];
  /** Every idle-in-transaction session listed, oldest first. */
  idleInTransaction: SessionInfo[];
};

/** Sessions listed at most; idle-in-transaction and active ones come first, so a cut drops idle ones. */
export const sessionLimit = 2000;

/** Keys kept per group-by dimension before the rest are folded into `(other)`. */
export const groupLimit = 20;

const activityVariants: VersionedSql[] = [
  {minVersion: 130000, sql: activityPg13},
  {minVersion: 140000, sql: activityPg14},
  {minVersion: 160000, sql: activityPg16},
];

/** The summary, filled on the first row only. */
type ActivitySummary = {
  max_connections: number;
  reserved_connections: number;
  backends: number;
  total: number;
  by_state: Record<string, number>;
  groups: Partial<Record<GroupDimension, GroupCount[]>>;
};

/** One row per session (its columns NULL on the lone row of a server with no other session). */
type ActivityRow = ActivitySummary & SessionInfo & {position: number | null};

/** The connections probe's SQL for a server version and row limit, ready to run. */
export function connectionsSql(serverVersion: number, rowLimit: number): string {
  return fillSqlLimits(sqlForVersion(activityVariants, serverVersion), {
    session_limit: Math.max(rowLimit, sessionLimit),
    group_limit: groupLimit,
  });
}

/** The SQL variants, for tests that run each one on a real server. */
export const connectionsSqlVariants: readonly VersionedSql[] = activityVariants;

/** The connections pane's probe: one statement, a row per session, aggregated server side. */
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
    `${snapshot.backends} of ${snapshot.max - snapshot.reserved} usable connections (max_connections ${snapshot.max}, ${snapshot.reserved} reserved)`,
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
    const sessions = rows.filter((entry) => entry.position !== null).map(sessionOf);
    return {
      total: row.total,
      backends: row.backends,
      max: row.max_connections,
      reserved: row.reserved_connections,
      byState: row.by_state,
      groups: row.groups,
      sessions,
      ...sessionLists(sessions, rowLimit),
    };
  },
};

/** A session's own columns of a row, without the summary's. */
function sessionOf(row: ActivityRow): SessionInfo {
  const {
    max_connections: _max,
    reserved_connections: _reserved,
    backends: _backends,
    total: _total,
    by_state: _byState,
    groups: _groups,
    position: _position,
    ...session
  } = row;
  return session;
}

/** The lists alerts and `cockpit probe` read, taken from the full session list. */
function sessionLists(sessions: readonly SessionInfo[], rowLimit: number) {
  const longest =
    (key: 'durationSeconds' | 'transactionSeconds') => (a: SessionInfo, b: SessionInfo) =>
      (b[key] ?? 0) - (a[key] ?? 0) || a.pid - b.pid;
  return {
    longRunning: sessions
      .filter((session) => session.state === 'active' && session.queryStart !== null)
      .sort(longest('durationSeconds'))
      .slice(0, rowLimit),
    oldestTransactions: sessions
      .filter((session) => session.xactStart !== null)
      .sort(longest('transactionSeconds'))
      .slice(0, rowLimit),
    idleInTransaction: sessions
      .filter((session) => isIdleInTransaction(session.state))
      .sort(longest('transactionSeconds')),
  };
}
