import {redactSecretPatterns} from '../secrets/secret-patterns';
import {type HashedSecrets, SecretRegistry} from '../secrets/secret-registry';

/**
 * The process's one redactor. Every sink — the screen (through `sanitizeTerminalText`), the
 * journal, the report and JSON export, `cockpit probe`, `incidents show`, the share stream — calls
 * {@link redactSecrets}, which removes the values the process was told of with
 * {@link rememberSecrets} / {@link rememberHashedSecrets}, then everything that looks like a
 * secret by its shape (`source/secrets/secret-patterns.ts`).
 *
 * The registry is process-wide on purpose: the secrets are facts about the process (its
 * environment, flags and configuration, like `process.env` itself), and a sink added later must
 * not be able to forget to pass them.
 */
const processSecrets = new SecretRegistry();
/** Changes whenever the registry learns a secret, so that redacted text kept aside is redone. */
let generation = 0;

/** Tells the redactor of secret values in clear (passwords, keys, header values). */
export function rememberSecrets(values: Iterable<string | undefined>): void {
  processSecrets.add(values);
  generation += 1;
}

/** Tells the redactor of secrets known by keyed hash, from another process's shared list. */
export function rememberHashedSecrets(list: HashedSecrets): void {
  processSecrets.addHashed(list);
  generation += 1;
}

/** A number that changes each time the redactor learns a secret. */
export function redactorGeneration(): number {
  return generation;
}

/** The secret values known in clear, longest first (for the shared list). */
export function rememberedSecrets(): readonly string[] {
  return processSecrets.clearValues();
}

/** Replaces secrets in `text`: every remembered one, `knownSecrets`, and secret-shaped text. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  return redactSecretPatterns(processSecrets.redact(text, knownSecrets));
}

/** The password of a connection string (raw and decoded), to be remembered as a secret. */
export function secretsOfConnectionString(connectionString: string): string[] {
  try {
    const url = new URL(connectionString);
    const password = decodeURIComponent(url.password);
    const inQuery = url.searchParams.get('password');
    return [password, url.password, inQuery ?? ''].filter(Boolean);
  } catch {
    return [];
  }
}

/** {@link redactSecrets} applied to every string inside a JSON-like value (for JSON output). */
export function redactSecretsDeep<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactSecretsDeep(item, knownSecrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactSecretsDeep(item, knownSecrets)]),
    ) as T;
  }
  return value;
}
