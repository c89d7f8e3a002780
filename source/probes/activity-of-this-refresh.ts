import type {PostgresLifeline} from '../sources/postgres-lifeline';
import type {SessionInfo} from './session-info';

/** The client sessions one Connections read saw. */
export type ActivityRead = {sessions: ReadonlyMap<number, SessionInfo>};

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
