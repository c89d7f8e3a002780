import type {PostgresLifeline} from '../../sources/postgres-lifeline';
import {shareActivityRead} from '../activity-of-this-refresh';
import {packedEpochTimestamp, packedInteger, packedText, unpackRows} from '../packed-rows';
import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import {
  agedTo,
  isIdleInTransaction,
  type SessionInfo,
  type SessionTimes,
  timesOf,
} from '../session-info';
import activityPg13 from './activity.pg13.sql';
import activityPg14 from './activity.pg14.sql';
import {groupSessions} from './session-groups';

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
  /** The server's clock at the read (ms since the epoch): every session is aged to it. */
  readAt: number;
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
];

/**
 * The statement's one row: the server's limits, the read's own clock, and the sessions in their
 * tiers (activity.pg14.sql), each sent only as far as the last read does not already have it.
 */
export type ActivityRow = {
  max_connections: number;
  reserved_connections: number;
  /** The statement's now(), as JSON writes it: the next read's "unchanged since". */
  read_at: string;
  server_started: string;
  /** Backends of any kind waiting on a heavyweight lock. */
  lock_waiters: number;
  /** Sessions the last read did not have, packed: every field but user and query. */
  arrived: string | null;
  arrived_users: string[] | null;
  arrived_queries: Array<string | null> | null;
  /** Database names by oid, when a session arrived. */
  databases: Record<string, string> | null;
  /** Sessions whose state changed since the last read, packed: what a new statement moves. */
  changed: string | null;
  changed_queries: Array<string | null> | null;
  /** Sessions in the same state as at the last read, packed: what can move without a change. */
  steady: string | null;
  /** How many plain idle sessions are unchanged since the last read (and not sent). */
  unchanged_count: number;
  /** Their pids, comma-separated, when the read asked for them; null otherwise or for none. */
  unchanged: string | null;
};

/** How many fields a packed session of each tier has (activity.pg14.sql lists them). */
export const tierFieldCounts = {arrived: 14, changed: 11, steady: 8} as const;

/** The connections probe's SQL for a server version, ready to run. */
export function connectionsSql(serverVersion: number): string {
  return sqlForVersion(activityVariants, serverVersion);
}

/** The SQL variants, for tests that run each one on a real server. */
export const connectionsSqlVariants: readonly VersionedSql[] = activityVariants;

/**
 * The connections pane's probe: one pass over the server's activity, a row per session; the
 * probe orders, counts and groups them, so the database being watched does not.
 */
export const connectionsProbe: ProbeDefinition<ConnectionsSnapshot, 'connections'> = {
  id: 'connections',
  title: 'Connections',
  intervalMs: 2000,
  agedLists: {
    readAt: (snapshot) => snapshot.readAt,
    // Checked against the snapshot: a misspelt key would quietly be compared again.
    keys: [
      'sessions',
      'longRunning',
      'oldestTransactions',
      'idleInTransaction',
    ] satisfies ReadonlyArray<keyof ConnectionsSnapshot>,
  },
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
    const sql = connectionsSql(serverVersion());
    const reading = readSessions(lifeline, sql);
    // Locks describes the sessions on its edges from this read rather than reading them again.
    shareActivityRead(
      lifeline,
      reading.then((read) => ({
        readAt: Date.parse(read.head.read_at),
        sessions: read.byPid,
        lockWaiters: read.head.lock_waiters,
      })),
    );
    const {head, sessions} = await reading;
    return {
      readAt: Date.parse(head.read_at),
      ...groupSessions(sessions),
      // The cockpit's own backend is left out of the rows: it counts against the limit too.
      backends: sessions.length + 1,
      max: head.max_connections,
      reserved: head.reserved_connections,
      sessions: sessions.slice(0, Math.max(rowLimit, sessionLimit)),
      ...sessionLists(sessions, rowLimit),
    };
  },
};

/** What the last read on a connection saw, so the next leaves out the sessions that did not change. */
type LastRead = {
  readAt: string;
  serverStarted: string;
  sessions: Map<number, SessionInfo>;
  /** Each session's timestamps, parsed when it was last read whole. */
  times: Map<number, SessionTimes>;
  /**
   * Whether the next read asks for the unchanged sessions by pid: after a session left, their
   * count no longer tells which they are, and sessions that come and go keep doing so; a read
   * where none left goes back to the count.
   */
  listUnchanged: boolean;
};

const lastReads = new WeakMap<PostgresLifeline, LastRead>();

/** The sessions of one read, ordered, with the head row. */
type ActivityRead = {head: ActivityRow; sessions: SessionInfo[]; byPid: Map<number, SessionInfo>};

/**
 * Reads the sessions: from what the last read on this connection saw where they are unchanged
 * since, asking again by pid when their count does not tell, and whole when the last read
 * lacks one of them (or another server answers at the address).
 */
async function readSessions(lifeline: PostgresLifeline, sql: string): Promise<ActivityRead> {
  const last = lastReads.get(lifeline);
  let read = await readActivity(lifeline, sql, last, last?.listUnchanged ?? false);
  if (read === 'list the unchanged') read = await readActivity(lifeline, sql, last, true);
  if (typeof read === 'string') read = await readActivity(lifeline, sql, undefined, false);
  // Without a last read nothing is steady or unchanged: the whole read needs nothing else.
  if (typeof read === 'string') throw new Error(`the sessions could not be read (${read})`);
  return read;
}

/**
 * One read of the sessions: those `last` already has only as far as they can have moved, plain
 * idle ones unchanged since only counted, or named by pid with `listUnchanged` (on a server
 * with hundreds of idle pool connections they are most of the sessions); completes them from
 * `last` and orders them all. Says so instead when `last` cannot complete them: when fewer are
 * unchanged than the sessions of `last` left over (some left; their pids tell which), or when
 * `last` lacks one of them or was read from another server.
 */
async function readActivity(
  lifeline: PostgresLifeline,
  sql: string,
  last: LastRead | undefined,
  listUnchanged: boolean,
): Promise<ActivityRead | 'list the unchanged' | 'read everything'> {
  const {rows} = await lifeline.read<ActivityRow>(sql, {
    values: [last?.readAt ?? null, listUnchanged],
  });
  const head = rows[0];
  if (!head) throw new Error('pg_stat_activity returned no row');
  const readAt = Date.parse(head.read_at);
  const sameServer = last?.serverStarted === head.server_started;
  const sessions: SessionInfo[] = [];
  const times = new Map<number, SessionTimes>();
  const add = (session: SessionInfo, parsed: SessionTimes) => {
    times.set(session.pid, parsed);
    sessions.push(agedTo(session, readAt, parsed));
  };
  /** A session as the last read saw it, with its parsed times; undefined when it lacks it. */
  const seenOf = (pid: number) => {
    const session = sameServer ? last?.sessions.get(pid) : undefined;
    const parsed = session && last?.times.get(pid);
    return session && parsed ? {session, parsed} : undefined;
  };
  // Indexed loops: without TurboFan every step of a for-of allocates.
  const arrived = unpackRows(head.arrived, tierFieldCounts.arrived, 'an arrived session');
  for (let index = 0; index < arrived.length; index++) {
    const session = arrivedSession(
      arrived[index]!,
      head.arrived_users?.[index] ?? null,
      head.arrived_queries?.[index] ?? null,
      head.databases,
    );
    add(session, timesOf(session));
  }
  const changed = unpackRows(head.changed, tierFieldCounts.changed, 'a changed session');
  for (let index = 0; index < changed.length; index++) {
    const fields = changed[index]!;
    const seen = seenOf(Number(fields[0]));
    if (!seen) return 'read everything';
    const session = changedSession(seen.session, fields, head.changed_queries?.[index] ?? null);
    add(session, {...timesOf(session), backendStart: seen.parsed.backendStart});
  }
  const steady = unpackRows(head.steady, tierFieldCounts.steady, 'a steady session');
  for (let index = 0; index < steady.length; index++) {
    const fields = steady[index]!;
    const seen = seenOf(Number(fields[0]));
    if (!seen) return 'read everything';
    const session = steadySession(seen.session, fields);
    add(
      session,
      session.xactStart === seen.session.xactStart
        ? seen.parsed
        : {...seen.parsed, xactStart: session.xactStart ? Date.parse(session.xactStart) : null},
    );
  }
  // Each unchanged session was in the last read, so those of it not sent now are unchanged or
  // gone: when there are as many as the count, none is gone.
  const leftOver: number[] = [];
  if (last && sameServer)
    last.sessions.forEach((_session, pid) => {
      if (!times.has(pid)) leftOver.push(pid);
    });
  if (head.unchanged_count > 0) {
    if (!last || !sameServer) return 'read everything';
    let unchanged: number[] = leftOver;
    if (head.unchanged !== null) unchanged = head.unchanged.split(',').map(Number);
    else if (leftOver.length !== head.unchanged_count) return 'list the unchanged';
    for (let index = 0; index < unchanged.length; index++) {
      const seen = seenOf(unchanged[index]!);
      if (!seen) return 'read everything';
      add(seen.session, seen.parsed);
    }
  }
  inListOrder(sessions, times);
  const byPid = new Map<number, SessionInfo>();
  for (let index = 0; index < sessions.length; index++)
    byPid.set(sessions[index]!.pid, sessions[index]!);
  lastReads.set(lifeline, {
    readAt: head.read_at,
    serverStarted: head.server_started,
    sessions: byPid,
    times,
    listUnchanged: leftOver.length !== head.unchanged_count,
  });
  return {head, sessions, byPid};
}

/**
 * A session that arrived since the last read, from its packed fields: pid, application, client
 * address, database oid, state, wait event type and name, connection, transaction, query and
 * state change times, xmin age, query id, parallel leader.
 */
function arrivedSession(
  fields: readonly string[],
  user: string | null,
  query: string | null,
  databases: Readonly<Record<string, string>> | null,
): SessionInfo {
  return {
    pid: Number(fields[0]),
    user,
    application: fields[1]!,
    // No address: a Unix socket.
    client: fields[2] || 'local',
    database: databases?.[fields[3]!] ?? null,
    backendType: 'client backend',
    // No state: the cockpit's role may not see this session's.
    state: fields[4] || 'unknown',
    waitEventType: packedText(fields[5]!),
    waitEvent: packedText(fields[6]!),
    backendStart: packedEpochTimestamp(fields[7]!),
    xactStart: packedEpochTimestamp(fields[8]!),
    queryStart: packedEpochTimestamp(fields[9]!),
    stateChange: packedEpochTimestamp(fields[10]!),
    durationSeconds: null,
    transactionSeconds: null,
    stateSeconds: null,
    xminAge: packedInteger(fields[11]!),
    queryId: packedText(fields[12]!),
    leaderPid: packedInteger(fields[13]!),
    query,
  };
}

/**
 * A session the last read saw, whose state changed since: what a new statement moves, from its
 * packed fields (pid, application, state, wait event type and name, transaction, query and
 * state change times, xmin age, query id, parallel leader) and its query.
 */
function changedSession(
  seen: SessionInfo,
  fields: readonly string[],
  query: string | null,
): SessionInfo {
  return {
    ...seen,
    application: fields[1]!,
    state: fields[2] || 'unknown',
    waitEventType: packedText(fields[3]!),
    waitEvent: packedText(fields[4]!),
    xactStart: packedEpochTimestamp(fields[5]!),
    queryStart: packedEpochTimestamp(fields[6]!),
    stateChange: packedEpochTimestamp(fields[7]!),
    xminAge: packedInteger(fields[8]!),
    queryId: packedText(fields[9]!),
    leaderPid: packedInteger(fields[10]!),
    query,
  };
}

/**
 * A steady session as the last read saw it, with what can move without a change of state
 * (packed: pid, application, state, wait event type and name, transaction start, xmin age,
 * query id).
 */
function steadySession(seen: SessionInfo, fields: readonly string[]): SessionInfo {
  return {
    ...seen,
    application: fields[1]!,
    state: fields[2] || 'unknown',
    waitEventType: packedText(fields[3]!),
    waitEvent: packedText(fields[4]!),
    xactStart: packedEpochTimestamp(fields[5]!),
    xminAge: packedInteger(fields[6]!),
    queryId: packedText(fields[7]!),
  };
}

/** Idle in transaction, then active, then other open transactions, then idle. */
function listRank(session: SessionInfo): number {
  if (isIdleInTransaction(session.state)) return 0;
  if (session.state === 'active') return 1;
  return session.xactStart !== null ? 2 : 3;
}

/**
 * Puts sessions in the list's order: those that hold locks or block vacuum first, each kind
 * oldest first (by transaction, else query, state change, connection), so a list cut at
 * {@link sessionLimit} keeps them. Each key is worked out once, not in every comparison.
 */
function inListOrder(sessions: SessionInfo[], times: ReadonlyMap<number, SessionTimes>): void {
  const keyed: Array<{session: SessionInfo; rank: number; since: number}> = [];
  for (let index = 0; index < sessions.length; index++) {
    const session = sessions[index]!;
    const at = times.get(session.pid);
    const moment = at && (at.xactStart ?? at.queryStart ?? at.stateChange ?? at.backendStart);
    keyed.push({session, rank: listRank(session), since: moment ?? Infinity});
  }
  keyed.sort((a, b) => a.rank - b.rank || a.since - b.since || a.session.pid - b.session.pid);
  for (let index = 0; index < keyed.length; index += 1) sessions[index] = keyed[index]!.session;
}

/**
 * The lists alerts and `cockpit probe` read, taken from the full session list in one indexed
 * pass (three filters over 500 sessions were 2% of a steady cockpit's CPU).
 */
function sessionLists(sessions: readonly SessionInfo[], rowLimit: number) {
  const longRunning: SessionInfo[] = [];
  const oldestTransactions: SessionInfo[] = [];
  const idleInTransaction: SessionInfo[] = [];
  for (let index = 0; index < sessions.length; index++) {
    const session = sessions[index]!;
    if (session.state === 'active' && session.queryStart !== null) longRunning.push(session);
    if (session.xactStart !== null) oldestTransactions.push(session);
    if (isIdleInTransaction(session.state)) idleInTransaction.push(session);
  }
  const longest =
    (key: 'durationSeconds' | 'transactionSeconds') => (a: SessionInfo, b: SessionInfo) =>
      (b[key] ?? 0) - (a[key] ?? 0) || a.pid - b.pid;
  return {
    longRunning: longRunning.sort(longest('durationSeconds')).slice(0, rowLimit),
    oldestTransactions: oldestTransactions.sort(longest('transactionSeconds')).slice(0, rowLimit),
    idleInTransaction: idleInTransaction.sort(longest('transactionSeconds')),
  };
}
