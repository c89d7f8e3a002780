import type {PostgresLifeline} from '../../sources/postgres-lifeline';
import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import {isIdleInTransaction, type SessionInfo} from '../session-info';
import {fillSqlLimits} from '../sql-limits';
import activityPg13 from './activity.pg13.sql';
import activityPg14 from './activity.pg14.sql';
import activityPg16 from './activity.pg16.sql';
import {groupLimit, groupSessions} from './session-groups';

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
  /** total, by_state and groups: only when the list was cut (the probe groups a whole list). */
  total: number | null;
  by_state: Record<string, number> | null;
  groups: Partial<Record<GroupDimension, GroupCount[]>> | null;
  /** The statement's now(), as JSON writes it: the next read's "unchanged since". */
  read_at: string;
  server_started: string;
  /** `[position, pid]` of the plain idle sessions unchanged since the last read, in order. */
  unchanged: Array<[number, number]> | null;
};

/** One row per session (its columns NULL on the lone row of a server with no other session). */
type ActivityRow = ActivitySummary & SessionInfo & {position: number | null};

/**
 * The connections probe's SQL for a server version and row limit, ready to run. The server
 * groups the sessions itself only when there are more than `groupsAbove` (by default, when
 * the list is cut); tests ask for its groups of a whole list to compare them with the probe's.
 */
export function connectionsSql(
  serverVersion: number,
  rowLimit: number,
  groupsAbove?: number,
): string {
  const listed = Math.max(rowLimit, sessionLimit);
  return fillSqlLimits(sqlForVersion(activityVariants, serverVersion), {
    session_limit: listed,
    groups_above: groupsAbove ?? listed,
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
    const sql = connectionsSql(serverVersion(), rowLimit);
    // A session the last read did not list (or another server behind the address): read all.
    const read =
      (await readActivity(lifeline, sql, lastReads.get(lifeline))) ??
      (await readActivity(lifeline, sql, undefined));
    if (!read) throw new Error('pg_stat_activity returned no summary row');
    const {summary, sessions} = read;
    const counts =
      summary.groups === null || summary.by_state === null || summary.total === null
        ? groupSessions(sessions)
        : {total: summary.total, byState: summary.by_state, groups: summary.groups};
    return {
      ...counts,
      backends: summary.backends,
      max: summary.max_connections,
      reserved: summary.reserved_connections,
      sessions,
      ...sessionLists(sessions, rowLimit),
    };
  },
};

/** What the last read on a connection saw, so the next leaves out the sessions that did not change. */
type LastRead = {readAt: string; serverStarted: string; sessions: Map<number, SessionInfo>};

const lastReads = new WeakMap<PostgresLifeline, LastRead>();

/**
 * Reads the sessions, plain idle ones unchanged since `last` as their pid only (on a server
 * with hundreds of idle pool connections they are most of the rows and the bytes), and puts
 * them back in place from `last`, aged. Undefined when `last` lacks one of them.
 */
async function readActivity(
  lifeline: PostgresLifeline,
  sql: string,
  last: LastRead | undefined,
): Promise<{summary: ActivitySummary; sessions: SessionInfo[]} | undefined> {
  const {rows} = await lifeline.read<ActivityRow>(sql, {values: [last?.readAt ?? null]});
  const summary = rows[0];
  if (!summary) return undefined;
  const unchanged = summary.unchanged ?? [];
  if (unchanged.length > 0 && last?.serverStarted !== summary.server_started) return undefined;
  const readAt = Date.parse(summary.read_at);
  const kept: Array<{position: number; session: SessionInfo}> = [];
  for (const [position, pid] of unchanged) {
    const seen = last?.sessions.get(pid);
    if (!seen) return undefined;
    kept.push({position, session: aged(seen, readAt)});
  }
  const described = rows
    .filter((row) => row.position !== null)
    .map((row) => ({position: row.position!, session: sessionOf(row)}));
  const sessions = [...described, ...kept]
    .sort((a, b) => a.position - b.position)
    .map((entry) => entry.session);
  lastReads.set(lifeline, {
    readAt: summary.read_at,
    serverStarted: summary.server_started,
    sessions: new Map(sessions.map((session) => [session.pid, session])),
  });
  return {summary, sessions};
}

/** An unchanged idle session as it is at `readAt`: only its ages moved. */
function aged(session: SessionInfo, readAt: number): SessionInfo {
  const since = (timestamp: string | null | undefined) =>
    timestamp ? (readAt - Date.parse(timestamp)) / 1000 : null;
  return {
    ...session,
    durationSeconds: since(session.queryStart),
    stateSeconds: since(session.stateChange),
  };
}

/** A session's own columns of a row, without the summary's. */
function sessionOf(row: ActivityRow): SessionInfo {
  const {
    max_connections: _max,
    reserved_connections: _reserved,
    backends: _backends,
    total: _total,
    by_state: _byState,
    groups: _groups,
    read_at: _readAt,
    server_started: _serverStarted,
    unchanged: _unchanged,
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
