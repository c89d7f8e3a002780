import type {SupabaseClient} from '@supabase/supabase-js';
import type {IntegrationSettings} from '../../config/application-settings';
import {redactSecrets} from '../../text/redact-secrets';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {integrationLatencySeries} from '../metric-series';
import type {ProbeDefinition} from '../probe-types';
import {
  type CheckResult,
  checkEdgeFunction,
  checkHealthUrl,
  type HealthStatus,
} from './health-check';

/** The health of one integration, with what is remembered across checks. */
export type IntegrationHealth = {
  name: string;
  kind: 'edge-function' | 'http';
  /** What is checked, for display: the function name or the URL (credentials removed). */
  target: string;
  status: HealthStatus;
  httpStatus: number | null;
  latencyMs: number | null;
  retryAfterSeconds: number | null;
  /** The last error seen, kept after recovery so the pane can say what happened. */
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  checkedAt: number;
};

/** The integrations pane's data, or why the pane cannot show it. */
export type IntegrationsSnapshot =
  | {available: true; integrations: IntegrationHealth[]}
  | {available: false; reason: string};

/** The integrations probe (id `integrations`): every check in parallel, each with its own timeout. */
export function createIntegrationsProbe(
  settings: IntegrationSettings,
  secrets: readonly string[],
  now: () => number = Date.now,
): ProbeDefinition<IntegrationsSnapshot, 'integrations'> {
  let client: SupabaseClient | undefined;
  const remembered = new Map<string, IntegrationHealth>();
  // supabase-js is loaded on first use: most of its code is not needed for the first frame.
  const supabaseClient = async () => {
    if (!settings.supabase) return undefined;
    if (!client) {
      const {createClient} = await import('@supabase/supabase-js');
      client = createClient(settings.supabase.url, settings.supabase.serviceRoleKey, {
        auth: {persistSession: false, autoRefreshToken: false, detectSessionInUrl: false},
      });
    }
    return client;
  };
  const record = (
    key: string,
    identity: Pick<IntegrationHealth, 'name' | 'kind' | 'target'>,
    result: CheckResult,
  ): IntegrationHealth => {
    const previous = remembered.get(key);
    const failed = result.status !== 'ok';
    const health: IntegrationHealth = {
      ...identity,
      status: result.status,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      retryAfterSeconds: result.retryAfterSeconds,
      lastError: result.error ?? previous?.lastError ?? null,
      lastErrorAt: result.error ? now() : (previous?.lastErrorAt ?? null),
      consecutiveFailures: failed ? (previous?.consecutiveFailures ?? 0) + 1 : 0,
      checkedAt: now(),
    };
    remembered.set(key, health);
    return health;
  };
  return {
    id: 'integrations',
    title: 'Integrations',
    intervalMs: settings.intervalMs,
    samples: (snapshot) =>
      snapshot.available
        ? Object.fromEntries(
            snapshot.integrations
              .filter((entry) => entry.latencyMs !== null)
              .map((entry) => [integrationLatencySeries(entry.name), entry.latencyMs!]),
          )
        : {},
    async run() {
      if (settings.functions.length === 0 && settings.http.length === 0)
        return {
          available: false,
          reason:
            'no integrations configured — list edge functions under integrations.functions or health URLs under integrations.http in the config file',
        };
      const functionChecks = settings.functions.map(async (check) => {
        const identity = {name: check.name, kind: 'edge-function' as const, target: check.name};
        const supabase = await supabaseClient();
        const result: CheckResult = supabase
          ? await checkEdgeFunction(supabase, check, secrets)
          : {
              status: 'unconfigured',
              httpStatus: null,
              latencyMs: null,
              retryAfterSeconds: null,
              error:
                'set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (or supabase.url and supabase.serviceRoleKey)',
            };
        return record(`function:${check.name}`, identity, result);
      });
      const httpChecks = settings.http.map(async (check) => {
        const target = sanitizeTerminalText(redactSecrets(check.url, secrets), {maxLength: 120});
        const identity = {
          name: sanitizeTerminalText(check.name, {maxLength: 40}),
          kind: 'http' as const,
          target,
        };
        return record(`http:${check.name}`, identity, await checkHealthUrl(check, secrets));
      });
      return {available: true, integrations: await Promise.all([...functionChecks, ...httpChecks])};
    },
  };
}
