import type {DeadLetterSettings} from '../../config/application-settings';
import {
  newestRowsSql,
  type RecentWindow,
  windowColumnsSql,
  windowStatsSql,
} from '../application/recent-window';
import {safeTextSql} from '../application/safe-text';
import {quoteIdentifier, quoteLiteral} from '../application/sql-quote';

/** Tables up to this size are counted exactly; bigger ones use the planner's estimate. */
export const exactCountMaxBytes = 16 * 1024 * 1024;

/** The SQL pieces of the dead-letter queue, as expressions over one row of it. */
export type DeadLetterSource = {
  /** `FROM …` target. */
  from: string;
  /** The condition "this row is in the queue now". */
  inQueue: string;
  id: string;
  source: string;
  error: string;
  payload: string;
  createdAt: string;
};

/** The queue as SQL expressions, from the table mapping or the whole query. */
export function deadLetterSource(settings: DeadLetterSettings): DeadLetterSource {
  if (settings.query) {
    return {
      from: `(${settings.query.trim().replace(/;+\s*$/, '')}) AS dead_letters`,
      inQueue: 'true',
      id: 'dead_letters.id',
      source: 'dead_letters.source',
      error: 'dead_letters.error',
      payload: 'dead_letters.payload',
      createdAt: 'dead_letters.created_at',
    };
  }
  const {columns, deadLetterWhen} = settings;
  const conditions: string[] = [];
  if (columns.retriedAt) conditions.push(`${quoteIdentifier(columns.retriedAt)} IS NULL`);
  if (deadLetterWhen && 'equals' in deadLetterWhen)
    conditions.push(
      `${quoteIdentifier(deadLetterWhen.column)} = ${quoteLiteral(deadLetterWhen.equals)}`,
    );
  else if (deadLetterWhen) conditions.push(`${quoteIdentifier(deadLetterWhen.column)} IS TRUE`);
  return {
    from: quoteIdentifier(settings.table),
    inQueue: conditions.length ? conditions.join(' AND ') : 'true',
    id: quoteIdentifier(columns.id),
    source: columns.source ? quoteIdentifier(columns.source) : 'NULL',
    error: quoteIdentifier(columns.error),
    payload: columns.payload ? quoteIdentifier(columns.payload) : 'NULL',
    createdAt: quoteIdentifier(columns.createdAt),
  };
}

/**
 * The error class of a message: its error's first 60 characters with ids and counts folded to
 * `#` (UUIDs, long hex strings, numbers), but status codes kept: `HTTP 429 Too Many Requests`
 * and `550 5.1.1 mailbox unavailable` are different troubles from a 503 or a 421. Status codes
 * (1xx to 5xx at the start or after HTTP, status, code, API, …) and SMTP enhanced codes (5.1.1)
 * are marked with chr(1) before the numbers are folded, and the mark is removed after.
 */
export function errorClassSql(error: string): string {
  const mark = `'\\1' || chr(1) || '\\2'`;
  let sql = `left(coalesce((${error})::text, ''), 60)`;
  sql = `regexp_replace(${sql}, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '#', 'g')`;
  sql = `regexp_replace(${sql}, '(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\M', '#', 'g')`;
  sql = `regexp_replace(${sql}, '(^|[^0-9.])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![0-9.])', ${mark}, 'g')`;
  // A status code opens the text (an SMTP reply) or follows a word that names one; a
  // three-digit duration or count elsewhere is folded like any number.
  sql = `regexp_replace(${sql}, '(^|(?:http|https|status|code|api|error|returned|response|smtp)[ :=/#]*)([1-5][0-9]{2})(?![0-9])', ${mark}, 'gi')`;
  sql = `regexp_replace(${sql}, '(^|[^0-9.' || chr(1) || '])[0-9]+', '\\1#', 'g')`;
  return `replace(${sql}, chr(1), '')`;
}

/**
 * An error class's key: an md5 of the raw source and class. Actions select by it, since the
 * text shown is sanitised and may no longer equal what is stored.
 */
export function deadLetterClassKeySql(source: string, error: string): string {
  return `md5(coalesce((${source})::text, '') || chr(31) || ${errorClassSql(error)})`;
}

/**
 * A bounded summary of a payload, computed server side so a 1 MB JSON document never leaves the
 * database: up to 8 `key=value` pairs with values cut to 40 characters, or the first 120
 * characters when it is not a JSON object.
 */
function payloadSummarySql(payload: string): string {
  const asJson = `CASE WHEN jsonb_typeof(to_jsonb(${payload})) = 'object' THEN to_jsonb(${payload}) END`;
  return `CASE WHEN ${payload} IS NULL THEN NULL
    WHEN jsonb_typeof(to_jsonb(${payload})) = 'object' THEN
      (SELECT string_agg(key || '=' || left(value::text, 40), ', ')
       FROM (SELECT key, value FROM jsonb_each(${asJson}) LIMIT 8) AS pairs)
    ELSE left((${payload})::text, 120) END`;
}

/**
 * The eight biggest error classes of `recent` (rows of `source`, `error` cut to 60 characters
 * and `created_at`) as JSON. Rows are grouped by their raw error first, so the class's regular
 * expressions run once per distinct error rather than once per message: a queue filling with
 * one failure repeats the same few errors thousands of times.
 */
function classesSql(recent: string): string {
  return `(SELECT coalesce(json_agg(classes), '[]') FROM (
     SELECT ${safeTextSql('source')} AS source, ${safeTextSql('error_class')} AS error_class,
            md5(coalesce(source, '') || chr(31) || error_class) AS key,
            sum(count)::int AS count, max(last_at) AS last_at
     FROM (SELECT source, ${errorClassSql('error')} AS error_class, count, last_at
           FROM (SELECT source, error, count(*) AS count, max(created_at) AS last_at
                 FROM ${recent} GROUP BY source, error) AS errors) AS classified
     GROUP BY source, error_class ORDER BY sum(count) DESC, 2 LIMIT 8) AS classes)`;
}

/** The depth estimate: the planner's row count for the queue condition. */
export function depthEstimateSql(source: DeadLetterSource): string {
  return `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${source.from} WHERE ${source.inQueue}`;
}

/**
 * The probe's one query on a mapped table, cheap on millions of rows with only the indexes the
 * product has: arrivals, classes and the sample come from the table's newest rows (walked on
 * the creation-time index or the integer key's), the depth is counted only on small tables,
 * and the sample's payloads are summarised for its few rows only (fetched again by ctid).
 */
export function deadLetterWindowSql(
  settings: DeadLetterSettings,
  options: {
    sampleSize: number;
    removalsColumn: string | undefined;
    oldestIndexed: boolean;
    window: RecentWindow;
    /** False to leave the whole queue uncounted this read (its depth is then null). */
    countWhole: boolean;
  },
): string {
  const source = deadLetterSource(settings);
  const table = quoteLiteral(quoteIdentifier(settings.table));
  const queue = `FROM ${source.from} WHERE ${source.inQueue}`;
  const small = options.countWhole
    ? `pg_relation_size(${table}::regclass) <= ${exactCountMaxBytes}`
    : 'false';
  const oldestSql = `extract(epoch FROM now() - (SELECT ${source.createdAt} ${queue} ORDER BY ${source.createdAt} LIMIT 1))::float8`;
  const newest = newestRowsSql(
    source.from,
    `ctid AS row_ctid, (${source.source})::text AS source, left((${source.error})::text, 60) AS error,
         ${source.createdAt} AS created_at, (${source.inQueue}) AS in_queue`,
    source.createdAt,
    options.window,
    quoteIdentifier,
  );
  const removals = options.removalsColumn
    ? `(SELECT count(*) FROM ${source.from} WHERE ${quoteIdentifier(options.removalsColumn)} > now() - interval '5 minutes')`
    : 'NULL::bigint';
  // A small table is read whole once for both its depth and its oldest row (two scans before);
  // the CTE is only read, so only scanned, when the table is small.
  const oldestOfWhole = `extract(epoch FROM now() - (SELECT oldest FROM whole_queue))::float8`;
  return `WITH newest AS MATERIALIZED (
  ${newest}
), whole_queue AS MATERIALIZED (
  SELECT count(*) AS depth, min(${source.createdAt}) AS oldest ${queue}
)
SELECT
  CASE WHEN ${small} THEN (SELECT depth FROM whole_queue) END AS exact_depth,
  ${removals} AS removals_5m,
  ${options.oldestIndexed ? oldestSql : `CASE WHEN ${small} THEN ${oldestOfWhole} END`} AS oldest_age_seconds,
  ${windowColumnsSql}
  ${classesSql(`(SELECT source, error, created_at FROM newest WHERE in_queue AND created_at > now() - interval '1 hour') AS recent`)} AS classes,
  (SELECT coalesce(json_agg(sample ORDER BY sample.created_at DESC), '[]') FROM (
     SELECT ${safeTextSql(source.id)} AS id, ${safeTextSql(source.source)} AS source,
            ${safeTextSql(`left((${source.error})::text, 300)`)} AS error, ${source.createdAt} AS created_at,
            ${safeTextSql(errorClassSql(source.error))} AS error_class,
            ${safeTextSql(payloadSummarySql(source.payload))} AS payload_summary,
            pg_column_size(${source.payload}) AS payload_bytes
     FROM ${source.from}
     WHERE ctid = ANY (ARRAY(SELECT row_ctid FROM newest WHERE in_queue ORDER BY created_at DESC
                             LIMIT ${Math.max(1, Math.floor(options.sampleSize))}))) AS sample) AS sample
-- The window's figures and the arrivals in one pass over the newest rows, where each took one
-- (and the last hour's rows were copied once more for them).
FROM ${windowStatsSql(options.window, [
    `count(*) FILTER (WHERE in_queue AND created_at > now() - interval '1 minute') AS arrivals_1m`,
    `count(*) FILTER (WHERE in_queue AND created_at > now() - interval '5 minutes') AS arrivals_5m`,
  ])}`;
}

/** The probe's one query on a whole query: depth (bounded), rates, oldest age, classes and a sample. */
export function deadLetterSummarySql(
  settings: DeadLetterSettings,
  options: {
    sampleSize: number;
    removalsColumn: string | undefined;
    /** A partial index serves "oldest in the queue"; without one it is only read on small tables. */
    oldestIndexed: boolean;
  },
): string {
  const source = deadLetterSource(settings);
  const queue = `FROM ${source.from} WHERE ${source.inQueue}`;
  const exactDepth = settings.query
    ? `(SELECT count(*) FROM (SELECT 1 ${queue} LIMIT 10001) AS bounded)`
    : `CASE WHEN pg_relation_size(${quoteLiteral(quoteIdentifier(settings.table))}::regclass) <= ${exactCountMaxBytes}
        THEN (SELECT count(*) ${queue}) END`;
  // Without a partial index, the oldest queued row sits behind every requeued one in the
  // created_at index: on a big table that walk can take seconds.
  const oldestSql = `extract(epoch FROM now() - (SELECT ${source.createdAt} ${queue} ORDER BY ${source.createdAt} LIMIT 1))::float8`;
  const oldest =
    settings.query || options.oldestIndexed
      ? oldestSql
      : `CASE WHEN pg_relation_size(${quoteLiteral(quoteIdentifier(settings.table))}::regclass) <= ${exactCountMaxBytes}
        THEN ${oldestSql} END`;
  const removals = options.removalsColumn
    ? `(SELECT count(*) FROM ${source.from} WHERE ${quoteIdentifier(options.removalsColumn)} > now() - interval '5 minutes')`
    : 'NULL::bigint';
  return `WITH recent AS MATERIALIZED (
  SELECT (${source.source})::text AS source, left((${source.error})::text, 60) AS error,
         ${source.createdAt} AS created_at
  ${queue} AND ${source.createdAt} > now() - interval '1 hour'
  ORDER BY ${source.createdAt} DESC LIMIT 5000
)
SELECT
  ${exactDepth} AS exact_depth,
  (SELECT count(*) ${queue} AND ${source.createdAt} > now() - interval '1 minute') AS arrivals_1m,
  (SELECT count(*) ${queue} AND ${source.createdAt} > now() - interval '5 minutes') AS arrivals_5m,
  ${removals} AS removals_5m,
  ${oldest} AS oldest_age_seconds,
  ${classesSql('recent')} AS classes,
  (SELECT coalesce(json_agg(sample), '[]') FROM (
     SELECT ${safeTextSql(source.id)} AS id, ${safeTextSql(source.source)} AS source,
            ${safeTextSql(`left((${source.error})::text, 300)`)} AS error, ${source.createdAt} AS created_at,
            ${safeTextSql(errorClassSql(source.error))} AS error_class,
            ${safeTextSql(payloadSummarySql(source.payload))} AS payload_summary,
            pg_column_size(${source.payload}) AS payload_bytes
     ${queue} ORDER BY ${source.createdAt} DESC LIMIT ${Math.max(1, Math.floor(options.sampleSize))}) AS sample) AS sample`;
}
