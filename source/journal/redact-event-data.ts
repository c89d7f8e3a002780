import {redactSecrets, secretsOfConnectionString} from '../text/redact-secrets';

/** Every string inside `value` with secrets redacted; keys and non-strings are kept. */
export function redactDeep<T>(value: T, knownSecrets: readonly string[]): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, knownSecrets)) as T;
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = redactDeep(item, knownSecrets);
    return result as T;
  }
  return value;
}

/**
 * Secret values the environment knows about, removed verbatim from everything journaled: the
 * passwords of the database URLs in use and the Supabase service-role key.
 */
export function knownSecretsOf(
  environment: NodeJS.ProcessEnv,
  connectionStrings: readonly string[] = [],
): string[] {
  const secrets = new Set<string>();
  for (const url of [...connectionStrings, environment.DATABASE_URL ?? '']) {
    for (const secret of secretsOfConnectionString(url)) secrets.add(secret);
  }
  for (const name of ['SUPABASE_SERVICE_ROLE_KEY', 'PGPASSWORD']) {
    const value = environment[name];
    if (value) secrets.add(value);
  }
  return [...secrets];
}
