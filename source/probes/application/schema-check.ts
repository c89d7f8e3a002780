import type {PostgresLifeline} from '../../sources/postgres-lifeline';
import {noIndexWarning} from './recent-window';
import {quoteIdentifier, quoteLiteral} from './sql-quote';

/** What a pane needs of one table: its columns by config key, and the indexes it relies on. */
export type TableRequirement = {
  table: string;
  /** Config key of the table, e.g. `panes.dlq.table`. */
  tableKey: string;
  /** Column name by config key, e.g. `{'panes.dlq.columns.error': 'error'}`. */
  columns: Record<string, string>;
  /** Columns that should lead an index, for the recent-window and estimate queries. */
  indexedColumns: string[];
};

/** The outcome of checking a pane's tables: why it cannot run, and which indexes are missing. */
export type SchemaCheck = {
  missing: string | undefined;
  warnings: string[];
  /** Columns leading a valid index, by table. */
  indexed: Record<string, string[]>;
  /** Partial indexes by table, as `column WHERE predicate`. */
  partial: Record<string, string[]>;
  /** Columns of an integer type (smallint, integer, bigint), by table. */
  integer: Record<string, string[]>;
  /** The table's size in pages and the planner's rows per page, by table. */
  pages: Record<string, {pages: number; rowsPerPage: number}>;
};

type CatalogRow = {
  table_exists: boolean;
  columns: string[];
  index_leads: string[];
  partial_indexes: string[];
  integer_columns: string[];
  pages: number;
  rows_per_page: number;
};

/** Checks tables, columns and leading index columns in one catalog query per table. */
export async function checkSchema(
  lifeline: PostgresLifeline,
  requirements: readonly TableRequirement[],
): Promise<SchemaCheck> {
  const warnings: string[] = [];
  const indexed: Record<string, string[]> = {};
  const partial: Record<string, string[]> = {};
  const integer: Record<string, string[]> = {};
  const pages: SchemaCheck['pages'] = {};
  const results = await lifeline.readAll<CatalogRow>(
    requirements.map((requirement) => catalogSql(requirement.table)),
  );
  for (const [index, requirement] of requirements.entries()) {
    const row = results[index]?.rows[0];
    if (!row?.table_exists)
      return {
        missing: `table ${requirement.table} does not exist — set ${requirement.tableKey} in the config file`,
        warnings,
        indexed,
        partial,
        integer,
        pages,
      };
    for (const [key, column] of Object.entries(requirement.columns)) {
      if (!row.columns.includes(column))
        return {
          missing: `column ${column} of table ${requirement.table} does not exist — set ${key} in the config file`,
          warnings,
          indexed,
          partial,
          integer,
          pages,
        };
    }
    indexed[requirement.table] = row.index_leads;
    partial[requirement.table] = row.partial_indexes;
    integer[requirement.table] = row.integer_columns;
    pages[requirement.table] = {pages: row.pages, rowsPerPage: row.rows_per_page};
    for (const column of requirement.indexedColumns) {
      if (!row.index_leads.includes(column))
        warnings.push(noIndexWarning(requirement.table, column));
    }
  }
  return {missing: undefined, warnings, indexed, partial, integer, pages};
}

function catalogSql(table: string): string {
  const regclass = `to_regclass(${quoteLiteral(quoteIdentifier(table))})`;
  return `SELECT ${regclass} IS NOT NULL AS table_exists,
  ARRAY(SELECT attname::text FROM pg_attribute
        WHERE attrelid = ${regclass} AND attnum > 0 AND NOT attisdropped) AS columns,
  ARRAY(SELECT a.attname::text FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = ${regclass} AND i.indisvalid) AS index_leads,
  ARRAY(SELECT a.attname::text || ' WHERE ' || pg_get_expr(i.indpred, i.indrelid) FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = ${regclass} AND i.indisvalid AND i.indpred IS NOT NULL) AS partial_indexes,
  ARRAY(SELECT attname::text FROM pg_attribute
        WHERE attrelid = ${regclass} AND attnum > 0 AND NOT attisdropped
          AND atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)) AS integer_columns,
  coalesce((SELECT (pg_relation_size(c.oid) / current_setting('block_size')::int)::int
            FROM pg_class AS c WHERE c.oid = ${regclass}), 0) AS pages,
  coalesce((SELECT CASE WHEN c.relpages > 0 AND c.reltuples > 0 THEN c.reltuples / c.relpages END
            FROM pg_class AS c WHERE c.oid = ${regclass}), 0)::float8 AS rows_per_page`;
}

/** Turns "relation does not exist" and "column does not exist" into what to configure. */
export function describeQueryError(error: unknown, queryKey: string): Error {
  const code = (error as {code?: string} | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '42P01' || code === '42703')
    return new Error(`${message} — check ${queryKey} in the config file`);
  return error instanceof Error ? error : new Error(message);
}

/**
 * Runs the schema check at most once a minute, and again after a run failed. A missing table or
 * column is remembered for that minute too: the catalog query is not re-run on every refresh
 * while the pane can only say what to configure.
 */
export function cachedSchemaCheck(
  requirements: () => readonly TableRequirement[],
  now: () => number = Date.now,
): {
  get: (lifeline: PostgresLifeline) => Promise<SchemaCheck>;
  /** Forgets the check; given the error a run failed with, only when it was about the schema. */
  invalidate: (error?: unknown) => void;
} {
  let cached: {at: number; check: SchemaCheck} | undefined;
  return {
    get: async (lifeline) => {
      if (cached && now() - cached.at < 60_000) return cached.check;
      const check = await checkSchema(lifeline, requirements());
      cached = {at: now(), check};
      return check;
    },
    invalidate: (error) => {
      // A timeout or a lost connection says nothing about tables and columns.
      const code = (error as {code?: string} | undefined)?.code;
      if (error === undefined || code === '42P01' || code === '42703') cached = undefined;
    },
  };
}
