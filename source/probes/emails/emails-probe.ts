import type {EmailSettings} from '../../config/application-settings';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {
  chooseRecentWindow,
  KeyWindowStart,
  noIndexWarning,
  recentWindowWarnings,
  windowFound,
} from '../application/recent-window';
import {readSafeText} from '../application/safe-text';
import {
  cachedSchemaCheck,
  describeQueryError,
  type TableRequirement,
} from '../application/schema-check';
import {mappedTableChangeToken} from '../application/table-change-token';
import type {ProbeDefinition} from '../probe-types';
import {backlogCountCap, backlogEstimateSql, emailSummarySql} from './emails-sql';

/** The planner's backlog estimates are asked for at most this often (they move with ANALYZE). */
const estimateEveryMs = 60_000;

type Plan = {'QUERY PLAN': Array<{Plan: {'Plan Rows': number}}>};
const planRows = (rows: unknown[]) =>
  Math.round((rows[0] as Plan)['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);

/** Failures of one error class or one recipient domain in the last hour (and 15 minutes). */
export type EmailFailureGroup = {
  name: string;
  /** Selects this group in actions (an md5 of the raw value; the name shown is sanitised). */
  key: string;
  count: number;
  recent: number;
};

/** The failed-emails pane's data, or why the pane cannot show it. */
export type EmailSnapshot =
  | {
      available: true;
      failedLast15Minutes: number;
      failedLastHour: number;
      sentLast15Minutes: number;
      sentPerMinute: number;
      /** Failed share of sent + failed in the last 15 minutes (0 when nothing was sent). */
      failureRate: number;
      /** Waiting for a retry (`next_retry_at` set); `backlogCapped` when it reached the cap. */
      backlog: number;
      backlogCapped: boolean;
      backlogDue: number;
      oldestDueSeconds: number | null;
      byErrorClass: EmailFailureGroup[];
      byDomain: EmailFailureGroup[];
      warnings: string[];
    }
  | {available: false; reason: string};

type SummaryRow = {
  window_rows?: number;
  window_seconds?: number | null;
  window_out_of_order?: boolean;
  window_start_key?: string | null;
  failed_15m: string;
  failed_1h: string;
  sent_15m: string;
  sent_5m: string;
  backlog: string | null;
  backlog_due: string | null;
  oldest_due_seconds: number | null;
  classes: Array<{error_class: string; key: string; count: number; recent: number}>;
  domains: Array<{domain: string; key: string; count: number; recent: number}>;
};

/** The tables and indexes the emails probe relies on. */
export function emailRequirements(settings: EmailSettings): TableRequirement[] {
  if (settings.query) return [];
  const {columns} = settings;
  return [
    {
      table: settings.table,
      tableKey: 'panes.emails.table',
      columns: Object.fromEntries(
        Object.entries(columns).map(([key, column]) => [`panes.emails.columns.${key}`, column]),
      ),
      indexedColumns: [columns.createdAt, columns.status],
    },
  ];
}

/** The failed-emails probe (id `email`): last hour on the creation index, bounded backlog counts. */
export function createEmailProbe(
  settings: EmailSettings,
  now: () => number = Date.now,
): ProbeDefinition<EmailSnapshot, 'email'> {
  const schema = cachedSchemaCheck(() => emailRequirements(settings), now);
  let estimate: {at: number; backlog: number; due: number} | undefined;
  const windowStart = new KeyWindowStart();
  return {
    id: 'email',
    title: 'Failed emails',
    intervalMs: 5000,
    samples: (snapshot) =>
      snapshot.available ? {'email.failedLast15Minutes': snapshot.failedLast15Minutes} : {},
    changeToken: ({lifeline}) => mappedTableChangeToken(lifeline, schema, settings),
    carryForward: (snapshot, elapsedSeconds) =>
      snapshot.available && snapshot.oldestDueSeconds !== null
        ? {...snapshot, oldestDueSeconds: snapshot.oldestDueSeconds + elapsedSeconds}
        : snapshot,
    async run({lifeline, serverVersion}) {
      const check = await schema.get(lifeline);
      if (check.missing) return {available: false, reason: check.missing};
      const leads = check.indexed[settings.table] ?? [];
      const fullWindow = settings.query
        ? undefined
        : chooseRecentWindow(check, settings.table, settings.columns, serverVersion());
      let window = fullWindow;
      const backlogIndexed =
        settings.query !== undefined ||
        leads.includes(settings.columns.status) ||
        leads.includes(settings.columns.nextRetryAt);
      let row: SummaryRow;
      try {
        ({row, window} = await windowStart.read(
          fullWindow,
          async (narrowed) =>
            (
              await lifeline.read<SummaryRow>(
                emailSummarySql(settings, {window: narrowed, backlogIndexed}),
              )
            ).rows[0]!,
        ));
        if (!backlogIndexed && (!estimate || now() - estimate.at >= estimateEveryMs)) {
          const [backlog, due] = await lifeline.readAll(backlogEstimateSql(settings));
          estimate = {at: now(), backlog: planRows(backlog!.rows), due: planRows(due!.rows)};
        }
      } catch (error) {
        schema.invalidate(error);
        throw describeQueryError(error, settings.query ? 'panes.emails.query' : 'panes.emails');
      }
      const failed15 = Number(row.failed_15m);
      const sent15 = Number(row.sent_15m);
      const backlog = Number(row.backlog ?? estimate?.backlog ?? 0);
      const backlogDue = Number(row.backlog_due ?? estimate?.due ?? 0);
      const group = (name: string, key: string, count: number, recent: number) => ({
        name: sanitizeTerminalText(name || '(none)', {maxLength: 60}),
        key: sanitizeTerminalText(key, {maxLength: 32}),
        count,
        recent,
      });
      return {
        available: true,
        failedLast15Minutes: failed15,
        failedLastHour: Number(row.failed_1h),
        sentLast15Minutes: sent15,
        sentPerMinute: Number(row.sent_5m) / 5,
        failureRate: failed15 + sent15 === 0 ? 0 : failed15 / (failed15 + sent15),
        backlog: Math.min(backlog, backlogCountCap),
        backlogCapped: backlog > backlogCountCap,
        backlogDue: Math.min(backlogDue, backlogCountCap),
        oldestDueSeconds: row.oldest_due_seconds,
        byErrorClass: row.classes.map((entry) =>
          group(readSafeText(entry.error_class) ?? '', entry.key, entry.count, entry.recent),
        ),
        byDomain: row.domains.map((entry) =>
          group(readSafeText(entry.domain) ?? '', entry.key, entry.count, entry.recent),
        ),
        warnings: recentWindowWarnings(
          check.warnings,
          settings.table,
          settings.columns.createdAt,
          window,
          windowFound(row),
        ).map((warning) =>
          warning === noIndexWarning(settings.table, settings.columns.status) && !backlogIndexed
            ? `no index on ${settings.table} (${settings.columns.status}): the retry backlog is the planner's estimate`
            : warning,
        ),
      };
    },
  };
}
