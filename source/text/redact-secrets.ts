// Patterns for secrets that show up in errors, notes and query text (exported for the tests'
// ReDoS check). Known secret values (the configured password, the service-role key) are removed
// verbatim as well.
export const secretPatterns: ReadonlyArray<[RegExp, string]> = [
  // Credentials inside any URL: scheme://user:password@host, the password possibly holding "@"
  // itself. Anchored on "://" rather than on the scheme, and bounded: a scheme pattern tried at
  // every letter is quadratic on a 1 MB note.
  [/:\/\/([^\s:/@]{0,256}):[^\s/]{1,512}@/g, '://$1:[redacted]@'],
  // JSON Web Tokens, which is what Supabase anon and service-role keys are.
  [/\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]{6,}/g, '[redacted-jwt]'],
  // Supabase secret keys and common provider API keys.
  [
    /\b(sb_secret|sb_publishable|sk_live|sk_test|rk_live|re|whsec|xox[abpr])_[\w-]{8,}/g,
    '[redacted-key]',
  ],
  [/\b(Bearer|Basic)\s+[\w.~+/-]{8,}=*/gi, '$1 [redacted]'],
  // SQL that sets a password: CREATE/ALTER ROLE … [ENCRYPTED] PASSWORD 'x'.
  [/\b(PASSWORD)(\s+)('(?:[^']|''){0,512}'|"[^"]{0,512}")/gi, "$1$2'[redacted]'"],
  // name=value and name: value where the name says secret, with any prefix or suffix
  // (PGPASSWORD=, SUPABASE_SERVICE_ROLE_KEY=, access_token=, "api_key": "…").
  [
    /([A-Za-z_]{0,40}(?:password|passwd|secret|token|api[_-]?key|service[_-]?role[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z_]{0,20}["']?)(\s*[=:]\s*)("[^"]{0,2048}"|'[^']{0,2048}'|[^\s,;&"']{1,2048})/gi,
    '$1$2[redacted]',
  ],
];

/** Replaces secrets in `text`; `knownSecrets` are exact values (passwords, keys) to remove too. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of secretPatterns)
    result = result.replace(pattern, replacement);
  return result;
}

/** The password of a connection string, to be handed to {@link redactSecrets} as a known secret. */
export function secretsOfConnectionString(connectionString: string): string[] {
  try {
    const url = new URL(connectionString);
    const password = decodeURIComponent(url.password);
    return password ? [password, url.password] : [];
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
