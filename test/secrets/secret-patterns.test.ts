import {lintSource} from '@secretlint/core';
import {creator as recommended} from '@secretlint/secretlint-rule-preset-recommend';
import {describe, expect, it} from 'vitest';
import {redactSecrets} from '../../source/text/redact-secrets';

// Made-up values in each provider's documented shape (none of them was ever a live credential).
const samples: Array<[string, string, string]> = [
  ['GitHub classic token', 'token ghp_R2d2C3poR2d2C3poR2d2C3poR2d2C3po1234 leaked', 'ghp_R2d2'],
  [
    'GitHub fine-grained token',
    'GH_TOKEN github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
    'github_pat_11ABCDEFG',
  ],
  ['AWS access key id', 'aws configure set AKIAQWERTYUIOPASDFGH', 'AKIAQWERTYUIOPASDFGH'],
  [
    'AWS secret key',
    'export AWS_SECRET_ACCESS_KEY=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',
    'q1W2e3R4t5Y6u7I8o9P0',
  ],
  [
    'AWS secret key in a credentials file',
    'aws_secret_access_key = q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0',
    'q1W2e3R4t5Y6u7I8o9P0',
  ],
  ['Slack bot token', 'SLACK xoxb-2718281828-3141592653-AbCdEfGhIjKlMnOpQrStUvWx', 'AbCdEfGhIj'],
  ['Slack user token', 'xoxp-2718281828-3141592653-1618033988-abcdef0123456789', 'abcdef0123'],
  ['Authorization Basic', 'Authorization: Basic YWRtaW46aHVudGVyMg==', 'YWRtaW46aHVudGVyMg'],
  ['Authorization Basic, short', 'authorization: basic YTpi', 'YTpi'],
  ['curl -u', 'curl -u admin:Tr0ub4dor https://api.example.com', 'Tr0ub4dor'],
  ['curl --user', "curl --user 'ops:correct-horse' https://x", 'correct-horse'],
  ['Supabase secret key', 'key sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', 'N7UND0UgjKTVK'],
  [
    'Supabase access token',
    'SUPABASE_ACCESS_TOKEN sbp_0102030405060708090a0b0c0d0e0f1011121314',
    'sbp_0102',
  ],
  [
    'Supabase service_role JWT',
    'apikey: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.M2x4cGx2b2Z3eWZ0',
    'eyJyb2xlIjoic2VydmljZV9yb2xlIn0',
  ],
  ['password in a URL', 'postgres://app:S3cr3t-pw@db.internal:5432/app', 'S3cr3t-pw'],
  ['PGPASSWORD', 'PGPASSWORD=hunter2 psql', 'hunter2'],
  ['YAML password', 'password: swordfish', 'swordfish'],
];

describe('secret patterns', () => {
  it.each(samples)('redact a %s', (_name, text, secret) => {
    expect(redactSecrets(text)).not.toContain(secret);
  });

  it('leave a Supabase publishable key alone: it is public by design', () => {
    const text = 'client key sb_publishable_ZmFrZV9wdWJsaXNoYWJsZV9rZXk';
    expect(redactSecrets(text)).toBe(text);
  });

  it.each([
    'rotate the webhook secret: recreate the endpoint',
    'recreate the endpoint',
    'the token = expired for most users',
    'password reset emails failing for gmail.com',
    'ALTER TABLE re_enable_triggers_audit_log ADD COLUMN x int',
    'SELECT id FROM api_keys WHERE revoked_at IS NULL',
    'Basic checks first, then the pool',
  ])('do not mangle ordinary text: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('redact everything the secretlint recommended preset finds in the samples', async () => {
    const content = samples.map(([, text]) => text).join('\n');
    const result = await lintSource({
      source: {filePath: '/samples.txt', content, contentType: 'text', ext: '.txt'},
      options: {
        config: {rules: [{id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended}]},
      },
    });
    expect(result.messages.length).toBeGreaterThan(0);
    const redacted = redactSecrets(content);
    for (const message of result.messages) {
      const found = content.slice(message.range[0], message.range[1]);
      expect(redacted, `${message.ruleId}: ${found}`).not.toContain(found);
    }
  });

  it('remove a known value, and a known letters-only value only as a whole word', async () => {
    const {SecretRegistry} = await import('../../source/secrets/secret-registry');
    const registry = new SecretRegistry();
    registry.add(['create', 'p4ss-w0rd']);
    expect(registry.redact('recreate with create and p4ss-w0rd')).toBe(
      'recreate with [redacted] and [redacted]',
    );
  });

  it('find secrets known only by keyed hash by sliding a window over the text', async () => {
    const {SecretRegistry, keyedHash} = await import('../../source/secrets/secret-registry');
    const key = Buffer.from('a key of the shared list, 32 b.');
    const registry = new SecretRegistry();
    registry.addHashed({key, secrets: [{length: 9, hash: keyedHash(key, 'p4ss-w0rd')}]});
    expect(registry.redact('it is p4ss-w0rd and "p4ss-w0rd", twice')).toBe(
      'it is [redacted] and "[redacted]", twice',
    );
    expect(registry.redact('PGPASSWORD=p4ss-w0rd psql')).toBe('PGPASSWORD=[redacted] psql');
    expect(registry.redact('nothing here')).toBe('nothing here');
  });
});
