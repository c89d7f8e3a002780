import type {RetryTarget} from '../../actions/application-action-plans';
import type {EmailSnapshot} from '../../probes/emails/emails-probe';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Tone} from '../theme';
import type {TableRow} from '../widgets/DataTable';
import type {Column} from '../widgets/data-table-layout';

type Available = Extract<EmailSnapshot, {available: true}>;

/** What a row of the failed-emails table stands for; the retry action targets the same. */
export type EmailRowTarget = RetryTarget;

/** The summary lines: failures by window and rate, the retry backlog and the sent rate. */
export function failedEmailSummary(
  snapshot: Available,
  thresholds: {raise: number; critical: number},
): Array<{text: string; tone: Tone}> {
  const rate = snapshot.failureRate;
  const tone: Tone =
    rate >= thresholds.critical
      ? 'status.critical'
      : rate >= thresholds.raise
        ? 'status.warn'
        : 'status.ok';
  const backlog = `${snapshot.backlog}${snapshot.backlogCapped ? '+' : ''}`;
  const overdue =
    snapshot.oldestDueSeconds !== null && snapshot.oldestDueSeconds > 0
      ? `, oldest due ${formatDuration(snapshot.oldestDueSeconds)} ago`
      : '';
  return [
    {
      text: `failed ${snapshot.failedLast15Minutes} in 15m (${Math.round(rate * 100)}%)  ${snapshot.failedLastHour} in 1h  sent ${snapshot.sentPerMinute.toFixed(1)}/min`,
      tone,
    },
    {
      text: `retry backlog ${backlog} (${snapshot.backlogDue} due${overdue})`,
      tone: snapshot.backlogDue > 0 ? 'status.warn' : 'text.muted',
    },
  ];
}

/** Columns of the failed-emails table. */
export const failedEmailColumns: readonly Column[] = [
  {key: 'kind', title: 'By', width: 6, priority: 2},
  {key: 'name', title: 'Error class / domain', width: 20, grow: true},
  {key: 'recent', title: '15m', width: 5, align: 'right', priority: 1},
  {key: 'count', title: '1h', width: 5, align: 'right'},
];

/** One row for all failures, then one per error class, then one per recipient domain. */
export function failedEmailRows(snapshot: Available): Array<TableRow & {target: EmailRowTarget}> {
  const clean = (text: string) => sanitizeTerminalText(text, {maxLength: 80});
  return [
    {
      id: 'all',
      target: {all: true},
      cells: {
        kind: 'all',
        name: 'every failed email',
        recent: String(snapshot.failedLast15Minutes),
        count: String(snapshot.failedLastHour),
      },
      tone: snapshot.failedLastHour > 0 ? 'status.warn' : undefined,
    },
    ...snapshot.byErrorClass.map((group) => ({
      id: `class:${group.name}`,
      target: {errorClassKey: group.key, label: group.name},
      cells: {
        kind: 'error',
        name: clean(group.name),
        recent: String(group.recent),
        count: String(group.count),
      },
    })),
    ...snapshot.byDomain.map((group) => ({
      id: `domain:${group.name}`,
      target: {domainKey: group.key, label: group.name},
      cells: {
        kind: 'domain',
        name: clean(group.name),
        recent: String(group.recent),
        count: String(group.count),
      },
    })),
  ];
}
