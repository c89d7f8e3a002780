import type {SessionInfo} from '../../probes/session-info';
import type {TableRow} from '../widgets/DataTable';

/** A table row that stands for one session (a group or note row of the grouped table has none). */
export type SessionRow = TableRow & {session?: SessionInfo};

/** Selection and marks of a session table, by row id so they survive a refresh. */
export type SessionListState = {selectedId: string | undefined; marked: ReadonlySet<string>};

/** Nothing selected yet (the first row counts as selected) and nothing marked. */
export const emptySessionList: SessionListState = {selectedId: undefined, marked: new Set()};

/** Where the selection is in `rows`: the selected row if still there, else the first row. */
export function selectedIndexOf(state: SessionListState, rows: readonly SessionRow[]): number {
  if (rows.length === 0) return -1;
  const index = rows.findIndex((row) => row.id === state.selectedId);
  return Math.max(index, 0);
}

/** Applies a `rows.*` command; `pageSize` is the number of visible rows. */
export function moveSelection(
  state: SessionListState,
  rows: readonly SessionRow[],
  command: string,
  pageSize: number,
): SessionListState {
  if (rows.length === 0) return state;
  const current = selectedIndexOf(state, rows);
  const last = rows.length - 1;
  const page = Math.max(1, pageSize);
  const targets: Record<string, number> = {
    'rows.up': current - 1,
    'rows.down': current + 1,
    'rows.pageUp': current - page,
    'rows.pageDown': current + page,
    'rows.first': 0,
    'rows.last': last,
  };
  const target = targets[command];
  if (target === undefined) return state;
  return {...state, selectedId: rows[Math.min(last, Math.max(0, target))]!.id};
}

/** Marks or unmarks the selected row, then moves down one so several can be marked quickly. */
export function toggleMark(state: SessionListState, rows: readonly SessionRow[]): SessionListState {
  const index = selectedIndexOf(state, rows);
  const row = rows[index];
  if (!row) return state;
  const marked = new Set(state.marked);
  if (marked.has(row.id)) marked.delete(row.id);
  else marked.add(row.id);
  const next = rows[Math.min(rows.length - 1, index + 1)]!;
  return {selectedId: next.id, marked};
}

/** The sessions an action applies to: the marked ones still shown, else the selected one (by pid, once each). */
export function targetSessions(
  state: SessionListState,
  rows: readonly SessionRow[],
): SessionInfo[] {
  const marked = rows.filter((row) => state.marked.has(row.id));
  const chosen =
    marked.length > 0 ? marked : rows.slice(Math.max(0, selectedIndexOf(state, rows))).slice(0, 1);
  const byPid = new Map(
    chosen.flatMap((row) => (row.session ? [[row.session.pid, row.session] as const] : [])),
  );
  return [...byPid.values()];
}
