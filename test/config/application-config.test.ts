import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {loadConfig} from '../../source/config/load-config';
import {UsageError} from '../../source/errors';
import {schemaNamesFrom} from '../../source/runbooks/schema-names';

const directory = mkdtempSync(path.join(tmpdir(), 'cockpit-config-'));
const write = (name: string, text: string) => {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
};
const failure = async (file: string, environment: NodeJS.ProcessEnv = {}) => {
  try {
    await loadConfig({explicitPath: file, environment});
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('application configuration', () => {
  it('accepts a full YAML config with environment references for secrets', async () => {
    const file = write(
      'cockpit.config.yaml',
      `supabase:
  url: https://abc.supabase.co
  serviceRoleKey: \${SERVICE_KEY}
panes:
  dlq:
    table: outbox
    columns: {source: topic, error: last_error, payload: message_data}
    deadLetterWhen: {column: status, equals: dead_letter}
    requeue:
      statements: ["UPDATE outbox SET status = 'pending' WHERE {where}"]
  emails:
    statuses: {retryable: [failed, bounced]}
  campaigns:
    stopEndpoint:
      url: https://admin.example.com/api/campaigns/:id/stop
      headers: {Authorization: "Bearer \${ADMIN_TOKEN}"}
integrations:
  functions: [{name: send-email, body: {dryRun: true}, timeoutMs: 2000}]
  http: [{name: api, url: https://api.example.com/health}]
alerts:
  dlqGrowthPerMinute: {raise: 20}
`,
    );
    const {config} = await loadConfig({
      explicitPath: file,
      environment: {SERVICE_KEY: 'service-key-value', ADMIN_TOKEN: 'admin-token-value'},
    });
    const settings = resolveApplicationSettings(config, {});
    expect(settings.dlq).toMatchObject({
      table: 'outbox',
      columns: {source: 'topic', error: 'last_error', payload: 'message_data', retriedAt: null},
      requeueStatements: ["UPDATE outbox SET status = 'pending' WHERE {where}"],
    });
    expect(settings.emails.statuses.retryable).toEqual(['failed', 'bounced']);
    expect(settings.integrations.supabase).toEqual({
      url: 'https://abc.supabase.co',
      serviceRoleKey: 'service-key-value',
    });
    expect(settings.alerts.dlqGrowthPerMinute).toEqual({raise: 20, clear: 1, critical: 50});
    expect(settings.secrets).toEqual([
      'service-key-value',
      'Bearer admin-token-value',
      'admin-token-value',
    ]);
  });

  it('lets SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY beat the file', async () => {
    const settings = resolveApplicationSettings(
      {supabase: {url: 'https://file.supabase.co', serviceRoleKey: 'file-key'}},
      {SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_SERVICE_ROLE_KEY: 'env-key'},
    );
    expect(settings.integrations.supabase).toEqual({
      url: 'http://127.0.0.1:54321',
      serviceRoleKey: 'env-key',
    });
  });

  it('rejects unknown keys naming the file and the key', async () => {
    const file = write('unknown.json', JSON.stringify({panes: {dlq: {colums: {}}}}));
    expect(await failure(file)).toBe(`config file ${file}: panes.dlq: unknown key "colums"`);
  });

  it('rejects wrong types naming the key and what is expected', async () => {
    const file = write(
      'types.json',
      JSON.stringify({integrations: {functions: [{name: 'x', timeoutMs: 'fast'}]}}),
    );
    expect(await failure(file)).toMatch(
      new RegExp(
        `^config file ${file}: integrations\\.functions\\.0\\.timeoutMs: .*expected number`,
      ),
    );
    const badUrl = write(
      'url.json',
      JSON.stringify({panes: {campaigns: {stopEndpoint: {url: 'nope'}}}}),
    );
    const noId = write(
      'no-id.json',
      JSON.stringify({panes: {campaigns: {stopEndpoint: {url: 'https://admin.example.com/stop'}}}}),
    );
    expect(await failure(noId)).toBe(
      `config file ${noId}: panes.campaigns.stopEndpoint.url: expected :id in the URL, where the campaign id goes`,
    );
    expect(await failure(badUrl)).toBe(
      `config file ${badUrl}: panes.campaigns.stopEndpoint.url: expected an http(s) URL`,
    );
  });

  it('rejects a requeue statement without {where}, which would touch every row', async () => {
    const file = write(
      'requeue.json',
      JSON.stringify({panes: {dlq: {requeue: {statements: ['DELETE FROM dead_letter_messages']}}}}),
    );
    expect(await failure(file)).toBe(
      `config file ${file}: panes.dlq.requeue.statements.0: expected {where} in the statement, so it touches only the chosen messages`,
    );
  });

  it('rejects unreadable and missing files, and unset environment references', async () => {
    const locked = write('locked.json', '{}');
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) expect(await failure(locked)).toContain('cannot be read');
    expect(await failure(path.join(directory, 'absent.yaml'))).toContain('no such file');
    const unset = write(
      'unset.json',
      JSON.stringify({supabase: {serviceRoleKey: '${NOT_SET_HERE}'}}),
    );
    expect(await failure(unset)).toBe(
      `config file ${unset}: supabase.serviceRoleKey refers to \${NOT_SET_HERE}, which is not set`,
    );
  });
});

describe('the example configuration file', () => {
  it('is valid', async () => {
    const example = new URL('../../examples/cockpit.config.yaml', import.meta.url).pathname;
    const environment = {
      DATABASE_URL: 'postgres://u:p@localhost/db',
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_SERVICE_ROLE_KEY: 'key',
      ADMIN_API_TOKEN: 'token-value-1234',
    };
    const {config} = await loadConfig({explicitPath: example, environment});
    const settings = resolveApplicationSettings(config, environment);
    expect(settings.dlq.deadLetterWhen).toEqual({column: 'status', equals: 'dead_letter'});
    expect(settings.campaigns.stopEndpoint?.url).toBe(
      'https://admin.example.com/api/campaigns/:id/stop',
    );
    // The outbox's condition and the product's words reach runbook SQL.
    const names = schemaNamesFrom(settings, config.schema);
    expect(names.conditions.dlq).toBe(`("status" = 'dead_letter')`);
    expect(names.statuses.payments?.succeeded).toEqual(['success']);
    expect(names.statuses.campaign_targets?.pending).toEqual(['pending', 'queued']);
  });
});
