import {readFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import {afterAll, describe, expect, it} from 'vitest';
import {
  requeuePlan,
  retryEmailsPlan,
  stopCampaignPlan,
} from '../../source/actions/application-action-plans';
import {createWritePipeline} from '../../source/actions/write-pipeline';
import {CockpitController} from '../../source/app/cockpit-controller';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {DemoWorld} from '../../source/demo/demo-world';
import {blackFriday} from '../../source/demo/scenarios/black-friday';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {writeReportFile} from '../../source/report/write-report';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';

// A real cockpit run against the demo database: the controller's probes feed the store, the
// session journals what they record, and the report is rendered from that journal at close.
const database = await createTestDatabase();
await seedDemoDatabase(database.url);
const world = new DemoWorld(database.url);
for (let elapsed = 0; elapsed <= 50; elapsed++) await blackFriday.tick(world, elapsed);

// The campaign admin API the stop action calls: a real HTTP server that accepts the stop.
const admin = createServer((request, response) => {
  response.writeHead(request.method === 'POST' ? 202 : 405).end('stopping');
});
await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
const adminUrl = `http://127.0.0.1:${(admin.address() as {port: number}).port}`;

const home = await createCockpitHome();
const application = resolveApplicationSettings({
  panes: {campaigns: {stopEndpoint: {method: 'POST', url: `${adminUrl}/api/campaigns/:id/stop`}}},
});
const store = createCockpitStore({databaseLabel: 'demo', refreshSeconds: 0.5});
const session = new IncidentSession(store, {
  home,
  actor: {user: 'alice', source: 'cockpit'},
  knownSecrets: [],
  metricsEveryMs: 200,
  writeReport: (events) => writeReportFile(home, events),
});
const controller = new CockpitController({
  store,
  timeline: session.timeline,
  application,
  lifeline: {backoff: {initialMs: 100, maxMs: 1000}},
});
const runAction = createWritePipeline({
  lifeline: () => controller.database,
  timeline: session.timeline,
  readOnly: false,
  secrets: [],
}).runApplicationAction;
afterAll(async () => {
  admin.close();
  session.stop();
  await controller.stop();
  await blackFriday.reset(world);
  await world.close();
});

const reportRow = (report: string, label: string) =>
  report.split('\n').find((line) => line.startsWith(`| ${label} |`));

describe('the report of a real cockpit run on the demo database', () => {
  it('names what the probes recorded: peaks with labels and units, results of the actions', async () => {
    await session.open('Checkout failing on Black Friday', 'P1');
    controller.start(parseConnectionTarget(database.url));
    const last = (series: 'locks.waiting' | 'email.failedLast15Minutes') =>
      store.getState().history[series]?.at(-1)?.value ?? 0;
    await waitFor(() => last('locks.waiting') > 0 && last('email.failedLast15Minutes') > 0, {
      what: 'lock waits and failed emails in the store',
      timeoutMs: 20_000,
    });
    const deadLetters = await waitFor(() => {
      const snapshot = store.getState().probes.dlq?.data;
      return snapshot?.available ? snapshot.recent[0] : undefined;
    });
    if (!deadLetters) throw new Error('no dead letter in the demo');
    const requeue = requeuePlan(application.dlq, {messageId: deadLetters.id});
    const retry = retryEmailsPlan(application.emails, {all: true});
    if (!('request' in requeue) || !('request' in retry)) throw new Error('no demo action plan');
    expect((await runAction(requeue.request, 'execute')).ok).toBe(true);
    await runAction(retry.request, 'cancel');
    const stop = stopCampaignPlan(application.campaigns, {id: '1', name: 'Black Friday'});
    if (!('request' in stop)) throw new Error(stop.unavailable);
    expect((await runAction(stop.request, 'execute')).ok).toBe(true);

    const actions = incidentActionsOf(session, {zone: 'utc'});
    const reportPath = (
      await actions.close({impact: 'checkout errors', rootCause: 'leak'})
    ).replace(/^.*report written to /, '');
    const report = await readFile(reportPath, 'utf8');

    const blocked = reportRow(report, 'Sessions waiting on a lock');
    expect(blocked).toMatch(/\| [1-9]\d* sessions \|/);
    expect(reportRow(report, 'Emails failed in the last 15 minutes')).toMatch(
      /\| [1-9]\d* emails \|/,
    );
    expect(reportRow(report, 'Connections in use')).toMatch(/\| [1-9]\d* connections \|/);
    expect(report).not.toMatch(/\| (Peak [a-z]|Most sessions blocked|Email failures)/);
    // Every row of the key metrics reads as a label and a value with its unit (or not measured).
    const metrics = report.slice(report.indexOf('## Key metrics'), report.indexOf('## Root cause'));
    for (const row of metrics
      .split('\n')
      .filter((line) => /^\| [A-Z]/.test(line))
      .slice(1))
      expect(row).toMatch(/^\| [A-Z][^.|]+ \| (\d+(\.\d+)? [a-z ]+|not measured) \|/);

    expect(report).toMatch(/### .* — Requeued dead letters \(alice\)\n\nRequeue dead letter .*\n/);
    expect(report).toContain('Result: 1 row(s) changed');
    expect(report).not.toContain('action.action.');
    expect(report).toMatch(/\| Not confirmed \(retried emails\): Retry /);
    expect(report).toMatch(
      /— Not confirmed \(retried emails\) \(alice\)\n\nRetry every failed email of the last hour\n\nResult: not run: declined/,
    );
    expect(report).toMatch(
      /— Stopped a campaign \(alice\)\n\nStop campaign "Black Friday" \(1\): HTTP 202 stopping\n\nResult: HTTP 202\n/,
    );
    expect(report).not.toContain('Result: not recorded');
  }, 60_000);
});
