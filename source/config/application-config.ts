import {z} from 'zod';

const identifier = z
  .string()
  .min(1)
  .max(63, 'a PostgreSQL identifier is at most 63 characters')
  .describe('a table or column name');
/** `table` or `schema.table`. */
const tableName = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)?$/, 'expected a table name such as "email_log" or "app.email_log"');
const statusList = z.array(z.string().min(1)).min(1);
const sqlText = z.string().min(1);
/** A whole query replacing the table mapping; it must return the columns the pane documents. */
const wholeQuery = sqlText.describe('a SELECT returning the documented columns');

/** Dead-letter pane: the table and columns holding undeliverable messages, or a whole query. */
export const deadLetterPaneSchema = z
  .object({
    table: tableName.optional(),
    columns: z
      .object({
        id: identifier.optional(),
        source: identifier.nullable().optional(),
        error: identifier.optional(),
        payload: identifier.nullable().optional(),
        createdAt: identifier.optional(),
        /** Set when a message is requeued; null when the table has no such column. */
        retriedAt: identifier.nullable().optional(),
      })
      .strict()
      .optional(),
    /** Rows that are dead letters, for tables holding other rows too (an outbox, a deliveries table). */
    deadLetterWhen: z
      .union([
        z.object({column: identifier, equals: z.string()}).strict(),
        z.object({column: identifier, isTrue: z.literal(true)}).strict(),
      ])
      .optional(),
    query: wholeQuery.optional(),
    requeue: z
      .object({
        /** Statements run in one transaction; `{where}` becomes the condition selecting the messages. */
        statements: z
          .array(
            sqlText.refine((statement) => statement.includes('{where}'), {
              message: 'expected {where} in the statement, so it touches only the chosen messages',
            }),
          )
          .min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Failed-emails pane: the email log's table, columns and status values, or a whole query. */
export const emailPaneSchema = z
  .object({
    table: tableName.optional(),
    columns: z
      .object({
        id: identifier.optional(),
        recipient: identifier.optional(),
        status: identifier.optional(),
        error: identifier.optional(),
        retryCount: identifier.optional(),
        nextRetryAt: identifier.optional(),
        createdAt: identifier.optional(),
      })
      .strict()
      .optional(),
    statuses: z
      .object({
        sent: statusList.optional(),
        failed: statusList.optional(),
        pending: statusList.optional(),
        /** Statuses the retry action resets (permanent failures are left alone by default). */
        retryable: statusList.optional(),
      })
      .strict()
      .optional(),
    query: wholeQuery.optional(),
  })
  .strict();

/** An HTTP endpoint an action calls; `:id` in the URL becomes the item's id. */
export const httpEndpointSchema = z
  .object({
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']).optional(),
    url: z.url({message: 'expected an http(s) URL'}),
    /** Header values usually come from `${ENV}` references: they are never shown or journaled. */
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();

/** The stop endpoint names the campaign in its URL, so one call can only ever stop that campaign. */
const stopEndpointSchema = httpEndpointSchema.refine((endpoint) => endpoint.url.includes(':id'), {
  message: 'expected :id in the URL, where the campaign id goes',
  path: ['url'],
});

/** Campaigns pane: campaigns, their targets, statuses, and the stop endpoint. */
export const campaignPaneSchema = z
  .object({
    table: tableName.optional(),
    columns: z
      .object({
        id: identifier.optional(),
        name: identifier.optional(),
        status: identifier.optional(),
        startedAt: identifier.optional(),
      })
      .strict()
      .optional(),
    runningStatus: z.string().min(1).optional(),
    targets: z
      .object({
        table: tableName.optional(),
        columns: z
          .object({
            id: identifier.optional(),
            campaignId: identifier.optional(),
            status: identifier.optional(),
            updatedAt: identifier.optional(),
          })
          .strict()
          .optional(),
        pendingStatuses: statusList.optional(),
      })
      .strict()
      .optional(),
    stalledAfterMinutes: z.number().min(1).max(120).optional(),
    query: wholeQuery.optional(),
    stopEndpoint: stopEndpointSchema.optional(),
  })
  .strict();

/** A Supabase Edge Function checked through `functions.invoke`. */
export const edgeFunctionSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected an edge function name'),
    method: z.enum(['POST', 'GET', 'PUT', 'PATCH', 'DELETE']).optional(),
    body: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();

/** A plain HTTP health URL. */
export const healthUrlSchema = z
  .object({
    name: z.string().min(1),
    url: z.url({message: 'expected an http(s) URL'}),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();

const threshold = z
  .object({raise: z.number().min(0), clear: z.number().min(0), critical: z.number().min(0)})
  .partial()
  .strict();

/** Thresholds of the application alert rules. */
export const applicationAlertsSchema = z
  .object({
    dlqGrowthPerMinute: threshold.optional(),
    emailFailureRate: threshold.optional(),
    /** Below this many failures in 15 minutes the failure rate never alerts. */
    emailMinimumFailures: z.number().int().min(1).optional(),
    /** Consecutive failed checks before a function counts as down. */
    functionDownAfterChecks: z.number().int().min(1).max(20).optional(),
  })
  .strict();

/** The application part of the configuration file (see the README's configuration section). */
export const applicationConfigShape = {
  supabase: z
    .object({
      url: z.url({message: 'expected an http(s) URL'}).optional(),
      serviceRoleKey: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
  panes: z
    .object({
      /** How often the application panes refresh (they never follow `--refresh` below it). */
      refreshSeconds: z.number().min(1).max(300).optional(),
      dlq: deadLetterPaneSchema.optional(),
      emails: emailPaneSchema.optional(),
      campaigns: campaignPaneSchema.optional(),
    })
    .strict()
    .optional(),
  integrations: z
    .object({
      functions: z.array(edgeFunctionSchema).optional(),
      http: z.array(healthUrlSchema).optional(),
      intervalMs: z.number().int().min(1000).max(300_000).optional(),
    })
    .strict()
    .optional(),
  alerts: applicationAlertsSchema.optional(),
};
