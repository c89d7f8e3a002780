import {z} from 'zod';
import {builtinRunbookNames} from '../runbooks/runbook-source-paths';

const identifier = z.string().min(1).max(63, 'a PostgreSQL identifier is at most 63 characters');
const nameKey = z.string().regex(/^[A-Za-z_][\w-]*$/, 'expected a name such as "login_attempts"');
const tableName = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)?$/, 'expected a table name such as "email_log" or "app.email_log"');

/** Where a team's runbooks are, and whether the built-in library is shown beside them. */
export const runbooksConfigSchema = z
  .object({
    /** Files and folders, relative to the configuration file. */
    paths: z.array(z.string().min(1)).optional(),
    /** false hides the built-in library; a list of names keeps only those built-in runbooks. */
    builtin: z
      .union([
        z.boolean(),
        z
          .array(z.string().min(1))
          .min(1)
          .superRefine((names, context) => {
            const known = builtinRunbookNames();
            const unknown = names.filter((name) => !known.includes(name));
            if (unknown.length > 0)
              context.addIssue({
                code: 'custom',
                message: `no built-in runbook named ${unknown.map((name) => `"${name}"`).join(', ')} (known: ${known.join(', ')})`,
              });
          }),
      ])
      .optional(),
  })
  .strict();

/** One status's values: the first is the one a runbook step writes. */
const statusValues = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Statuses the panes' configuration owns: one place per value, so pane and runbook agree. */
const paneStatusKeys: Record<string, Record<string, string>> = {
  emails: {
    sent: 'panes.emails.statuses.sent',
    failed: 'panes.emails.statuses.failed',
    pending: 'panes.emails.statuses.pending',
    retryable: 'panes.emails.statuses.retryable',
  },
  campaigns: {running: 'panes.campaigns.runningStatus'},
  campaign_targets: {pending: 'panes.campaigns.targets.pendingStatuses'},
};

/**
 * The product's names for what runbook SQL writes as `{{tables.x}}`, `{{columns.t.c}}` and
 * `{{statuses.t.s}}` (the panes' own statuses come from `panes.*`; these add or rename).
 */
export const schemaConfigSchema = z
  .object({
    tables: z.record(nameKey, tableName).optional(),
    columns: z.record(nameKey, z.record(nameKey, identifier.nullable())).optional(),
    statuses: z
      .record(nameKey, z.record(nameKey, statusValues))
      .superRefine((statuses, context) => {
        for (const [table, mapping] of Object.entries(statuses))
          for (const key of Object.keys(mapping)) {
            const owner = paneStatusKeys[table]?.[key];
            if (owner)
              context.addIssue({
                code: 'custom',
                path: [table, key],
                message: `set ${owner} instead: the pane and the runbooks read the same value`,
              });
          }
      })
      .optional(),
  })
  .strict();

/** The product part of the configuration file: runbooks and schema names. */
export const productConfigShape = {
  runbooks: runbooksConfigSchema.optional(),
  schema: schemaConfigSchema.optional(),
};
