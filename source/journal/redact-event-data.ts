import {redactSecretsDeep, secretsOfConnectionString} from '../text/redact-secrets';

/** Every string inside `value` with secrets redacted; keys and non-strings are kept. */
export function redactDeep<T>(value: T, knownSecrets: readonly string[]): T {
  return redactSecretsDeep(value, knownSecrets);
}

/**
 * Secret values the environment alone knows about: the passwords of the database URLs in use,
 * `PGPASSWORD` and the Supabase service-role key (`collectSecrets` adds the configuration's).
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
