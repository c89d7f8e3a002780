import stringWidth from 'string-width';
import type {LockSession, LockWaiter} from '../../probes/locks/blocking-chains';
import type {LocksSnapshot} from '../../probes/locks/locks-probe';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Column} from '../widgets/data-table-layout';
import type {SessionRow} from './session-list-state';

/**
 * Columns of the blocking tree. The tree and what each row waits for are sized to their
 * contents and never dropped or cut (a lock type cut to `transaction…` says nothing); the
 * query takes what is left.
 */
export function lockColumns(rows: readonly LockRow[]): Column[] {
  const widest = (key: string, title: string, cap: number) =>
    Math.min(cap, Math.max(title.length, ...rows.map((row) => stringWidth(row.cells[key] ?? ''))));
  return [
    {key: 'pid', title: 'PID', width: widest('pid', 'PID', 40)},
    {key: 'time', title: 'WAITED', width: 7, align: 'right', priority: 2},
    {key: 'lock', title: 'WAITS FOR', width: widest('lock', 'WAITS FOR', 72)},
    {key: 'state', title: 'STATE', width: 11, priority: 1},
    {key: 'transaction', title: 'XACT', width: 7, align: 'right', priority: 1},
    {key: 'user', title: 'USER', width: 12, priority: 4},
    {key: 'application', title: 'APPLICATION', width: 14, priority: 3},
    {key: 'query', title: 'QUERY TEXT', width: 10, grow: true, priority: 5},
  ];
}

/** A row of the blocking tree: the chain's root blocker pid comes along for "terminate the root". */
export type LockRow = SessionRow & {session: LockSession; rootPid: number; depth: number};

/** What a waiter waits for: `ShareLock on transactionid held by 9822`, `RowExclusiveLock on orders`. */
export function describeWait(waiter: LockWaiter): string {
  const mode = waiter.mode ?? 'a lock';
  const others = waiter.otherBlockers.length;
  const more = others > 0 ? ` (+${others} more blocker${others === 1 ? '' : 's'})` : '';
  const heldBy = `held by ${waiter.blockedBy}`;
  switch (waiter.lockType) {
    case 'relation':
      return `${mode} on ${waiter.relation ?? 'a relation'}${more}`;
    case 'tuple':
      return `${mode} on a row of ${waiter.relation ?? 'a table'} ${heldBy}${more}`;
    case null:
    case undefined:
      return `${mode} ${heldBy}${more}`;
    default:
      return `${mode} on ${waiter.lockType}${waiter.relation ? ` of ${waiter.relation}` : ''} ${heldBy}${more}`;
  }
}

const shortState = (state: string | null | undefined) =>
  state === 'idle in transaction'
    ? 'idle in tx'
    : state === 'idle in transaction (aborted)'
      ? 'idle in tx!'
      : state;

function cellsOf(
  session: LockSession,
  prefix: string,
  lock: string,
  waited: number | null,
): Record<string, string> {
  const clean = (value: unknown) => sanitizeTerminalText(value, {maxLength: 512});
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : formatDuration(value);
  return {
    pid: `${prefix}${session.pid}`,
    time: seconds(waited),
    lock: clean(lock),
    state: clean(shortState(session.state) ?? session.backendType),
    transaction: seconds(session.transactionSeconds),
    user: clean(session.user),
    application: clean(session.application),
    query: clean(session.query),
  };
}

/** Deep queues keep a readable indent: past this depth the level is written as a number. */
const maximumDrawnDepth = 8;

/**
 * The blocking chains as tree rows drawn with `├─`, `│` and `└─`: each root blocker (its state
 * and transaction age, how many it blocks), then every waiter once, saying what it waits for.
 */
export function lockRows(
  snapshot: LocksSnapshot,
  options: {rootStateInline?: boolean} = {},
): LockRow[] {
  return snapshot.chains.flatMap((chain, chainIndex) => {
    const blocks = chain.blocks ?? chain.waiters.filter((w) => w.depth === 1).map((w) => w.pid);
    const elsewhere = blocks.filter((pid) => !chain.waiters.some((waiter) => waiter.pid === pid));
    // In a narrow pane the STATE and XACT columns are dropped; the root's row must still say them.
    const rootState = options.rootStateInline ? rootStateText(chain.blocker) : '';
    const rootLock = `root blocker${rootState}, blocks ${blocks.length}${elsewhere.length > 0 ? ` (${elsewhere.join(', ')} listed under another)` : ''}`;
    const rows: LockRow[] = [
      {
        id: `${chainIndex}:${chain.blockerPid}`,
        cells: cellsOf(chain.blocker, '', rootLock, null),
        session: chain.blocker,
        tone: chain.idleInTransaction ? 'status.critical' : 'status.warn',
        rootPid: chain.blockerPid,
        depth: 0,
      },
    ];
    // Whether each open level still has a sibling to come decides `│` or blank under it.
    const open: boolean[] = [];
    chain.waiters.forEach((waiter, index) => {
      const last = !chain.waiters
        .slice(index + 1)
        .some((later) => later.depth === waiter.depth && stillUnder(chain.waiters, index, later));
      open.length = waiter.depth - 1;
      const drawnDepth = Math.min(waiter.depth, maximumDrawnDepth);
      const rails = open
        .slice(0, drawnDepth - 1)
        .map((more) => (more ? '│  ' : '   '))
        .join('');
      const level = waiter.depth > maximumDrawnDepth ? `${waiter.depth}:` : '';
      rows.push({
        id: `${chainIndex}:${chain.blockerPid}:${waiter.pid}`,
        cells: cellsOf(
          waiter,
          `${rails}${last ? '└─ ' : '├─ '}${level}`,
          describeWait(waiter),
          waiter.waitSeconds,
        ),
        session: waiter,
        rootPid: chain.blockerPid,
        depth: waiter.depth,
      });
      open[waiter.depth - 1] = !last;
    });
    return rows;
  });
}

/** `, idle in tx for 31m40s` for the root blocker's row when its own columns do not fit. */
function rootStateText(session: LockSession): string {
  const state = shortState(session.state) ?? session.backendType;
  if (!state) return '';
  const age =
    session.transactionSeconds === null || session.transactionSeconds === undefined
      ? ''
      : ` for ${formatDuration(session.transactionSeconds)}`;
  return `, ${sanitizeTerminalText(state, {maxLength: 40})}${age}`;
}

/** True when `later` is a sibling of the waiter at `index` (no shallower row between them). */
function stillUnder(waiters: readonly LockWaiter[], index: number, later: LockWaiter): boolean {
  const depth = waiters[index]!.depth;
  const laterIndex = waiters.indexOf(later);
  return waiters.slice(index + 1, laterIndex).every((between) => between.depth >= depth);
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
