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

const dimensions = Object.keys(keyOf) as GroupDimension[];

/** Code-unit order, as `COLLATE "C"` sorts the same keys on the server. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySessions = (a: GroupCount, b: GroupCount) => b.sessions - a.sessions || byKey(a.key, b.key);

/**
 * The counts by state and the groups of every dimension, from the whole session list: the
 * server sends them itself only when it cut the list, so most refreshes pay for the grouping
 * here rather than on the database being watched. One pass over the sessions, with indexed
 * loops: without TurboFan each step of a for-of loop allocates, and this runs every refresh.
 */
export function groupSessions(sessions: readonly SessionInfo[]): {
  total: number;
  byState: Record<string, number>;
  groups: Record<GroupDimension, GroupCount[]>;
} {
  const byState: Record<string, number> = {};
  const counts = dimensions.map(() => new Map<string, GroupCount>());
  for (let index = 0; index < sessions.length; index++) {
    const session = sessions[index]!;
    const state = session.state ?? 'unknown';
    byState[state] = (byState[state] ?? 0) + 1;
    for (let dimension = 0; dimension < dimensions.length; dimension++)
      add(counts[dimension]!, keyOf[dimensions[dimension]!](session), session);
  }
  const groups = {} as Record<GroupDimension, GroupCount[]>;
  for (let dimension = 0; dimension < dimensions.length; dimension++) {
    const ranked: GroupCount[] = [];
    counts[dimension]!.forEach((count) => {
      ranked.push(count);
    });
    ranked.sort(bySessions);
    const folded = new Map<string, GroupCount>();
    for (let index = 0; index < ranked.length; index++) {
      const count = ranked[index]!;
      merge(folded, index < groupLimit ? count.key : '(other)', count);
    }
    const kept: GroupCount[] = [];
    folded.forEach((count) => {
      kept.push(count);
    });
    groups[dimensions[dimension]!] = kept.sort(bySessions);
  }
  return {total: sessions.length, byState, groups};
}

function add(counts: Map<string, GroupCount>, key: string, session: SessionInfo): void {
  let count = counts.get(key);
  if (count === undefined) {
    count = {
      key,
      sessions: 0,
      active: 0,
      idle: 0,
      idleInTransaction: 0,
      other: 0,
      oldestTransactionSeconds: null,
    };
    counts.set(key, count);
  }
  count.sessions += 1;
  if (session.state === 'active') count.active! += 1;
  else if (session.state === 'idle') count.idle! += 1;
  else if (isIdleInTransaction(session.state)) count.idleInTransaction! += 1;
  else count.other! += 1;
  count.oldestTransactionSeconds = oldest(
    count.oldestTransactionSeconds,
    session.transactionSeconds,
  );
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
