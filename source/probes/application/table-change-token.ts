import type {PostgresLifeline} from '../../sources/postgres-lifeline';
import type {SchemaCheck} from './schema-check';
import {quoteIdentifier, quoteLiteral} from './sql-quote';

/** A table an application pane reads, and the indexed column whose newest value shows arrivals. */
export type WatchedTable = {table: string; newestColumn?: string | undefined};

/**
 * One statement that reads how far the tables have been changed: their row counters in
 * pg_stat_user_tables (inserts, updates, deletes, live and dead rows) and, where an index makes it
 * a single lookup, their newest row. The counters reach the statistics when a writer's
 * transaction ends, up to ten seconds late; the newest row shows an arrival at once.
 */
export function tableChangeTokenSql(tables: readonly WatchedTable[]): string {
  const parts = tables.flatMap(({table, newestColumn}) => {
    const counters = `(SELECT concat_ws('/', n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup)
       FROM pg_stat_user_tables WHERE relid = ${quoteLiteral(quoteIdentifier(table))}::regclass)`;
    const newest = newestColumn
      ? `(SELECT max(${quoteIdentifier(newestColumn)})::text FROM ${quoteIdentifier(table)})`
      : undefined;
    return [counters, newest].filter((part) => part !== undefined);
  });
  return `-- Change token of the application tables
SELECT ${parts.map((part) => `coalesce(${part}, '-')`).join(" || ',' || ")} AS token`;
}

/** One table's row counters in pg_stat_user_tables, as a change token holds them. */
export type TableCounters = {
  inserted: number;
  updated: number;
  deleted: number;
  live: number;
  dead: number;
};

/** The counters of the token's first table; undefined when the statistics had none. */
export function firstTableCounters(token: string | undefined): TableCounters | undefined {
  const parts = token?.split(',')[0]?.split('/').map(Number) ?? [];
  if (parts.length !== 5 || parts.some((part) => !Number.isFinite(part))) return undefined;
  const [inserted, updated, deleted, live, dead] = parts as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {inserted, updated, deleted, live, dead};
}

/** The tables' change token (see {@link tableChangeTokenSql}). */
export async function readChangeToken(
  lifeline: PostgresLifeline,
  tables: readonly WatchedTable[],
): Promise<string> {
  const {rows} = await lifeline.read<{token: string}>(tableChangeTokenSql(tables));
  return rows[0]?.token ?? '';
}

/**
 * The change token of a pane mapped onto tables (`tablesOf` names them from the schema check);
 * undefined for a whole `query`, whose tables the cockpit cannot know, or a missing table.
 */
export async function checkedChangeToken(
  lifeline: PostgresLifeline,
  schema: {get: (lifeline: PostgresLifeline) => Promise<SchemaCheck>},
  query: string | undefined,
  tablesOf: (check: SchemaCheck) => WatchedTable[],
): Promise<string | undefined> {
  if (query) return undefined;
  const check = await schema.get(lifeline);
  if (check.missing) return undefined;
  return readChangeToken(lifeline, tablesOf(check));
}

/** The change token of a pane on one table, its newest row read on an indexed `createdAt`. */
export function mappedTableChangeToken(
  lifeline: PostgresLifeline,
  schema: {get: (lifeline: PostgresLifeline) => Promise<SchemaCheck>},
  settings: {query?: string | undefined; table: string; columns: {createdAt: string}},
): Promise<string | undefined> {
  const {table, columns} = settings;
  return checkedChangeToken(lifeline, schema, settings.query, (check) => [
    {
      table,
      newestColumn: check.indexed[table]?.includes(columns.createdAt)
        ? columns.createdAt
        : undefined,
    },
  ]);
}
