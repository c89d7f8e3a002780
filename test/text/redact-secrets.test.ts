import {describe, expect, it} from 'vitest';
import {secretPatterns} from '../../source/secrets/secret-patterns';
import {redactSecrets, redactSecretsDeep} from '../../source/text/redact-secrets';
import {backtrackingFaults} from '../helpers/backtracking-shape';

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

  it('has no pattern whose backtracking can grow faster than its input', () => {
    // Read from each pattern's syntax tree, not from a clock: the same verdict on any machine.
    // `npm run bench -- secret-patterns` fuzzes them for slow inputs as well.
    for (const {name, pattern} of secretPatterns)
      expect(backtrackingFaults(pattern), name).toEqual([]);
  });

  it('leaves a megabyte of harmless look-alikes as it was', () => {
    const letters = `${'a'.repeat(1_000_000)}://`;
    expect(redactSecrets(letters)).toBe(letters);
    const words = 'password'.repeat(100_000);
    expect(redactSecrets(words)).toBe(words);
  });
});
