import type {LockSession} from '../../probes/locks/blocking-chains';
import type {LocksSnapshot} from '../../probes/locks/locks-probe';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Column} from '../widgets/data-table-layout';
import type {SessionRow} from './session-list-state';

/** Columns of the blocking tree: the pid column carries the tree's indentation. */
export const lockColumns: readonly Column[] = [
  {key: 'pid', title: 'PID', width: 14},
  {key: 'time', title: 'WAITED', width: 7, align: 'right'},
  {key: 'mode', title: 'MODE', width: 15, priority: 1},
  {key: 'relation', title: 'ON', width: 12, priority: 2},
  {key: 'state', title: 'STATE', width: 11, priority: 3},
  {key: 'user', title: 'USER', width: 12, priority: 4},
  {key: 'application', title: 'APPLICATION', width: 14, priority: 5},
  {key: 'query', title: 'QUERY TEXT', width: 10, grow: true},
];

/** A row of the blocking tree: the chain's root blocker pid comes along for "terminate the root". */
export type LockRow = SessionRow & {rootPid: number; depth: number};

function lockTarget(session: LockSession): string {
  if (session.relation) return session.relation;
  return session.lockType ?? '';
}

function cellsOf(
  session: LockSession & {repeated?: boolean},
  depth: number,
): Record<string, string> {
  const clean = (value: unknown) => sanitizeTerminalText(value, {maxLength: 512});
  const indent = depth === 0 ? '' : `${' '.repeat(depth - 1)}└ `;
  const seconds = depth === 0 ? session.transactionSeconds : session.waitSeconds;
  return {
    pid: `${indent}${session.pid}`,
    time: seconds === null || seconds === undefined ? '' : formatDuration(seconds),
    // "AccessExclusiveLock" reads as well without its suffix, and fits.
    mode: depth === 0 ? 'holds' : clean(session.mode?.replace(/Lock$/, '')),
    relation: clean(lockTarget(session)),
    state: clean(
      session.state === 'idle in transaction'
        ? 'idle in tx'
        : (session.state ?? session.backendType),
    ),
    user: clean(session.user),
    application: clean(session.application),
    query: session.repeated ? `(also above) ${clean(session.query)}` : clean(session.query),
  };
}

/**
 * The blocking chains as table rows: each root blocker (its time column is its transaction's
 * age), then its waiters indented by depth (their time column is how long they waited).
 */
export function lockRows(snapshot: LocksSnapshot): LockRow[] {
  return snapshot.chains.flatMap((chain, chainIndex) => [
    {
      id: `${chainIndex}:${chain.blockerPid}`,
      cells: cellsOf(chain.blocker, 0),
      session: chain.blocker,
      tone: chain.idleInTransaction ? ('status.critical' as const) : ('status.warn' as const),
      rootPid: chain.blockerPid,
      depth: 0,
    },
    ...chain.waiters.map((waiter, index) => ({
      id: `${chainIndex}:${chain.blockerPid}:${index}:${waiter.pid}`,
      cells: cellsOf(waiter, waiter.depth),
      session: waiter,
      rootPid: chain.blockerPid,
      depth: waiter.depth,
    })),
  ]);
}

/** The pane title's summary: `4 waiting · longest 2m10s`. */
export function locksHeadline(snapshot: LocksSnapshot): string {
  if (snapshot.waiting === 0) return 'none waiting';
  return `${snapshot.waiting} waiting · longest ${formatDuration(snapshot.longestWaitSeconds)}`;
}

/** The pids `pid` blocks and waits on, from the locks probe's edges. */
export function blockingRelations(
  snapshot: LocksSnapshot | undefined,
  pid: number,
): {blocks: number[]; waitsOn: number[]} {
  const edges = snapshot?.edges ?? [];
  return {
    blocks: [...new Set(edges.filter(([blocker]) => blocker === pid).map(([, waiter]) => waiter))],
    waitsOn: [...new Set(edges.filter(([, waiter]) => waiter === pid).map(([blocker]) => blocker))],
  };
}
