import {groupDigits} from '../../text/format';
import type {SchemaCheck} from './schema-check';

/** At most this many of a table's newest rows are read for "the last hour". */
export const recentWindowRows = 5000;

/**
 * How a probe reaches a big table's newest rows with the indexes the product already has:
 * `time` walks an index on the creation timestamp, `key` walks the index of an integer key
 * (usually a serial primary key, whose order is the insertion order) from `fromKey` when a
 * previous read found where the last hour began, `tail` has neither (a
 * uuid key, say) and reads the table's last pages, where new rows are appended (PostgreSQL 14's
 * TID range scan), and `scan` reads the whole table (older servers).
 */
export type RecentWindow =
  | {kind: 'time'}
  | {kind: 'key'; key: string; fromKey?: string}
  | {kind: 'tail'; fromPage: number}
  | {kind: 'scan'};

/** TID range scans, which read a table's last pages only, arrived in PostgreSQL 14. */
const tidRangeScanVersion = 140_000;

/** Picks the cheapest way to the newest rows of `table` from what its schema check found. */
export function chooseRecentWindow(
  check: SchemaCheck,
  table: string,
  columns: {createdAt: string; id: string},
  serverVersion: number,
): RecentWindow {
  const leads = check.indexed[table] ?? [];
  if (leads.includes(columns.createdAt)) return {kind: 'time'};
  if (leads.includes(columns.id) && (check.integer[table] ?? []).includes(columns.id))
    return {kind: 'key', key: columns.id};
  const size = check.pages[table];
  if (serverVersion >= tidRangeScanVersion && size) {
    // Pages that hold about a window of rows, counted back from the size at the schema check:
    // pages added since are read too, as they come after it.
    const pages = Math.ceil(recentWindowRows / Math.max(1, size.rowsPerPage || 1));
    return {kind: 'tail', fromPage: Math.max(0, size.pages - pages)};
  }
  return {kind: 'scan'};
}

/**
 * The newest rows of `from` (at most {@link recentWindowRows}), projected to `select` (which must
 * name the creation time `created_at`), without the one-hour cut: the caller filters on
 * `created_at` and can tell from the row count whether the window was full.
 */
export function newestRowsSql(
  from: string,
  select: string,
  createdAt: string,
  window: RecentWindow,
  quoteIdentifier: (name: string) => string,
): string {
  const order =
    window.kind === 'key'
      ? `${window.fromKey === undefined ? '' : `WHERE ${quoteIdentifier(window.key)} >= ${window.fromKey} `}ORDER BY ${quoteIdentifier(window.key)} DESC`
      : window.kind === 'tail'
        ? `WHERE ctid >= '(${Math.floor(window.fromPage)},0)'::tid ORDER BY ${createdAt} DESC`
        : `WHERE ${createdAt} > now() - interval '1 hour' ORDER BY ${createdAt} DESC`;
  // By key, the key comes along: whether it follows the creation time is checked on the way.
  const key = window.kind === 'key' ? `${quoteIdentifier(window.key)} AS row_key, ` : '';
  return `SELECT ${key}${select} FROM ${from} ${order} LIMIT ${recentWindowRows}`;
}

/**
 * The figures of the window `newest` (from {@link newestRowsSql}) in one pass over it, as a
 * derived table `window_stats` for the statement's FROM: how many rows it holds, how far back
 * they reach, by key whether a row of the last hour has a smaller key than an older one (then
 * the key does not follow the creation time and rows may be missed), and where the next read
 * can start (the first key of the last hour, or the newest key when the hour had no row: the
 * window then holds that one row, and is never empty but after a truncate or a reset).
 * `moreFigures` are the caller's own aggregates over `newest`, computed in the same pass.
 */
export function windowStatsSql(window: RecentWindow, moreFigures: readonly string[] = []): string {
  const byKey = window.kind === 'key';
  const outOfOrder = byKey
    ? `coalesce(min(row_key) FILTER (WHERE created_at > now() - interval '1 hour')
                < max(row_key) FILTER (WHERE created_at <= now() - interval '1 hour'), false)`
    : 'false';
  const start = byKey
    ? `coalesce(min(row_key) FILTER (WHERE created_at > now() - interval '1 hour'), max(row_key))::text`
    : 'NULL::text';
  return `(SELECT count(*)::int AS window_rows,
          extract(epoch FROM now() - min(created_at))::float8 AS window_seconds,
          ${outOfOrder} AS window_out_of_order,
          ${[`${start} AS window_start_key`, ...moreFigures].join(',\n          ')}
   FROM newest) AS window_stats`;
}

/** The columns of {@link windowStatsSql}, for the statement's select list. */
export const windowColumnsSql = 'window_stats.*,';

/** The window columns of a probe row that say where the next read can start. */
type WindowFound = {
  window_rows?: number;
  window_seconds?: number | null;
  window_start_key?: string | null;
};

/**
 * The key where the last hour began, remembered between reads of a key window, so that a read
 * walks the index from there rather than through the newest 5,000 rows every time: most of
 * those are older than the hour on a table that does not take thousands of rows an hour.
 */
export class KeyWindowStart {
  private start: {key: string; fromKey: string} | undefined;

  /**
   * Reads with `window` narrowed to where the previous read's hour began, and reads again from
   * the top when the narrowed window came back empty; remembers where this read's hour began.
   */
  async read<Row extends WindowFound>(
    window: RecentWindow | undefined,
    readWith: (window: RecentWindow | undefined) => Promise<Row>,
  ): Promise<{row: Row; window: RecentWindow | undefined}> {
    const narrowed = this.narrow(window);
    const row = await readWith(narrowed);
    if (this.remember(narrowed, row) === 'kept') return {row, window: narrowed};
    const whole = await readWith(window);
    this.remember(window, whole);
    return {row: whole, window};
  }

  /** `window`, narrowed to start where the previous read's hour began. */
  narrow(window: RecentWindow | undefined): RecentWindow | undefined {
    if (window?.kind !== 'key' || this.start?.key !== window.key) return window;
    return {...window, fromKey: this.start.fromKey};
  }

  /**
   * Keeps where this read's hour began. An empty narrowed window means rows were removed or
   * the key started over (a truncate): the caller reads again from the top.
   */
  private remember(window: RecentWindow | undefined, found: WindowFound): 'kept' | 'read again' {
    const key = found.window_start_key;
    if (window?.kind === 'key' && window.fromKey !== undefined && !found.window_rows) {
      this.start = undefined;
      return 'read again';
    }
    // A full window that does not reach back an hour holds no row from before the hour, so
    // starting at the hour would read as much; only an integer goes back into the SQL text.
    const reachedPastHour =
      (found.window_rows ?? 0) < recentWindowRows || (found.window_seconds ?? 0) >= 3600;
    this.start =
      window?.kind === 'key' &&
      reachedPastHour &&
      typeof key === 'string' &&
      /^-?\d{1,19}$/.test(key)
        ? {key: window.key, fromKey: key}
        : undefined;
    return 'kept';
  }
}

/** What a pane says when the newest rows did not reach back a whole hour. */
export function partialWindowWarning(
  table: string,
  windowRows: number,
  oldestSeconds: number | null,
): string | undefined {
  if (windowRows < recentWindowRows || oldestSeconds === null || oldestSeconds >= 3600)
    return undefined;
  return `more than ${groupDigits(recentWindowRows)} rows of ${table} in the last hour: counts cover its newest rows (the last ${Math.max(1, Math.floor(oldestSeconds / 60))} min)`;
}

/**
 * The schema check's index warnings, less the one about the creation time when the integer
 * key's index reaches the newest rows instead (then nothing scans the table), plus the partial
 * window's.
 */
/** The window columns of a probe row (see {@link windowStatsSql}), as {@link recentWindowWarnings} reads them. */
export function windowFound(row: {
  window_rows?: number;
  window_seconds?: number | null;
  window_out_of_order?: boolean;
}): {windowRows?: number; windowSeconds?: number | null; outOfOrder?: boolean} {
  return {
    windowRows: row.window_rows,
    windowSeconds: row.window_seconds,
    outOfOrder: row.window_out_of_order,
  };
}

export function recentWindowWarnings(
  warnings: readonly string[],
  table: string,
  createdAt: string,
  window: RecentWindow | undefined,
  found: {windowRows?: number; windowSeconds?: number | null; outOfOrder?: boolean},
): string[] {
  const partial = partialWindowWarning(table, found.windowRows ?? 0, found.windowSeconds ?? null);
  const reached = window?.kind === 'key' || window?.kind === 'tail';
  return [
    ...warnings.map((warning) =>
      reached && warning === noIndexWarning(table, createdAt)
        ? window?.kind === 'tail'
          ? `no index on ${table} (${createdAt}): the newest rows are read from the table's last pages`
          : undefined
        : warning,
    ),
    partial,
    found.outOfOrder && window?.kind === 'key'
      ? `${table}.${window.key} does not follow ${createdAt}: the last hour's counts may miss rows (an index on ${table} (${createdAt}) makes them exact)`
      : undefined,
  ].filter((warning): warning is string => warning !== undefined);
}

/** The schema check's warning about a column without an index. */
export function noIndexWarning(table: string, column: string): string {
  return `no index on ${table} (${column}): this pane scans the table`;
}
