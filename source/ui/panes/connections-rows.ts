import {labelGroupKey} from '../../probes/connections/client-roles';
import type {
  ConnectionsSnapshot,
  GroupCount,
  GroupDimension,
} from '../../probes/connections/connections-probe';
import {isIdleInTransaction, type SessionInfo} from '../../probes/session-info';
import {compareText} from '../../text/compare-text';
import {formatAge, formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Column} from '../widgets/data-table-layout';
import type {SessionRow} from './session-list-state';

/**
 * Columns of the sessions table; the query takes what is left, the least useful go first when
 * narrow. APPLICATION outlives USER and WAIT: a leak is told apart by application.
 */
export const sessionColumns: readonly Column[] = [
  {key: 'pid', title: 'PID', width: 7, align: 'right'},
  {key: 'duration', title: 'QUERY', width: 7, align: 'right'},
  {key: 'transaction', title: 'XACT', width: 7, align: 'right', priority: 2},
  {key: 'idle', title: 'IDLE', width: 7, align: 'right', priority: 2},
  {key: 'xminAge', title: 'XMIN AGE', width: 8, align: 'right', priority: 6},
  {key: 'state', title: 'STATE', width: 11},
  {key: 'wait', title: 'WAIT', width: 14, priority: 4},
  {key: 'user', title: 'USER', width: 12, priority: 3},
  {key: 'application', title: 'APPLICATION', width: 14, priority: 1},
  {key: 'client', title: 'CLIENT', width: 15, priority: 5},
  {key: 'query', title: 'QUERY TEXT', width: 12, grow: true},
];

/** Columns of the grouped table: one row per group, its sessions under it when expanded. */
export const groupColumns: readonly Column[] = [
  {key: 'key', title: 'GROUP', width: 24, grow: true},
  {key: 'sessions', title: 'SESSIONS', width: 8, align: 'right'},
  {key: 'active', title: 'ACTIVE', width: 6, align: 'right', priority: 2},
  {key: 'idle', title: 'IDLE', width: 6, align: 'right', priority: 1},
  {key: 'idleInTransaction', title: 'IDLE IN TX', width: 10, align: 'right', priority: 1},
  {key: 'other', title: 'OTHER', width: 5, align: 'right', priority: 3},
  {key: 'oldest', title: 'OLDEST XACT', width: 11, align: 'right', priority: 2},
];

/** Sort keys `s` cycles through, and what each sorts by (largest or first at the top). */
export const sortKeys = [
  'transaction',
  'duration',
  'idle',
  'pid',
  'user',
  'application',
  'client',
  'state',
] as const;

/** A sort key of the sessions table. */
export type SortKey = (typeof sortKeys)[number];

const numericSortKeys: ReadonlySet<SortKey> = new Set(['transaction', 'duration', 'idle']);

/** The columns with the sorted one's title marked: `▼` largest first, `▲` A to Z. */
export function withSortIndicator(columns: readonly Column[], sortKey: SortKey): Column[] {
  const arrow = numericSortKeys.has(sortKey) ? '▼' : '▲';
  return columns.map((column) =>
    column.key === sortKey ? {...column, title: `${column.title}${arrow}`} : column,
  );
}

/** Short state names that fit the column. */
const stateNames: Record<string, string> = {
  'idle in transaction': 'idle in tx',
  'idle in transaction (aborted)': 'idle in tx!',
};

/** How long a session has been in its state: only told for sessions that wait (idle ones). */
function idleSeconds(session: SessionInfo): number | null {
  if (session.state === 'active') return null;
  return session.stateSeconds ?? null;
}

/** The cells of one session, every one sanitised. */
export function sessionCells(session: SessionInfo): Record<string, string> {
  const clean = (value: unknown) => sanitizeTerminalText(value, {maxLength: 512});
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : formatDuration(value);
  const idle = idleSeconds(session);
  return {
    pid: String(session.pid),
    duration: session.state === 'active' ? seconds(session.durationSeconds) : '',
    transaction: seconds(session.transactionSeconds),
    idle: idle === null || idle === undefined ? '' : formatAge(idle),
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
  const largest = (value: (session: SessionInfo) => number | null | undefined) => {
    return (a: SessionInfo, b: SessionInfo) => (value(b) ?? -1) - (value(a) ?? -1);
  };
  switch (key) {
    case 'duration':
      return largest((session) => (session.state === 'active' ? session.durationSeconds : null));
    case 'transaction':
      return largest((session) => session.transactionSeconds);
    case 'idle':
      return largest(idleSeconds);
    case 'pid':
      return (a, b) => a.pid - b.pid;
    default:
      return (a, b) => compareText(text(a[key]), text(b[key]));
  }
}

/** Whether a session's row shows an idle age (the IDLE column), without building its cells. */
export function showsIdleAge(session: SessionInfo): boolean {
  return idleSeconds(session) !== null;
}

function matches(cells: Readonly<Record<string, string>>, needle: string): boolean {
  return !needle || Object.values(cells).some((cell) => cell.toLowerCase().includes(needle));
}

/**
 * A session's row. Sanitising and redacting hundreds of listed sessions cost more than drawing
 * the screen: a row is cleaned when it is drawn, filtered or copied, not on every refresh. A
 * class, so the lazy cells are one getter on the prototype rather than a closure per row.
 */
class LazySessionRow implements SessionRow {
  readonly id: string;
  readonly tone: SessionRow['tone'];
  #cells: Record<string, string> | undefined;

  constructor(readonly session: SessionInfo) {
    this.id = String(session.pid);
    this.tone = isIdleInTransaction(session.state) ? 'status.warn' : undefined;
  }

  get cells(): Record<string, string> {
    this.#cells ??= sessionCells(this.session);
    return this.#cells;
  }
}

/**
 * The sessions table: every listed session, idle ones included, sorted by `sortKey` (ties by
 * pid) and filtered by `filter` over every column. No row is pinned: the sort decides.
 */
export function sessionRows(
  snapshot: ConnectionsSnapshot,
  options: {sortKey: SortKey; filter: string},
): SessionRow[] {
  const needle = options.filter.trim().toLowerCase();
  const compare = compareBy(options.sortKey);
  const rows = [...snapshot.sessions]
    .sort((a, b) => compare(a, b) || a.pid - b.pid)
    .map((session) => new LazySessionRow(session));
  return needle ? rows.filter((row) => matches(row.cells, needle)) : rows;
}

/** The value of `dimension` a session is grouped under, as the probe keys it. */
export function groupKeyOf(session: SessionInfo, dimension: GroupDimension): string {
  switch (dimension) {
    case 'application':
      return session.application ?? '';
    case 'user':
      return session.user ?? '';
    case 'clientAddress':
      return session.client ?? 'local';
    case 'database':
      return session.database ?? '';
    case 'waitEventType':
      return session.waitEventType ?? 'none';
  }
}

/** A group of sessions sharing one value of a dimension. */
export type SessionGroup = {dimension: GroupDimension; count: GroupCount; members: SessionInfo[]};

/**
 * The sessions grouped by `dimension`, largest group first: counts come from the server (every
 * session), members from the listed sessions. `(other)` gathers the keys beyond the top ones.
 */
export function sessionGroups(
  snapshot: ConnectionsSnapshot,
  dimension: GroupDimension,
): SessionGroup[] {
  const counts = snapshot.groups[dimension] ?? [];
  const named = new Set(counts.map((count) => count.key).filter((key) => key !== '(other)'));
  return counts.map((count) => ({
    dimension,
    count,
    members: snapshot.sessions.filter((session) => {
      const key = groupKeyOf(session, dimension);
      return count.key === '(other)' ? !named.has(key) : key === count.key;
    }),
  }));
}

/** A row of the grouped table: a group, or one of its sessions under it. */
export type GroupedRow = SessionRow & {group?: SessionGroup};

/**
 * The grouped table: one row per group (counts by state, oldest transaction), the sessions of
 * each `expanded` group under it (sorted like the flat table). The filter keeps groups whose
 * label or any member matches, and the matching members.
 */
export function groupedRows(
  snapshot: ConnectionsSnapshot,
  options: {
    dimension: GroupDimension;
    expanded: ReadonlySet<string>;
    sortKey: SortKey;
    filter: string;
  },
): GroupedRow[] {
  const needle = options.filter.trim().toLowerCase();
  const compare = compareBy(options.sortKey);
  const rows: GroupedRow[] = [];
  for (const group of sessionGroups(snapshot, options.dimension)) {
    const id = `group:${group.count.key}`;
    const open = options.expanded.has(id);
    const label = sanitizeTerminalText(labelGroupKey(options.dimension, group.count.key), {
      maxLength: 120,
    });
    // A closed group shows counts only: its members are cleaned when it opens or a filter runs.
    const members =
      open || needle
        ? group.members
            .slice()
            .sort((a, b) => compare(a, b) || a.pid - b.pid)
            .map((session) => ({session, cells: sessionCells(session)}))
            .filter((member) => !needle || matches(member.cells, needle))
        : [];
    if (needle && !label.toLowerCase().includes(needle) && members.length === 0) continue;
    const count = group.count;
    const number = (value: number | undefined) => (value ? String(value) : '');
    rows.push({
      id,
      group,
      cells: {
        key: `${open ? '▾' : '▸'} ${label}`,
        sessions: String(count.sessions),
        active: number(count.active),
        idle: number(count.idle),
        idleInTransaction: number(count.idleInTransaction),
        other: number(count.other),
        oldest:
          count.oldestTransactionSeconds === null || count.oldestTransactionSeconds === undefined
            ? ''
            : formatDuration(count.oldestTransactionSeconds),
      },
      tone: count.idleInTransaction ? 'status.warn' : undefined,
    });
    if (!open) continue;
    for (const {session, cells} of members) {
      const cell = (key: string) => cells[key] ?? '';
      const age = cell('duration') || cell('idle');
      rows.push({
        id: `${id}:${session.pid}`,
        session,
        cells: {
          key: `   ${cell('pid').padStart(7)} ${cell('state').padEnd(11)} ${age.padStart(7)}  ${cell('query')}`,
          oldest: cell('transaction'),
        },
        tone: isIdleInTransaction(session.state) ? 'status.warn' : undefined,
      });
    }
    const unlisted = count.sessions - group.members.length;
    if (unlisted > 0)
      rows.push({
        id: `${id}:unlisted`,
        cells: {
          key: `   … ${unlisted} more not listed (the probe lists at most its session limit)`,
        },
      });
  }
  return rows;
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
