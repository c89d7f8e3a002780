import type {Placeholder} from './runbook-model';

/** What a secret value is shown as, wherever its field appears. */
export const maskedValue = '[secret]';

// The name says it: SERVICE_ROLE_KEY, GITHUB_TOKEN, WEBHOOK_SECRET, PGPASSWORD, STRIPE_API_KEY…
// Compared on the end of the name, so `api-key-id` (which key) is not a secret but `api-key` is.
const secretNameEndings = [
  'SERVICE_ROLE_KEY',
  'SERVICE_KEY',
  'TOKEN',
  'SECRET',
  'SECRET_KEY',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'API_KEY',
  'APIKEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'CREDENTIALS',
  // A connection string carries its password.
  'DATABASE_URL',
  'CONNECTION_STRING',
  'DSN',
];
const secretDescription =
  /\b(secret|password|passphrase|credentials?|api[ -]?key|service[ -]role[ -]key|access token|bearer token|auth(?:entication)? token)\b/i;
// "id of the API key" names which key, it is not the key.
const namesOne = /\b(id|ids|identifier|name|number)\b/i;

/**
 * Whether the value typed for `placeholder` is a secret: marked `secret: true` in the runbook's
 * front matter, or named or described as one. Its value is masked while typed and replaced by
 * {@link maskedValue} in every field it would appear in (the SQL, the shell values, the journal).
 */
export function isSecretPlaceholder(placeholder: Placeholder): boolean {
  if (placeholder.secret) return true;
  const name = placeholder.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (secretNameEndings.some((ending) => name === ending || name.endsWith(ending))) return true;
  const description = placeholder.description ?? '';
  return secretDescription.test(description) && !namesOne.test(description);
}

/** The values given for the secret placeholders among `placeholders`. */
export function secretValuesOf(
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
): string[] {
  const secret = placeholders.filter(isSecretPlaceholder).map((item) => values[item.name]);
  return [...new Set(secret.filter((value): value is string => Boolean(value)))];
}

/** `values` with every secret placeholder's value replaced by {@link maskedValue}. */
export function maskSecretValues(
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const masked = {...values};
  for (const placeholder of placeholders)
    if (isSecretPlaceholder(placeholder) && masked[placeholder.name] !== undefined)
      masked[placeholder.name] = maskedValue;
  return masked;
}

/**
 * Every string inside `value` with the exact secret values replaced by {@link maskedValue}: for
 * text the database or a command wrote around them (an error quoting the value, an echo). Values
 * shorter than four characters are left, as replacing them would mangle ordinary text; their
 * own fields are masked regardless.
 */
export function withoutSecretValues<T>(value: T, secretValues: readonly string[]): T {
  const secrets = secretValues.filter((secret) => secret.length >= 4);
  if (secrets.length === 0) return value;
  const scrub = (item: unknown): unknown => {
    if (typeof item === 'string')
      return secrets.reduce((text, secret) => text.split(secret).join(maskedValue), item);
    if (Array.isArray(item)) return item.map(scrub);
    if (item && typeof item === 'object')
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, scrub(entry)]));
    return item;
  };
  return scrub(value) as T;
}
