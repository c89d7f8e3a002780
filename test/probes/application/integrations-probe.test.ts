import {afterAll, describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../../source/config/application-settings';
import {parseRetryAfter} from '../../../source/probes/integrations/health-check';
import {createIntegrationsProbe} from '../../../source/probes/integrations/integrations-probe';
import type {ProbeContext} from '../../../source/probes/probe-types';
import {startEdgeFunctionServer} from '../../helpers/edge-function-server';

const server = await startEdgeFunctionServer({
  'send-email': 'ok',
  'stripe-webhook': 'error',
  'campaign-dispatch': 'rate-limited',
  'slow-report': 'hang',
  health: 'ok',
});
afterAll(() => server.close());

const serviceRoleKey = 'test-service-role-key-0123456789';
const settings = resolveApplicationSettings(
  {
    integrations: {
      functions: [
        {name: 'send-email', body: {ping: true}},
        {name: 'stripe-webhook'},
        {name: 'campaign-dispatch', method: 'GET'},
        {name: 'slow-report', timeoutMs: 300},
      ],
      http: [{name: 'api', url: `${server.url}/health`}],
    },
  },
  {SUPABASE_URL: server.url, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey},
);
const context = {} as ProbeContext;

describe('integrations probe against a local edge function server', () => {
  it('reports ok, 500, 429 with Retry-After and a hang past the timeout, through supabase-js', async () => {
    const probe = createIntegrationsProbe(settings.integrations, settings.secrets);
    const snapshot = await probe.run(context);
    if (!snapshot.available) throw new Error(snapshot.reason);
    const byName = Object.fromEntries(snapshot.integrations.map((entry) => [entry.name, entry]));
    expect(byName['send-email']).toMatchObject({
      kind: 'edge-function',
      status: 'ok',
      httpStatus: 200,
    });
    expect(byName['send-email']!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(byName['stripe-webhook']).toMatchObject({
      status: 'down',
      httpStatus: 500,
      lastError: 'HTTP 500: worker boot error ␛[31mcrashed␛[0m',
      consecutiveFailures: 1,
    });
    expect(byName['campaign-dispatch']).toMatchObject({
      status: 'rate-limited',
      httpStatus: 429,
      retryAfterSeconds: 30,
    });
    expect(byName['slow-report']).toMatchObject({
      status: 'down',
      httpStatus: null,
      latencyMs: null,
      lastError: 'no answer within 300 ms',
    });
    expect(byName.api).toMatchObject({kind: 'http', status: 'ok', httpStatus: 200});
    const invoked = server.requests.find((request) => request.path === '/functions/v1/send-email');
    expect(invoked).toMatchObject({method: 'POST', body: '{"ping":true}'});
    expect(invoked?.authorization).toBe(`Bearer ${serviceRoleKey}`);
    expect(JSON.stringify(snapshot)).not.toContain(serviceRoleKey);
  });

  it('counts consecutive failures and keeps the last error after recovery', async () => {
    const probe = createIntegrationsProbe(settings.integrations, settings.secrets);
    await probe.run(context);
    const second = await probe.run(context);
    if (!second.available) throw new Error(second.reason);
    expect(second.integrations.find((entry) => entry.name === 'stripe-webhook')).toMatchObject({
      consecutiveFailures: 2,
    });
    server.setBehaviour('stripe-webhook', 'ok');
    const third = await probe.run(context);
    if (!third.available) throw new Error(third.reason);
    expect(third.integrations.find((entry) => entry.name === 'stripe-webhook')).toMatchObject({
      status: 'ok',
      consecutiveFailures: 0,
      lastError: 'HTTP 500: worker boot error ␛[31mcrashed␛[0m',
    });
  });

  it('says what to configure when nothing or no Supabase project is configured', async () => {
    const none = resolveApplicationSettings();
    expect(await createIntegrationsProbe(none.integrations, []).run(context)).toMatchObject({
      available: false,
      reason: expect.stringContaining('integrations.functions'),
    });
    const noProject = resolveApplicationSettings({integrations: {functions: [{name: 'x'}]}});
    const snapshot = await createIntegrationsProbe(noProject.integrations, []).run(context);
    expect(snapshot).toMatchObject({
      available: true,
      integrations: [{status: 'unconfigured', lastError: expect.stringContaining('SUPABASE_URL')}],
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
