// Patterns for secrets that show up in errors, notes and query text. Known secret values
// (the configured password, the service-role key) are removed verbatim as well.
const secretPatterns: Array<[RegExp, string]> = [
  // Credentials inside any URL: scheme://user:password@host. Anchored on "://" rather than on
  // the scheme: a scheme pattern is tried at every letter, quadratic on a 1 MB note.
  [/:\/\/([^\s:/@]{0,256}):[^\s@/]+@/g, '://$1:[redacted]@'],
  // JSON Web Tokens, which is what Supabase anon and service-role keys are.
  [/\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]{6,}/g, '[redacted-jwt]'],
  // Supabase secret keys and common provider API keys.
  [
    /\b(sb_secret|sb_publishable|sk_live|sk_test|rk_live|re|whsec|xox[abpr])_[\w-]{8,}/g,
    '[redacted-key]',
  ],
  [/\bBearer\s+[\w.~+/-]{8,}=*/gi, 'Bearer [redacted]'],
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key|service[_-]?role[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi,
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
