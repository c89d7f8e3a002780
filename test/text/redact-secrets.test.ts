import {checkSync} from 'recheck';
import {describe, expect, it} from 'vitest';
import {secretPatterns} from '../../source/secrets/secret-patterns';
import {redactSecrets, redactSecretsDeep} from '../../source/text/redact-secrets';

describe('redactSecrets', () => {
  it.each([
    ['postgres://admin:hunter2pw@db.example.com/x', 'hunter2pw'],
    ['postgres://admin:p@ss@db.example.com/x', 'p@ss'],
    ["ALTER ROLE app PASSWORD 'Sup3rSecret'", 'Sup3rSecret'],
    ["CREATE ROLE app LOGIN ENCRYPTED PASSWORD 'it''s secret'", "it''s secret"],
    ['PGPASSWORD=s3cr3tvalue psql -h db', 's3cr3tvalue'],
    ['SUPABASE_SERVICE_ROLE_KEY=plainkeyvalue123', 'plainkeyvalue123'],
    ['https://api.example.com/cb?access_token=abcdef123456', 'abcdef123456'],
    ['{"api_key": "k-123456789"}', 'k-123456789'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA'],
    ['Authorization: Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['key eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZSJ9.abcdefghijkl', 'eyJyb2xlIjoic2VydmljZSJ9'],
  ])('removes the secret from %s', (text, secret) => {
    expect(redactSecrets(text)).not.toContain(secret);
  });

  it('leaves ordinary text and query structure alone', () => {
    const query =
      "SELECT id, status FROM email_log WHERE status = 'failed' ORDER BY created_at DESC";
    expect(redactSecrets(query)).toBe(query);
    expect(redactSecrets('password reset emails failing for gmail.com')).toBe(
      'password reset emails failing for gmail.com',
    );
  });

  it('removes known secret values verbatim, and redacts inside nested JSON values', () => {
    expect(redactSecrets('error for pw xyzzy-42', ['xyzzy-42'])).toBe('error for pw [redacted]');
    expect(redactSecretsDeep({rows: [{query: "ALTER ROLE x PASSWORD 'abc12345'"}], n: 1})).toEqual({
      rows: [{query: "ALTER ROLE x PASSWORD '[redacted]'"}],
      n: 1,
    });
  });

  it('has no pattern that can backtrack catastrophically, and a linear URL pattern', () => {
    // recheck analyses each pattern for ReDoS by the shape of its backtracking, not by a clock;
    // its own deadline is generous so that a busy machine does not turn a verdict into unknown.
    const check = (pattern: RegExp) =>
      checkSync(pattern.source, pattern.flags, {checker: 'fuzz', timeout: 60_000});
    for (const {pattern} of secretPatterns) {
      const verdict = check(pattern);
      expect(verdict.status, pattern.source).not.toBe('unknown');
      if (verdict.status === 'vulnerable')
        expect(verdict.complexity.type, pattern.source).not.toBe('exponential');
    }
    // The URL pattern runs over every note and query text: anchored on "://", it is linear.
    const url = secretPatterns.find(({name}) => name === 'url-credentials');
    expect(url && check(url.pattern).status).toBe('safe');
  }, 300_000);

  it('leaves a megabyte of harmless look-alikes as it was', () => {
    const letters = `${'a'.repeat(1_000_000)}://`;
    expect(redactSecrets(letters)).toBe(letters);
    const words = 'password'.repeat(100_000);
    expect(redactSecrets(words)).toBe(words);
  });
});
