import pg from 'pg';
import type {SessionInfo} from '../probes/session-info';
import type {StatementResult} from '../sources/postgres-lifeline';
import {formatDuration} from '../text/format';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import type {DatabaseActionRequest} from './write-requests';

/** Cancel stops the running query; terminate ends the whole session (and rolls its transaction back). */
export type SessionSignal = 'cancel' | 'terminate';

const functionOf: Record<SessionSignal, string> = {
  cancel: 'pg_cancel_backend',
  terminate: 'pg_terminate_backend',
};

const escapeLiteral = (value: string) => pg.Client.prototype.escapeLiteral.call(null, value);

/**
 * The statement that signals `sessions`. Each is matched on pid AND backend start, so a pid the
 * server has since reused for a new session is never hit.
 */
export function sessionSignalSql(signal: SessionSignal, sessions: readonly SessionInfo[]): string {
  if (sessions.length === 0) throw new Error('no session to signal');
  const matches = sessions.map((session) => {
    if (!Number.isSafeInteger(session.pid) || session.pid <= 0)
      throw new Error(`not a backend pid: ${session.pid}`);
    return session.backendStart
      ? `(a.pid = ${session.pid} AND a.backend_start = ${escapeLiteral(session.backendStart)}::timestamptz)`
      : `a.pid = ${session.pid}`;
  });
  return [
    `SELECT a.pid, ${functionOf[signal]}(a.pid) AS signalled`,
    'FROM pg_stat_activity AS a',
    `WHERE ${matches.join('\n   OR ')}`,
  ].join('\n');
}

/**
 * Which of `sessions` a cancel can reach: only a running query can be cancelled. An idle or
 * idle-in-transaction session has none (pg_cancel_backend would report success and change
 * nothing), so it is left out and the message says so and offers terminate instead.
 */
export function planCancel(sessions: readonly SessionInfo[]): {
  sessions: SessionInfo[];
  message?: string;
} {
  const running = sessions.filter(
    (session) => session.state === 'active' || session.state === 'fastpath function call',
  );
  const idle = sessions.filter((session) => !running.includes(session));
  if (idle.length === 0) return {sessions: running};
  const first = idle[0]!;
  const what =
    idle.length === 1
      ? `pid ${first.pid} is ${first.state ?? 'not running a query'}`
      : `${idle.length} sessions are not running a query`;
  const offer = first.state?.startsWith('idle in transaction')
    ? 'K terminates it, which rolls the open transaction back'
    : 'K terminates it';
  return {
    sessions: running,
    message:
      running.length === 0
        ? `${what}: there is no query to cancel. ${offer}.`
        : `${what}: cancelling only the ${running.length} running; K terminates the others.`,
  };
}

/** What the journal keeps of a signalled session: who it was, and which backend exactly. */
export function journaledSession(session: SessionInfo) {
  return {
    pid: session.pid,
    user: session.user,
    application: session.application,
    client: session.client,
    database: session.database,
    state: session.state,
    backendStart: session.backendStart,
  };
}

/** One line per session for the confirmation and the timeline. */
export function describeSession(session: SessionInfo): string {
  const parts = [
    `pid ${session.pid}`,
    session.user ?? '?',
    session.application ? `app ${session.application}` : undefined,
    session.client ? `from ${session.client}` : undefined,
    session.state ?? undefined,
    session.durationSeconds !== null ? `for ${formatDuration(session.durationSeconds)}` : undefined,
    session.transactionSeconds !== null
      ? `transaction ${formatDuration(session.transactionSeconds)}`
      : undefined,
  ].filter(Boolean);
  return sanitizeTerminalText(`${parts.join(', ')}: ${session.query ?? ''}`, {maxLength: 200});
}

/** The request behind a cancel or terminate key: what runs, what is journaled. */
export function sessionSignalRequest(
  signal: SessionSignal,
  sessions: readonly SessionInfo[],
  label = signal === 'cancel' ? 'cancel the query of' : 'terminate',
): DatabaseActionRequest {
  const pids = sessions.map((session) => session.pid);
  return {
    kind: `action.${signal}`,
    summary: `${label} ${sessions.length === 1 ? `session ${pids[0]}` : `${sessions.length} sessions (${pids.join(', ')})`}`,
    confirmationWord: signal,
    statements: [sessionSignalSql(signal, sessions)],
    details: sessions.map(describeSession),
    data: {
      signal,
      sessions: sessions.map((session) => ({
        ...journaledSession(session),
        xactStart: session.xactStart,
        durationSeconds: session.durationSeconds,
        query: session.query,
      })),
    },
    describe: (results) => describeSignalled(results, pids),
  };
}

/** "signalled 123, 456; not found (already gone): 789". */
export function describeSignalled(
  results: readonly StatementResult[],
  pids: readonly number[],
): string {
  const rows = (results[0]?.rows ?? []) as Array<{pid: number; signalled: boolean}>;
  const signalled = rows.filter((row) => row.signalled).map((row) => row.pid);
  const refused = rows.filter((row) => !row.signalled).map((row) => row.pid);
  const gone = pids.filter((pid) => !rows.some((row) => row.pid === pid));
  return [
    signalled.length > 0 ? `signalled ${signalled.join(', ')}` : 'signalled none',
    refused.length > 0 ? `refused ${refused.join(', ')}` : undefined,
    gone.length > 0 ? `already gone ${gone.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}
