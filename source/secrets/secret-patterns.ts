/**
 * Secrets recognised by their shape, for text whose secrets the process was never told about
 * (a note pasted from a chat, an error quoting a header, a query setting a password).
 *
 * The token formats follow the providers' documented prefixes, as secretlint's rules and gitleaks'
 * configuration list them; `test/secrets/secret-patterns.test.ts` checks that everything
 * secretlint's recommended preset finds in its corpus is redacted here as well. Every pattern is
 * bounded (no unbounded repetition next to another), so a megabyte of text stays linear.
 */
export type SecretPattern = {
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
};

/** What a redacted span becomes; one word so the text around it still reads. */
export const redactedMarker = '[redacted]';

// A value after `name: ` or `name = ` is prose rather than a secret when it is a plain word that
// the sentence goes on after ("rotate the webhook secret: recreate the endpoint").
const looksLikeProse = (value: string, after: string) =>
  /^[A-Za-z]+$/.test(value) && /^ +[A-Za-z]/.test(after);

const secretName =
  '[A-Za-z_]{0,40}(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|service[_-]?role[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z_]{0,20}';

/** The patterns, applied in order. */
export const secretPatterns: readonly SecretPattern[] = [
  {
    // Credentials inside any URL: scheme://user:password@host, the password possibly holding "@"
    // itself. Anchored on "://" rather than on the scheme: a scheme pattern tried at every letter
    // is quadratic on a 1 MB note.
    name: 'url-credentials',
    pattern: /:\/\/([^\s:/@]{0,256}):[^\s/]{1,512}@/g,
    replace: `://$1:${redactedMarker}@`,
  },
  {
    // JSON Web Tokens: Supabase's anon and service_role keys, access tokens.
    name: 'jwt',
    pattern: /\beyJ[\w-]{6,2048}\.[\w-]{6,4096}\.[\w-]{6,1024}/g,
    replace: '[redacted-jwt]',
  },
  {
    // Supabase secret keys and personal access tokens. `sb_publishable_…` keys are public by
    // design (they ship in web pages) and are left alone.
    name: 'supabase',
    pattern: /\b(?:sb_secret_[\w-]{16,256}|sbp_[a-f0-9]{40})\b/g,
    replace: '[redacted-key]',
  },
  {
    name: 'github',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
    replace: '[redacted-key]',
  },
  {
    // AWS access key ids (the secret key beside one is caught by its name, below).
    name: 'aws-access-key-id',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g,
    replace: '[redacted-key]',
  },
  {
    name: 'slack',
    pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,255}/g,
    replace: '[redacted-key]',
  },
  {
    name: 'slack-webhook',
    pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{10,255}/g,
    replace: `hooks.slack.com/services/${redactedMarker}`,
  },
  {
    // Stripe, Resend and Svix/Stripe webhook secrets, npm tokens.
    name: 'provider-key',
    pattern:
      /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}|re_[A-Za-z0-9]{6,40}_[A-Za-z0-9]{16,255}|whsec_[A-Za-z0-9+/=]{16,255}|npm_[A-Za-z0-9]{36})\b/g,
    replace: '[redacted-key]',
  },
  {
    name: 'private-key',
    pattern:
      /-----BEGIN ([A-Z ]{0,40})PRIVATE KEY-----[\s\S]{0,16384}?-----END \1PRIVATE KEY-----/g,
    replace: `-----BEGIN $1PRIVATE KEY----- ${redactedMarker} -----END $1PRIVATE KEY-----`,
  },
  {
    // Authorization headers of any scheme; Bearer and Basic tokens elsewhere too.
    name: 'authorization-header',
    pattern:
      /\b(Authorization|Proxy-Authorization)(["']?\s*[:=]\s*["']?)([A-Za-z-]{1,20}\s+)?[^\s"',;]{1,4096}/gi,
    replace: `$1$2$3${redactedMarker}`,
  },
  {
    name: 'bearer-or-basic',
    // A plain lowercase word after it is prose ("Basic checks first"), not a token.
    pattern: /\b(Bearer|Basic)\s+(?!\[redacted)(?![a-z]+\b)[\w.~+/-]{4,4096}=*/g,
    replace: `$1 ${redactedMarker}`,
  },
  {
    // curl -u user:password, curl --user=user:password
    name: 'curl-user',
    pattern: /(\s-u\s*|--user[=\s]\s*)(["']?)([^\s:"']{0,256}):([^\s"']{1,512})\2/g,
    replace: `$1$2$3:${redactedMarker}$2`,
  },
  {
    // SQL that sets a password: CREATE/ALTER ROLE … [ENCRYPTED] PASSWORD 'x'.
    name: 'sql-password',
    pattern: /\b(PASSWORD)(\s+)('(?:[^']|''){0,512}'|"[^"]{0,512}")/gi,
    replace: `$1$2'${redactedMarker}'`,
  },
  {
    // name=value and name: value where the name says secret (PGPASSWORD=…, access_token=…,
    // "api_key": "…", AWS_SECRET_ACCESS_KEY=…), unless the value is a word of a sentence.
    name: 'named-secret',
    pattern: new RegExp(
      `(${secretName}["']?)(\\s*[=:]\\s*)("[^"]{0,2048}"|'[^']{0,2048}'|[^\\s,;&"'\\[]{1,2048})(?=(.{0,2}))`,
      'gi',
    ),
    replace: (match, name, separator, value, after) => {
      if (value.startsWith(redactedMarker)) return match;
      if (separator.trim() !== separator && looksLikeProse(value, after ?? '')) return match;
      if (separator.trim() === ':' && looksLikeProse(value, after ?? '')) return match;
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${name}${separator}${quote}${redactedMarker}${quote}`;
    },
  },
];

/** Applies every {@link secretPatterns} pattern to `text`. */
export function redactSecretPatterns(text: string): string {
  let result = text;
  for (const {pattern, replace} of secretPatterns)
    result = result.replace(pattern, replace as (substring: string, ...args: string[]) => string);
  return result;
}
