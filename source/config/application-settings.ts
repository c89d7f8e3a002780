import {schemaNamesFrom} from '../runbooks/schema-names';
import {resolveSignals, type SignalSettings, signalSecrets} from '../signals/signal-settings';
import type {CockpitConfig} from './cockpit-config';

/** Where the dead-letter pane reads from, with every default filled in. */
export type DeadLetterSettings = {
  table: string;
  columns: {
    id: string;
    source: string | null;
    error: string;
    payload: string | null;
    createdAt: string;
    retriedAt: string | null;
  };
  deadLetterWhen: {column: string; equals: string} | {column: string; isTrue: true} | undefined;
  query: string | undefined;
  /** Requeue statements with `{where}`; undefined when there is no safe default (a whole query). */
  requeueStatements: string[] | undefined;
};

/** Where the failed-emails pane reads from. */
export type EmailSettings = {
  table: string;
  columns: {
    id: string;
    recipient: string;
    status: string;
    error: string;
    retryCount: string;
    nextRetryAt: string;
    createdAt: string;
  };
  statuses: {sent: string[]; failed: string[]; pending: string[]; retryable: string[]};
  query: string | undefined;
};

/** An HTTP call an action makes. */
export type HttpEndpoint = {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET';
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
};

/** Where the campaigns pane reads from, and how a campaign is stopped. */
export type CampaignSettings = {
  table: string;
  columns: {id: string; name: string; status: string; startedAt: string};
  runningStatus: string;
  targets: {
    table: string;
    columns: {id: string; campaignId: string; status: string; updatedAt: string};
    pendingStatuses: string[];
  };
  stalledAfterMinutes: number;
  query: string | undefined;
  stopEndpoint: HttpEndpoint | undefined;
};

/** The integrations to check. */
export type IntegrationSettings = {
  supabase: {url: string; serviceRoleKey: string} | undefined;
  functions: Array<{
    name: string;
    method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
    body: Record<string, unknown> | string | undefined;
    timeoutMs: number;
  }>;
  http: Array<{name: string; url: string; timeoutMs: number}>;
  intervalMs: number;
};

/** A threshold with hysteresis: raised at `raise`, cleared below `clear`. */
export type Threshold = {raise: number; clear: number; critical: number};

/** Thresholds of the application alert rules. */
export type ApplicationAlertSettings = {
  dlqGrowthPerMinute: Threshold;
  emailFailureRate: Threshold;
  emailMinimumFailures: number;
  functionDownAfterChecks: number;
  /** The lifeline down this long raises `database-unreachable`. */
  databaseUnreachableSeconds: number;
};

/** Everything the application panes, probes, actions and rules need, defaults applied. */
export type ApplicationSettings = {
  /** How often the dead-letter, email and campaign panes refresh (ms); `panes.refreshSeconds`. */
  refreshMs: number;
  dlq: DeadLetterSettings;
  emails: EmailSettings;
  campaigns: CampaignSettings;
  integrations: IntegrationSettings;
  alerts: ApplicationAlertSettings;
  /** The product's own signals (the Signals pane and their alerts). */
  signals: SignalSettings[];
  /** Values never to show or journal (service-role key, action header values). */
  secrets: string[];
};

/** The application panes' own refresh interval unless `panes.refreshSeconds` says otherwise. */
export const defaultApplicationRefreshSeconds = 10;

/**
 * Fills in the defaults, which fit the demo schema (`dead_letter_messages`, `email_log`,
 * `campaigns`, `campaign_targets`) so that no configuration at all gives working panes.
 * `SUPABASE_URL` and `SUPABASE_SERVICE_ROLE_KEY` beat the config file.
 */
export function resolveApplicationSettings(
  config: CockpitConfig = {},
  environment: NodeJS.ProcessEnv = {},
): ApplicationSettings {
  const dlq = config.panes?.dlq ?? {};
  const emails = config.panes?.emails ?? {};
  const campaigns = config.panes?.campaigns ?? {};
  const dlqTable = dlq.table ?? 'dead_letter_messages';
  const retriedAt = dlq.columns?.retriedAt === undefined ? 'retried_at' : dlq.columns.retriedAt;
  const supabaseUrl = environment.SUPABASE_URL || config.supabase?.url;
  const serviceRoleKey = environment.SUPABASE_SERVICE_ROLE_KEY || config.supabase?.serviceRoleKey;
  const stop = campaigns.stopEndpoint;
  const alerts = config.alerts ?? {};
  const settings: ApplicationSettings = {
    refreshMs: Math.round(
      (config.panes?.refreshSeconds ?? defaultApplicationRefreshSeconds) * 1000,
    ),
    dlq: {
      table: dlqTable,
      columns: {
        id: dlq.columns?.id ?? 'id',
        source: dlq.columns?.source === undefined ? 'source' : dlq.columns.source,
        error: dlq.columns?.error ?? 'error',
        payload: dlq.columns?.payload === undefined ? 'payload' : dlq.columns.payload,
        createdAt: dlq.columns?.createdAt ?? 'created_at',
        retriedAt: dlq.deadLetterWhen && dlq.columns?.retriedAt === undefined ? null : retriedAt,
      },
      deadLetterWhen: dlq.deadLetterWhen,
      query: dlq.query,
      requeueStatements:
        dlq.requeue?.statements ??
        (dlq.query ? undefined : defaultRequeue(dlq.deadLetterWhen, retriedAt)),
    },
    emails: {
      table: emails.table ?? 'email_log',
      columns: {
        id: emails.columns?.id ?? 'id',
        recipient: emails.columns?.recipient ?? 'recipient',
        status: emails.columns?.status ?? 'status',
        error: emails.columns?.error ?? 'error_message',
        retryCount: emails.columns?.retryCount ?? 'retry_count',
        nextRetryAt: emails.columns?.nextRetryAt ?? 'next_retry_at',
        createdAt: emails.columns?.createdAt ?? 'created_at',
      },
      statuses: {
        sent: emails.statuses?.sent ?? ['sent'],
        failed: emails.statuses?.failed ?? ['failed', 'permanently_failed'],
        pending: emails.statuses?.pending ?? ['pending'],
        retryable: emails.statuses?.retryable ?? ['failed'],
      },
      query: emails.query,
    },
    campaigns: {
      table: campaigns.table ?? 'campaigns',
      columns: {
        id: campaigns.columns?.id ?? 'id',
        name: campaigns.columns?.name ?? 'name',
        status: campaigns.columns?.status ?? 'status',
        startedAt: campaigns.columns?.startedAt ?? 'started_at',
      },
      runningStatus: campaigns.runningStatus ?? 'running',
      targets: {
        table: campaigns.targets?.table ?? 'campaign_targets',
        columns: {
          id: campaigns.targets?.columns?.id ?? 'id',
          campaignId: campaigns.targets?.columns?.campaignId ?? 'campaign_id',
          status: campaigns.targets?.columns?.status ?? 'status',
          updatedAt: campaigns.targets?.columns?.updatedAt ?? 'updated_at',
        },
        pendingStatuses: campaigns.targets?.pendingStatuses ?? ['pending'],
      },
      stalledAfterMinutes: campaigns.stalledAfterMinutes ?? 5,
      query: campaigns.query,
      stopEndpoint: stop
        ? {
            method: stop.method ?? 'POST',
            url: stop.url,
            headers: stop.headers ?? {},
            timeoutMs: stop.timeoutMs ?? 5000,
          }
        : undefined,
    },
    integrations: {
      supabase: supabaseUrl && serviceRoleKey ? {url: supabaseUrl, serviceRoleKey} : undefined,
      functions: (config.integrations?.functions ?? []).map((entry) => ({
        name: entry.name,
        method: entry.method ?? 'POST',
        body: entry.body,
        timeoutMs: entry.timeoutMs ?? 3000,
      })),
      http: (config.integrations?.http ?? []).map((entry) => ({
        name: entry.name,
        url: entry.url,
        timeoutMs: entry.timeoutMs ?? 3000,
      })),
      intervalMs: config.integrations?.intervalMs ?? 10_000,
    },
    alerts: {
      dlqGrowthPerMinute: {raise: 5, clear: 1, critical: 50, ...alerts.dlqGrowthPerMinute},
      emailFailureRate: {raise: 0.1, clear: 0.05, critical: 0.5, ...alerts.emailFailureRate},
      emailMinimumFailures: alerts.emailMinimumFailures ?? 5,
      functionDownAfterChecks: alerts.functionDownAfterChecks ?? 2,
      databaseUnreachableSeconds: alerts.databaseUnreachableSeconds ?? 30,
    },
    signals: [],
    secrets: [],
  };
  settings.signals = resolveSignals(
    config.signals ?? [],
    schemaNamesFrom(settings, config.schema),
    environment,
  );
  settings.secrets = [
    ...(serviceRoleKey ? [serviceRoleKey] : []),
    ...signalSecrets(settings.signals),
    // A header such as `Bearer <token>`: the token alone is a secret too.
    ...Object.values(settings.campaigns.stopEndpoint?.headers ?? {}).flatMap((value) => [
      value,
      ...value.split(' ').filter((part, index) => index > 0 && part.length >= 8),
    ]),
  ];
  return settings;
}

function defaultRequeue(
  deadLetterWhen: DeadLetterSettings['deadLetterWhen'],
  retriedAt: string | null,
): string[] | undefined {
  // Re-delivering is application specific; the safe default only marks the messages as handled.
  if (deadLetterWhen || !retriedAt) return undefined;
  return ['UPDATE {table} SET {retriedAt} = now() WHERE {where}'];
}
