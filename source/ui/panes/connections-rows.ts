import {labelGroupKey} from '../../probes/connections/client-roles';
import type {ConnectionsSnapshot, GroupDimension} from '../../probes/connections/connections-probe';
import {isIdleInTransaction, type SessionInfo} from '../../probes/session-info';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Column} from '../widgets/data-table-layout';
import type {SessionRow} from './session-list-state';

/** Columns of the sessions table; the query takes what is left, the least useful go first when narrow. */
export const sessionColumns: readonly Column[] = [
  {key: 'pid', title: 'PID', width: 7, align: 'right'},
  {key: 'duration', title: 'QUERY', width: 7, align: 'right'},
  {key: 'transaction', title: 'XACT', width: 7, align: 'right', priority: 2},
  {key: 'xminAge', title: 'XMIN AGE', width: 8, align: 'right', priority: 4},
  {key: 'state', title: 'STATE', width: 11, priority: 1},
  {key: 'wait', title: 'WAIT', width: 14, priority: 3},
  {key: 'user', title: 'USER', width: 12, priority: 2},
  {key: 'application', title: 'APPLICATION', width: 14, priority: 3},
  {key: 'client', title: 'CLIENT', width: 15, priority: 5},
  {key: 'query', title: 'QUERY TEXT', width: 12, grow: true},
];

/** Sort keys `s` cycles through, and what each sorts by (largest or first at the top). */
export const sortKeys = [
  'duration',
  'transaction',
  'pid',
  'user',
  'application',
  'client',
  'state',
] as const;

/** A sort key of the sessions table. */
export type SortKey = (typeof sortKeys)[number];

/** Short state names that fit the column. */
const stateNames: Record<string, string> = {
  'idle in transaction': 'idle in tx',
  'idle in transaction (aborted)': 'idle in tx!',
};

/** The cells of one session, every one sanitised. */
export function sessionCells(session: SessionInfo): Record<string, string> {
  const clean = (value: unknown) => sanitizeTerminalText(value, {maxLength: 512});
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : formatDuration(value);
  return {
    pid: String(session.pid),
    duration: session.state === 'active' ? seconds(session.durationSeconds) : '',
    transaction: seconds(session.transactionSeconds),
    xminAge:
      session.xminAge === null || session.xminAge === undefined ? '' : String(session.xminAge),
    state: clean(stateNames[session.state ?? ''] ?? session.state ?? ''),
    wait: clean(session.waitEvent ? `${session.waitEventType}:${session.waitEvent}` : ''),
    user: clean(session.user),
    application: clean(session.application),
    client: clean(session.client),
    query: clean(session.query),
  };
}

function compareBy(key: SortKey): (a: SessionInfo, b: SessionInfo) => number {
  const text = (value: string | null) => value ?? '';
  switch (key) {
    case 'duration':
      return (a, b) =>
        (b.state === 'active' ? (b.durationSeconds ?? 0) : -1) -
        (a.state === 'active' ? (a.durationSeconds ?? 0) : -1);
    case 'transaction':
      return (a, b) => (b.transactionSeconds ?? -1) - (a.transactionSeconds ?? -1);
    case 'pid':
      return (a, b) => a.pid - b.pid;
    default:
      return (a, b) => text(a[key]).localeCompare(text(b[key]));
  }
}

/**
 * The sessions table: every idle-in-transaction session first (oldest transaction first, never
 * filtered out, since they hold locks and block vacuum), then the long-running queries and oldest
 * transactions, once each, sorted by `sortKey` and filtered by `filter` over every column.
 */
export function sessionRows(
  snapshot: ConnectionsSnapshot,
  options: {sortKey: SortKey; filter: string},
): SessionRow[] {
  const idle = [...snapshot.idleInTransaction].sort(compareBy('transaction'));
  const idlePids = new Set(idle.map((session) => session.pid));
  const others = new Map<number, SessionInfo>();
  for (const session of [...snapshot.longRunning, ...snapshot.oldestTransactions]) {
    if (!idlePids.has(session.pid) && !others.has(session.pid)) others.set(session.pid, session);
  }
  const needle = options.filter.trim().toLowerCase();
  const rowOf = (session: SessionInfo): SessionRow => ({
    id: String(session.pid),
    cells: sessionCells(session),
    session,
    tone: isIdleInTransaction(session.state) ? 'status.warn' : undefined,
  });
  const rest = [...others.values()]
    .sort(compareBy(options.sortKey))
    .map(rowOf)
    .filter(
      (row) =>
        !needle || Object.values(row.cells).some((cell) => cell.toLowerCase().includes(needle)),
    );
  return [...idle.map(rowOf), ...rest];
}

const stateOrder = ['active', 'idle', 'idle in transaction', 'idle in transaction (aborted)'];

/** The by-state breakdown as one line: `active 3 · idle 120 · idle in transaction 4`. */
export function stateBreakdown(
  byState: Readonly<Record<string, number>>,
): Array<{text: string; warn: boolean}> {
  const states = [
    ...stateOrder.filter((name) => name in byState),
    ...Object.keys(byState)
      .filter((name) => !stateOrder.includes(name))
      .sort(),
  ];
  return states.map((name) => ({
    text: `${sanitizeTerminalText(name, {maxLength: 40})} ${byState[name] ?? 0}`,
    warn: name.startsWith('idle in transaction') && (byState[name] ?? 0) > 0,
  }));
}

/** Titles of the group-by dimensions, in the order `g` cycles through them. */
export const dimensionTitles: Record<GroupDimension, string> = {
  application: 'application',
  user: 'user',
  clientAddress: 'client address',
  database: 'database',
  waitEventType: 'wait event type',
};

/** The sessions grouped by `dimension`, largest group first, keys labelled (Supabase roles named). */
export function groupLine(snapshot: ConnectionsSnapshot, dimension: GroupDimension): string {
  const groups = snapshot.groups[dimension] ?? [];
  const parts = groups.map(
    (group) =>
      `${sanitizeTerminalText(labelGroupKey(dimension, group.key), {maxLength: 60})} ${group.sessions}`,
  );
  return `by ${dimensionTitles[dimension]}: ${parts.join(' · ') || 'no sessions'}`;
}

/** The idle-in-transaction summary: how many, the oldest transaction and the largest xmin age. */
export function idleSummary(snapshot: ConnectionsSnapshot): string | undefined {
  const idle = snapshot.idleInTransaction;
  if (idle.length === 0) return undefined;
  const oldest = Math.max(...idle.map((session) => session.transactionSeconds ?? 0));
  const xmin = Math.max(0, ...idle.map((session) => session.xminAge ?? 0));
  return `${idle.length} idle in transaction · oldest ${formatDuration(oldest)} · max xmin age ${xmin}`;
}
