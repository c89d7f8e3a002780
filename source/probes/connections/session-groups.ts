import {isIdleInTransaction, type SessionInfo} from '../session-info';
import type {GroupCount, GroupDimension} from './connections-probe';

/** Keys kept per group-by dimension before the rest are folded into `(other)`. */
export const groupLimit = 20;

/** Each dimension's key of a session, as the SQL of a cut list writes it. */
const keyOf: Record<GroupDimension, (session: SessionInfo) => string> = {
  application: (session) => session.application ?? '',
  user: (session) => session.user ?? '',
  clientAddress: (session) => session.client ?? 'local',
  database: (session) => session.database ?? '',
  waitEventType: (session) => session.waitEventType ?? 'none',
};

/** Code-unit order, as `COLLATE "C"` sorts the same keys on the server. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySessions = (a: GroupCount, b: GroupCount) => b.sessions - a.sessions || byKey(a.key, b.key);

/**
 * The counts by state and the groups of every dimension, from the whole session list: the
 * server sends them itself only when it cut the list, so most refreshes pay for the grouping
 * here rather than on the database being watched.
 */
export function groupSessions(sessions: readonly SessionInfo[]): {
  total: number;
  byState: Record<string, number>;
  groups: Record<GroupDimension, GroupCount[]>;
} {
  const byState: Record<string, number> = {};
  for (const session of sessions) {
    const state = session.state ?? 'unknown';
    byState[state] = (byState[state] ?? 0) + 1;
  }
  const groups = {} as Record<GroupDimension, GroupCount[]>;
  for (const dimension of Object.keys(keyOf) as GroupDimension[]) {
    const counts = new Map<string, GroupCount>();
    for (const session of sessions) add(counts, keyOf[dimension](session), session);
    const ranked = [...counts.values()].sort(bySessions);
    const folded = new Map<string, GroupCount>();
    for (const [index, count] of ranked.entries())
      merge(folded, index < groupLimit ? count.key : '(other)', count);
    groups[dimension] = [...folded.values()].sort(bySessions);
  }
  return {total: sessions.length, byState, groups};
}

function add(counts: Map<string, GroupCount>, key: string, session: SessionInfo): void {
  const count = counts.get(key) ?? {
    key,
    sessions: 0,
    active: 0,
    idle: 0,
    idleInTransaction: 0,
    other: 0,
    oldestTransactionSeconds: null,
  };
  count.sessions += 1;
  if (session.state === 'active') count.active! += 1;
  else if (session.state === 'idle') count.idle! += 1;
  else if (isIdleInTransaction(session.state)) count.idleInTransaction! += 1;
  else count.other! += 1;
  count.oldestTransactionSeconds = oldest(
    count.oldestTransactionSeconds,
    session.transactionSeconds,
  );
  counts.set(key, count);
}

function merge(folded: Map<string, GroupCount>, key: string, count: GroupCount): void {
  const into = folded.get(key);
  if (!into) {
    folded.set(key, {...count, key});
    return;
  }
  into.sessions += count.sessions;
  into.active! += count.active!;
  into.idle! += count.idle!;
  into.idleInTransaction! += count.idleInTransaction!;
  into.other! += count.other!;
  into.oldestTransactionSeconds = oldest(
    into.oldestTransactionSeconds,
    count.oldestTransactionSeconds,
  );
}

const oldest = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : Math.max(a, b);
