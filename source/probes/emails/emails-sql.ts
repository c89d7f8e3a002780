import type {EmailSettings} from '../../config/application-settings';
import {
  newestRowsSql,
  type RecentWindow,
  windowColumnsSql,
  windowStatsSql,
} from '../application/recent-window';
import {safeTextSql} from '../application/safe-text';
import {literalList, quoteIdentifier, quoteLiteral} from '../application/sql-quote';
import {errorClassSql} from '../dlq/dlq-sql';

/** Bounded counts stop here and read "10000+": counting a huge backlog is itself a load. */
export const backlogCountCap = 10_000;

/** The email log as SQL expressions over one row of it. */
export type EmailSource = {
  from: string;
  id: string;
  recipient: string;
  status: string;
  error: string;
  retryCount: string;
  nextRetryAt: string;
  createdAt: string;
};

/** The email log from the table mapping or the whole query. */
export function emailSource(settings: EmailSettings): EmailSource {
  if (settings.query) {
    const alias = (column: string) => `emails.${column}`;
    return {
      from: `(${settings.query.trim().replace(/;+\s*$/, '')}) AS emails`,
      id: alias('id'),
      recipient: alias('recipient'),
      status: alias('status'),
      error: alias('error'),
      retryCount: alias('retry_count'),
      nextRetryAt: alias('next_retry_at'),
      createdAt: alias('created_at'),
    };
  }
  const {columns} = settings;
  return {
    from: quoteIdentifier(settings.table),
    id: quoteIdentifier(columns.id),
    recipient: quoteIdentifier(columns.recipient),
    status: quoteIdentifier(columns.status),
    error: quoteIdentifier(columns.error),
    retryCount: quoteIdentifier(columns.retryCount),
    nextRetryAt: quoteIdentifier(columns.nextRetryAt),
    createdAt: quoteIdentifier(columns.createdAt),
  };
}

/** The recipient's domain, lower case. */
export function recipientDomainSql(recipient: string): string {
  return `lower(split_part((${recipient})::text, '@', 2))`;
}

/** What the emails query can afford on the table as indexed. */
export type EmailQueryPlan = {
  /** How the last hour is reached; undefined for a whole query (read as it is). */
  window: RecentWindow | undefined;
  /** An index serves the retry backlog (on its status or next-retry column): count it, bounded. */
  backlogIndexed: boolean;
};

/**
 * The planner's estimates of the retry backlog and of the part of it due now, for a table whose
 * backlog no index serves: two EXPLAINs, which plan but never read the table.
 */
export function backlogEstimateSql(settings: EmailSettings): string[] {
  const source = emailSource(settings);
  const statuses = literalList([
    ...new Set([...settings.statuses.pending, ...settings.statuses.retryable]),
  ]);
  const backlog = `SELECT 1 FROM ${source.from} WHERE ${source.status} IN ${statuses} AND ${source.nextRetryAt} IS NOT NULL`;
  return [
    `EXPLAIN (FORMAT JSON) ${backlog}`,
    `EXPLAIN (FORMAT JSON) ${backlog} AND ${source.nextRetryAt} <= now()`,
  ];
}

/** The probe's one query: the last hour by status, error class and domain, and the retry backlog. */
export function emailSummarySql(
  settings: EmailSettings,
  plan: EmailQueryPlan = {window: undefined, backlogIndexed: true},
): string {
  const source = emailSource(settings);
  const failed = literalList(settings.statuses.failed);
  const sent = literalList(settings.statuses.sent);
  const backlogStatuses = literalList([
    ...new Set([...settings.statuses.pending, ...settings.statuses.retryable]),
  ]);
  const backlog = `FROM ${source.from} WHERE ${source.status} IN ${backlogStatuses} AND ${source.nextRetryAt} IS NOT NULL`;
  // The oldest due retry, one index probe per status: min() over an IN list would read them all.
  const firstDue = [...new Set([...settings.statuses.pending, ...settings.statuses.retryable])].map(
    (status) =>
      `(SELECT ${source.nextRetryAt} FROM ${source.from} WHERE ${source.status} = ${quoteLiteral(status)} AND ${source.nextRetryAt} IS NOT NULL ORDER BY ${source.nextRetryAt} LIMIT 1)`,
  );
  const columns = `${source.status} AS status, left((${source.error})::text, 60) AS error,
         ${source.recipient} AS recipient, ${source.createdAt} AS created_at`;
  // With a window, its newest rows are read once, and the last hour's are filtered from them
  // where they are used rather than copied again.
  const rowsRead = plan.window
    ? `newest AS MATERIALIZED (
  ${newestRowsSql(source.from, columns, source.createdAt, plan.window, quoteIdentifier)}
)`
    : `last_hour AS MATERIALIZED (
  SELECT ${columns}
  FROM ${source.from} WHERE ${source.createdAt} > now() - interval '1 hour'
)`;
  // Without an index for it, counting the backlog reads the table: the caller estimates it.
  const backlogCounts = plan.backlogIndexed
    ? `(SELECT count(*) FROM (SELECT 1 ${backlog} LIMIT ${backlogCountCap + 1}) AS bounded) AS backlog,
  (SELECT count(*) FROM (SELECT 1 ${backlog} AND ${source.nextRetryAt} <= now() LIMIT ${backlogCountCap + 1}) AS bounded) AS backlog_due,
  extract(epoch FROM now() - LEAST(${firstDue.join(', ')}))::float8 AS oldest_due_seconds,`
    : `NULL::bigint AS backlog, NULL::bigint AS backlog_due, NULL::float8 AS oldest_due_seconds,`;
  const sentFigures = [
    `count(*) FILTER (WHERE status IN ${sent} AND created_at > now() - interval '15 minutes') AS sent_15m`,
    `count(*) FILTER (WHERE status IN ${sent} AND created_at > now() - interval '5 minutes') AS sent_5m`,
  ];
  // The window's own figures and the sent counts come from one pass over it (window_stats.*).
  const hourFigures = plan.window
    ? {select: windowColumnsSql, from: windowStatsSql(plan.window, sentFigures)}
    : {
        select: 'sent.sent_15m, sent.sent_5m,',
        from: `(SELECT ${sentFigures.join(', ')} FROM last_hour) AS sent`,
      };
  const failures = plan.window
    ? `FROM newest WHERE created_at > now() - interval '1 hour' AND status IN ${failed}`
    : `FROM last_hour WHERE status IN ${failed}`;
  return `WITH ${rowsRead}, failures AS MATERIALIZED (
  SELECT error, ${recipientDomainSql('recipient')} AS domain, created_at
  ${failures}
)
SELECT
  failed.failed_15m, failed.failed_1h,
  ${backlogCounts}
  ${hourFigures.select}
  (SELECT coalesce(json_agg(classes), '[]') FROM (
     SELECT ${safeTextSql('error_class')} AS error_class, md5(error_class) AS key,
            sum(count)::int AS count, sum(recent)::int AS recent
     -- Grouped by the raw error first: the class's regular expressions run once per distinct error.
     FROM (SELECT ${errorClassSql('error')} AS error_class, count, recent
           FROM (SELECT error, count(*) AS count,
                        count(*) FILTER (WHERE created_at > now() - interval '15 minutes') AS recent
                 FROM failures GROUP BY error) AS errors) AS classified
     GROUP BY error_class ORDER BY sum(count) DESC, 1 LIMIT 8) AS classes) AS classes,
  (SELECT coalesce(json_agg(domains), '[]') FROM (
     SELECT ${safeTextSql('domain')} AS domain, md5(domain) AS key, count(*)::int AS count,
            count(*) FILTER (WHERE created_at > now() - interval '15 minutes')::int AS recent
     FROM failures GROUP BY failures.domain ORDER BY count(*) DESC, 1 LIMIT 8) AS domains) AS domains
-- Each group of counts in one pass rather than one pass each.
FROM (SELECT count(*) FILTER (WHERE created_at > now() - interval '15 minutes') AS failed_15m,
             count(*) AS failed_1h
      FROM failures) AS failed,
  ${hourFigures.from}`;
}
