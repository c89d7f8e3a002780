import type {
  CampaignSettings,
  DeadLetterSettings,
  EmailSettings,
} from '../config/application-settings';
import {literalList, quoteIdentifier, quoteLiteral} from '../probes/application/sql-quote';
import {deadLetterClassKeySql, deadLetterSource, errorClassSql} from '../probes/dlq/dlq-sql';
import {emailSource, recipientDomainSql} from '../probes/emails/emails-sql';
import type {ActionPlan} from './application-action';

/** Which dead letters to requeue: one message, or every message of one error class (by key). */
export type RequeueTarget = {messageId: string} | {classKey: string; label: string};

/** Requeue through the configured statements; `{where}` selects the messages. */
export function requeuePlan(settings: DeadLetterSettings, target: RequeueTarget): ActionPlan {
  if (!settings.requeueStatements)
    return {
      unavailable:
        'requeue needs SQL for this schema — set panes.dlq.requeue.statements in the config file',
    };
  // With a whole query, `{where}` names the query's own columns (id, source, error).
  const column = settings.query
    ? {id: 'id', source: 'source', error: 'error', inQueue: 'true'}
    : deadLetterSource(settings);
  const conditions =
    'messageId' in target
      ? [`${column.id} = ${quoteLiteral(target.messageId)}`]
      : [
          `${deadLetterClassKeySql(column.source, column.error)} = ${quoteLiteral(target.classKey)}`,
        ];
  if (column.inQueue !== 'true') conditions.push(column.inQueue);
  const where = conditions.join(' AND ');
  const statements = settings.requeueStatements.map((statement) =>
    statement
      .replaceAll('{table}', quoteIdentifier(settings.table))
      .replaceAll('{retriedAt}', quoteIdentifier(settings.columns.retriedAt ?? 'retried_at'))
      .replaceAll('{where}', where),
  );
  const what =
    'messageId' in target ? `dead letter ${target.messageId}` : `dead letters ${target.label}`;
  return {
    request: {kind: 'sql', journalKind: 'action.requeue', title: `Requeue ${what}`, statements},
  };
}

/** Which failed emails to retry: all of the last hour, or one error class or recipient domain. */
export type RetryTarget =
  | {all: true}
  | {errorClassKey: string; label: string}
  | {domainKey: string; label: string};

/** The runbook's retry: back to pending, retry count reset, due now (failures of the last hour). */
export function retryEmailsPlan(settings: EmailSettings, target: RetryTarget): ActionPlan {
  const source = emailSource({...settings, query: undefined});
  const pending = settings.statuses.pending[0] ?? 'pending';
  const conditions = [
    `${source.status} IN ${literalList(settings.statuses.retryable)}`,
    `${source.createdAt} > now() - interval '1 hour'`,
  ];
  if ('errorClassKey' in target)
    conditions.push(`md5(${errorClassSql(source.error)}) = ${quoteLiteral(target.errorClassKey)}`);
  if ('domainKey' in target)
    conditions.push(
      `md5(${recipientDomainSql(source.recipient)}) = ${quoteLiteral(target.domainKey)}`,
    );
  const statement = `UPDATE ${source.from} SET ${source.status} = ${quoteLiteral(pending)}, ${source.retryCount} = 0, ${source.nextRetryAt} = now() WHERE ${conditions.join(' AND ')}`;
  const what =
    'errorClassKey' in target
      ? `failed emails "${target.label}"`
      : 'domainKey' in target
        ? `failed emails to ${target.label}`
        : 'every failed email';
  const warning =
    'errorClassKey' in target && isHardBounce(target.label)
      ? ' (hard bounces: the mailbox does not exist or refuses mail, a retry will fail again)'
      : '';
  return {
    request: {
      kind: 'sql',
      journalKind: 'action.retry',
      title: `Retry ${what} of the last hour${warning}`,
      statements: [statement],
    },
  };
}

/**
 * A permanent SMTP failure (5xx reply, or a 5.x.x enhanced code: 550 5.1.1 no such mailbox):
 * sending the same message again fails the same way.
 */
export function isHardBounce(errorClass: string): boolean {
  return /^\s*5\d\d\b/.test(errorClass) || /\b5\.\d{1,3}\.\d{1,3}\b/.test(errorClass);
}

/** Stops a campaign through the configured HTTP endpoint, `:id` replaced by its id. */
export function stopCampaignPlan(
  settings: CampaignSettings,
  campaign: {id: string; name: string},
): ActionPlan {
  const endpoint = settings.stopEndpoint;
  if (!endpoint)
    return {
      unavailable:
        'stopping a campaign needs its HTTP endpoint — set panes.campaigns.stopEndpoint in the config file',
    };
  return {
    request: {
      kind: 'http',
      journalKind: 'action.stop-campaign',
      title: `Stop campaign "${campaign.name}" (${campaign.id})`,
      endpoint: {...endpoint, url: endpoint.url.replaceAll(':id', encodeURIComponent(campaign.id))},
    },
  };
}
