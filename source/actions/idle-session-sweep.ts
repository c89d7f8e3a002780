import pg from 'pg';
import type {SessionInfo} from '../probes/session-info';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {describeSession, describeSignalled, journaledSession} from './session-signals';
import type {DatabaseActionRequest} from './write-requests';

const escapeLiteral = (value: string) => pg.Client.prototype.escapeLiteral.call(null, value);

/** The sessions of a group a sweep would end: plain idle for longer than `minutes`. */
export function idleSessionsOlderThan(
  members: readonly SessionInfo[],
  minutes: number,
): SessionInfo[] {
  return members.filter(
    (session) => session.state === 'idle' && (session.stateSeconds ?? 0) >= minutes * 60,
  );
}

/**
 * Terminates the idle sessions of one group (a leaking application's pool, say). Each session
 * is matched on pid and backend start, and the server checks again that it is still idle and
 * has been for `minutes`: a session that picked up work since the preview is left alone.
 */
export function idleSweepRequest(
  groupLabel: string,
  sessions: readonly SessionInfo[],
  minutes: number,
): DatabaseActionRequest {
  if (sessions.length === 0) throw new Error('no idle session to terminate');
  if (!Number.isSafeInteger(minutes) || minutes < 0)
    throw new Error(`minutes must be a whole number, got ${minutes}`);
  const matches = sessions.map((session) => {
    if (!Number.isSafeInteger(session.pid) || session.pid <= 0)
      throw new Error(`not a backend pid: ${session.pid}`);
    return session.backendStart
      ? `(a.pid = ${session.pid} AND a.backend_start = ${escapeLiteral(session.backendStart)}::timestamptz)`
      : `a.pid = ${session.pid}`;
  });
  const pids = sessions.map((session) => session.pid);
  const label = sanitizeTerminalText(groupLabel, {maxLength: 80});
  const age = `${minutes}m`;
  return {
    kind: 'action.terminate',
    summary: `terminate ${sessions.length} idle session${sessions.length === 1 ? '' : 's'} of ${label} idle longer than ${age}`,
    confirmationWord: 'terminate',
    statements: [
      [
        'SELECT a.pid, pg_terminate_backend(a.pid) AS signalled',
        'FROM pg_stat_activity AS a',
        `WHERE a.state = 'idle' AND a.state_change < now() - interval '${minutes} minutes'`,
        `  AND (${matches.join('\n   OR ')})`,
      ].join('\n'),
    ],
    details: sessions.map(describeSession),
    data: {
      signal: 'terminate',
      group: label,
      idleMinutes: minutes,
      sessions: sessions.map((session) => ({
        ...journaledSession(session),
        stateChange: session.stateChange ?? null,
      })),
    },
    describe: (results) => describeSignalled(results, pids),
  };
}
