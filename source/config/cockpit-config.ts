import {z} from 'zod';
import {applicationConfigShape} from './application-config';
import {productConfigShape} from './product-config';
import {signalConfigShape} from './signal-config';

/**
 * The configuration file's schema. Unknown keys are errors, so a typo never silently does
 * nothing. Secrets are referenced as `${ENV_VAR}` and expanded on load, never stored here.
 */
export const cockpitConfigSchema = z
  .object({
    database: z
      .object({
        url: z.string().min(1).optional(),
        statementTimeoutMs: z.number().int().min(100).max(60_000).optional(),
      })
      .strict()
      .optional(),
    refreshSeconds: z.number().min(0.5).max(10).optional(),
    readOnly: z.boolean().optional(),
    ...applicationConfigShape,
    ...productConfigShape,
    ...signalConfigShape,
  })
  .strict();

/** A validated configuration file. */
export type CockpitConfig = z.infer<typeof cockpitConfigSchema>;
