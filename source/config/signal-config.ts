import {z} from 'zod';

const environmentName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as HEALTH_TOKEN');

/**
 * A header whose value comes from an environment variable, never from the file:
 * `{env: HEALTH_TOKEN, prefix: "Bearer "}`.
 */
const headerFromEnvironment = z
  .object({env: environmentName, prefix: z.string().optional()})
  .strict();

/** A signal: a number the product counts, from a read-only query or an HTTP/JSON endpoint. */
export const signalSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a name such as "failed-logins" (a-z, 0-9, -)'),
    title: z.string().min(1).max(60).optional(),
    /** A read-only query returning one number, or rows of (label, number). */
    sql: z.string().min(1).optional(),
    http: z
      .object({
        url: z.url({message: 'expected an http(s) URL'}),
        headers: z.record(z.string(), headerFromEnvironment).optional(),
        timeoutMs: z.number().int().min(100).max(60_000).optional(),
      })
      .strict()
      .optional(),
    /** JSONPath to the number in the HTTP answer, e.g. `$.errors.rate`. */
    path: z.string().min(1).optional(),
    /** Numbers for string values at the path (a breaker's "open"/"closed"). */
    values: z.record(z.string(), z.number()).optional(),
    unit: z.string().max(12).optional(),
    warn: z.number(),
    critical: z.number().optional(),
    /** Hysteresis: the alert clears only past this value (default: 80% of warn). */
    clear: z.number().optional(),
    /** `below`: alert when the value falls under the thresholds (a cache hit ratio). */
    direction: z.enum(['above', 'below']).optional(),
    /** Alert on the change per minute between the last two samples instead of the value. */
    rate: z.boolean().optional(),
    /** The runbook this signal suggests when it alerts. */
    runbook: z.string().min(1).optional(),
    intervalSeconds: z.number().min(1).max(3600).optional(),
  })
  .strict()
  .refine((signal) => (signal.sql === undefined) !== (signal.http === undefined), {
    message: 'expected exactly one of sql or http',
  })
  .refine((signal) => signal.http === undefined || signal.path !== undefined, {
    message: 'an http signal needs path, the JSONPath to its number',
    path: ['path'],
  });

/** The signals part of the configuration file. */
export const signalConfigShape = {signals: z.array(signalSchema).max(30).optional()};

/** One signal as written in the configuration. */
export type SignalConfig = z.infer<typeof signalSchema>;
