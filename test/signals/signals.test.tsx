import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, describe, expect, it} from 'vitest';
import {evaluateAlerts} from '../../source/alerts/alert-rule';
import {allAlertRules} from '../../source/alerts/all-rules';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {type CockpitConfig, cockpitConfigSchema} from '../../source/config/cockpit-config';
import {createSignalProbe} from '../../source/signals/signal-probe';
import {signalRule} from '../../source/signals/signal-rules';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {App} from '../../source/ui/App';
import {ApplicationSettingsProvider} from '../../source/ui/application-settings-context';
import {startController} from '../app/controller-under-test';
import {createTestDatabase, waitFor} from '../helpers/database';
import {renderUi} from '../helpers/render-ui';

const database = await createTestDatabase({
  schema: `
    CREATE TABLE login_attempts (
      id bigserial PRIMARY KEY, email text NOT NULL, success boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO login_attempts (email, success)
    SELECT 'user' || (g % 3) || '@example.com', false FROM generate_series(1, 12) AS g;
    CREATE TABLE ocr_jobs (id bigserial PRIMARY KEY, state text NOT NULL);
    INSERT INTO ocr_jobs (state) SELECT 'queued' FROM generate_series(1, 4);
  `,
});

// An application health endpoint that insists on its token.
const seen: IncomingHttpHeaders[] = [];
const health = createServer((request, response) => {
  seen.push(request.headers);
  if (request.headers.authorization !== 'Bearer health-token-0123456789') {
    response.writeHead(401).end();
    return;
  }
  response.writeHead(200, {'content-type': 'application/json'});
  response.end(JSON.stringify({errors: {rate: 7.5}, breaker: {state: 'open'}}));
});
await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
const healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health`;
afterAll(() => new Promise((resolve) => health.close(resolve)));

const environment = {HEALTH_TOKEN: 'health-token-0123456789'};
const config: CockpitConfig = {
  schema: {tables: {ocr_jobs: 'ocr_jobs'}, columns: {login_attempts: {succeeded: 'success'}}},
  signals: [
    {
      name: 'failed-logins',
      title: 'Failed logins',
      sql: 'SELECT count(*) FROM {{tables.login_attempts}} WHERE NOT {{columns.login_attempts.succeeded}}',
      unit: 'logins',
      warn: 10,
      critical: 50,
      runbook: 'authentication-failures',
    },
    {
      name: 'logins-by-account',
      sql: 'SELECT email, count(*) FROM login_attempts GROUP BY email ORDER BY 1',
      warn: 100,
    },
    {
      name: 'ocr-backlog',
      sql: "SELECT count(*) FROM {{tables.ocr_jobs}} WHERE state = 'queued'",
      warn: 3,
      rate: true,
    },
    {
      name: 'api-error-rate',
      http: {url: healthUrl, headers: {Authorization: {env: 'HEALTH_TOKEN', prefix: 'Bearer '}}},
      path: '$.errors.rate',
      unit: '%',
      warn: 5,
      critical: 20,
    },
    {
      name: 'payment-breaker',
      http: {url: healthUrl, headers: {Authorization: {env: 'HEALTH_TOKEN', prefix: 'Bearer '}}},
      path: '$.breaker.state',
      values: {closed: 0, 'half-open': 1, open: 2},
      warn: 1,
    },
  ],
};
const settings = resolveApplicationSettings(config, environment);
const signalOf = (name: string) => settings.signals.find((signal) => signal.name === name)!;

async function lifelineOn(url: string) {
  const lifeline = new PostgresLifeline(parseConnectionTarget(url));
  lifeline.start();
  await lifeline.waitUntilConnected(10_000);
  afterAll(() => lifeline.close());
  return lifeline;
}
const lifeline = await lifelineOn(database.url);
const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50};

describe('SQL signals', () => {
  it('read one number through the configured names', async () => {
    const snapshot = await createSignalProbe(signalOf('failed-logins')).run(context);
    expect(snapshot).toMatchObject({value: 12, unit: 'logins', labels: []});
  });

  it('read a number per label, the worst being the value', async () => {
    const snapshot = await createSignalProbe(signalOf('logins-by-account')).run(context);
    expect(snapshot.labels).toEqual([
      {label: 'user0@example.com', value: 4},
      {label: 'user1@example.com', value: 4},
      {label: 'user2@example.com', value: 4},
    ]);
    expect(snapshot.value).toBe(4);
  });

  it('refuse a query that is not a plain read, before running it', async () => {
    const writing = resolveApplicationSettings({
      signals: [{name: 'sneaky', sql: 'SELECT pg_terminate_backend(pg_backend_pid())', warn: 1}],
    }).signals[0]!;
    await expect(createSignalProbe(writing).run(context)).rejects.toThrow(
      /signal SQL must be a plain read \(it is a dangerous\)/,
    );
  });
});

describe('HTTP signals', () => {
  it('read a number at a JSON path, with the header taken from the environment', async () => {
    expect(await createSignalProbe(signalOf('api-error-rate')).run(context)).toMatchObject({
      value: 7.5,
    });
    expect(seen.at(-1)?.authorization).toBe('Bearer health-token-0123456789');
    expect(await createSignalProbe(signalOf('payment-breaker')).run(context)).toMatchObject({
      value: 2,
    });
    expect(settings.secrets).toContain('Bearer health-token-0123456789');
  });

  it('never take a header value from the file: a literal is a configuration error', () => {
    const literal = cockpitConfigSchema.safeParse({
      signals: [
        {
          name: 'x',
          http: {url: healthUrl, headers: {Authorization: 'Bearer abc'}},
          path: '$.a',
          warn: 1,
        },
      ],
    });
    expect(literal.success).toBe(false);
    expect(() => resolveApplicationSettings({signals: [config.signals![3]!]}, {})).toThrow(
      'header Authorization reads ${HEALTH_TOKEN}, which is not set',
    );
  });
});

describe('signal alerts', () => {
  it('raise at warn, turn critical, and clear only past the hysteresis value', () => {
    const rule = signalRule(signalOf('failed-logins'));
    const store = createCockpitStore({databaseLabel: 'test'});
    const at = (value: number, now: number) => {
      store.getState().recordProbeOutcome('signal:failed-logins', {
        ok: true,
        data: {name: 'failed-logins', title: 'Failed logins', unit: 'logins', value, labels: []},
        startedAt: now,
        fetchedAt: now,
        durationMs: 1,
      });
      const evaluation = evaluateAlerts([rule], store.getState(), now);
      store.getState().setAlerts(evaluation.alerts);
      return evaluation;
    };
    expect(at(9, 1).raised).toHaveLength(0);
    expect(at(12, 2).raised[0]).toMatchObject({ruleId: 'signal:failed-logins', level: 'warning'});
    expect(at(60, 3).levelChanged[0]).toMatchObject({level: 'critical'});
    expect(at(9, 4).cleared).toHaveLength(0);
    expect(at(7, 5).cleared[0]?.detail).toBe('Failed logins at 7 logins (warn ≥ 10 logins)');
  });

  it('alert on a value below its thresholds when direction is below', () => {
    const [signal] = resolveApplicationSettings({
      signals: [{name: 'cache-hit', sql: 'SELECT 1', warn: 0.9, direction: 'below'}],
    }).signals;
    const rule = signalRule(signal!);
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().recordProbeOutcome('signal:cache-hit', {
      ok: true,
      data: {name: 'cache-hit', title: 'cache-hit', unit: '', value: 0.5, labels: []},
      startedAt: 1,
      fetchedAt: 1,
      durationMs: 1,
    });
    expect(evaluateAlerts([rule], store.getState(), 1).raised).toHaveLength(1);
  });

  it('measure a per-minute rate from the last two samples', () => {
    const rule = signalRule(signalOf('ocr-backlog'));
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().pushSamples(0, {'signal:ocr-backlog': 4});
    expect(rule.measure(store.getState())).toBeUndefined();
    store.getState().pushSamples(30_000, {'signal:ocr-backlog': 10});
    expect(rule.measure(store.getState())).toBe(12);
  });

  it('reach the timeline through the controller, like every other alert', async () => {
    const {store, timelineKinds} = startController(database.url, {application: settings});
    await waitFor(
      () => store.getState().alerts.some((alert) => alert.ruleId === 'signal:api-error-rate'),
      {
        what: 'the api-error-rate alert',
      },
    );
    const entry = await waitFor(() =>
      store
        .getState()
        .timeline.find(
          (item) => item.kind === 'alert.raised' && item.text.includes('Failed logins'),
        ),
    );
    expect(entry!.text).toBe(
      'warning: Failed logins — Failed logins at 12 logins (warn ≥ 10 logins)',
    );
    expect(timelineKinds()).toContain('alert.raised');
    expect(JSON.stringify(store.getState().timeline)).not.toContain('health-token-0123456789');
  });
});

describe('the Signals pane', () => {
  it('shows every signal with its sparkline, value and state, only when signals are configured', async () => {
    const {store} = startController(database.url, {application: settings});
    await waitFor(() =>
      settings.signals.every(
        (signal) => (store.getState().probes as Record<string, {data?: unknown}>)[signal.id]?.data,
      ),
    );
    const ui = await renderUi({
      columns: 200,
      rows: 60,
      store,
      element: (
        <ApplicationSettingsProvider settings={settings}>
          <App />
        </ApplicationSettingsProvider>
      ),
    });
    const frame = await ui.waitForFrame('api-error-rate');
    expect(frame).toContain('Signals');
    expect(frame).toMatch(/Failed logins\s+\S*\s+12 logins\s+warning/);
    expect(frame).toMatch(/api-error-rate\s+\S*\s+7\.50 %\s+warning/);
    expect(frame).toMatch(/logins-by-account.*user0@example\.com: 4/);
    ui.unmount();
    const plain = await renderUi({columns: 200, rows: 60});
    expect(await plain.waitForFrame('Integrations')).not.toContain('Signals');
    plain.unmount();
  });
});

describe('the database-unreachable rule', () => {
  it('raises after the configured seconds without the lifeline, and clears on reconnect', () => {
    const rules = allAlertRules(
      resolveApplicationSettings({alerts: {databaseUnreachableSeconds: 20}}),
    );
    const rule = rules.find((candidate) => candidate.id === 'database-unreachable')!;
    const store = createCockpitStore({databaseLabel: 'test'});
    const down = Date.now() - 25_000;
    store.getState().setDatabaseStatus({
      kind: 'reconnecting',
      attempt: 3,
      nextAttemptAt: Date.now() + 1000,
      lastError: 'connection refused',
      downSince: down,
    });
    const raised = evaluateAlerts([rule], store.getState(), Date.now());
    expect(raised.raised[0]).toMatchObject({ruleId: 'database-unreachable', level: 'warning'});
    store.getState().setAlerts(raised.alerts);
    store
      .getState()
      .setDatabaseStatus({kind: 'connected', since: Date.now(), serverVersion: 170000});
    expect(evaluateAlerts([rule], store.getState(), Date.now()).cleared).toHaveLength(1);
  });
});
