/** One backend as the database panes describe it: a session of pg_stat_activity. */
export type SessionInfo = {
  pid: number;
  user: string | null;
  application: string | null;
  /** Client address, or `local` for a Unix socket. */
  client: string | null;
  database: string | null;
  backendType: string | null;
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  /** Timestamps as PostgreSQL's JSON writes them (ISO 8601 with offset). */
  backendStart: string | null;
  xactStart: string | null;
  queryStart: string | null;
  stateChange?: string | null;
  /** Seconds since the current (or last) query started. */
  durationSeconds: number | null;
  /** Seconds since the open transaction started. */
  transactionSeconds: number | null;
  stateSeconds?: number | null;
  /** `age(backend_xmin)`: how many transactions this session keeps vacuum from cleaning up after. */
  xminAge?: number | null;
  /** A 64-bit id, as text: a JSON number would lose its last digits. */
  queryId?: string | null;
  leaderPid?: number | null;
  query: string | null;
};

/** True for `idle in transaction` and `idle in transaction (aborted)`. */
export function isIdleInTransaction(state: string | null | undefined): boolean {
  return state?.startsWith('idle in transaction') ?? false;
}

/** A session's timestamps in epoch milliseconds: parsed once, for every read that keeps it. */
export type SessionTimes = {
  backendStart: number | null;
  xactStart: number | null;
  queryStart: number | null;
  stateChange: number | null;
};

const parsed = (timestamp: string | null | undefined) => (timestamp ? Date.parse(timestamp) : null);

/** The session's timestamps, parsed. */
export function timesOf(session: SessionInfo): SessionTimes {
  return {
    backendStart: parsed(session.backendStart),
    xactStart: parsed(session.xactStart),
    queryStart: parsed(session.queryStart),
    stateChange: parsed(session.stateChange),
  };
}

const since = (moment: number | null, readAt: number) =>
  moment === null ? null : (readAt - moment) / 1000;

/** Seconds from an ISO timestamp to `readAt` (ms), null for no timestamp. */
export function secondsSince(timestamp: string | null | undefined, readAt: number): number | null {
  return since(parsed(timestamp), readAt);
}

/**
 * A session's ages as of `readAt`, the server's clock at a read (not this host's): ages come
 * from its timestamps, so a session read a moment before is aged to a later read.
 */
export function agedTo<Session extends SessionInfo>(
  session: Session,
  readAt: number,
  times: SessionTimes = timesOf(session),
): Session {
  return {
    ...session,
    durationSeconds: since(times.queryStart, readAt),
    transactionSeconds: since(times.xactStart, readAt),
    stateSeconds: since(times.stateChange, readAt),
  };
}
