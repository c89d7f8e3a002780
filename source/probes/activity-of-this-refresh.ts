import type {PostgresLifeline} from '../sources/postgres-lifeline';
import type {SessionInfo} from './session-info';

/** What one Connections read saw: the client sessions, and how many backends wait on a lock. */
export type ActivityRead = {
  /** The server's clock at the read (epoch ms), which the sessions are aged to. */
  readAt: number;
  sessions: ReadonlyMap<number, SessionInfo>;
  /** Backends of any kind (autovacuum and parallel workers too) waiting on a heavyweight lock. */
  lockWaiters: number;
};

/** A read begun this long before another probe's run belongs to the same refresh. */
const sameRefreshMs = 500;

const latest = new WeakMap<
  PostgresLifeline,
  {startedAt: number; read: Promise<ActivityRead | undefined>}
>();

/** Makes a Connections read, under way, available to the other probes of its refresh. */
export function shareActivityRead(
  lifeline: PostgresLifeline,
  read: Promise<ActivityRead | undefined>,
  now = Date.now(),
): void {
  latest.set(lifeline, {startedAt: now, read: read.catch(() => undefined)});
}

/**
 * The sessions the Connections read of this same refresh saw, once it has finished; undefined
 * when there is none (Connections not running, or its read began too long ago to describe the
 * server as it is now).
 */
export async function activityOfThisRefresh(
  lifeline: PostgresLifeline,
  now = Date.now(),
): Promise<ActivityRead | undefined> {
  const entry = latest.get(lifeline);
  if (!entry || now - entry.startedAt > sameRefreshMs) return undefined;
  return entry.read;
}
