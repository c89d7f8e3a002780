import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {journalSecrets} from '../../source/commands/journal-secrets';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {writeReportFile} from '../../source/report/write-report';
import {shareProtocolVersion} from '../../source/share/protocol';
import type {ShareHost} from '../../source/share/share-host';
import {shareSetupFrom} from '../../source/share/share-setup';
import {startSharing} from '../../source/share/start-sharing';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {createCockpitHome} from '../helpers/cockpit-home';
import {rawPeer, waitFor} from './share-harness';

const home = await createCockpitHome();
const configPassword = 'config-Pa55-planted';
const environmentPassword = 'env-pgpassword-planted';
const serviceRoleKey = 'service-role-key-planted-0123456789';
const databasePassword = 'dburl-secret-planted';
const runbookSecret = 'runbook-api-key-planted';
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJlLXBsYW50ZWQ';
const configPath = path.join(home, 'cockpit.config.json');
writeFileSync(
  configPath,
  JSON.stringify({database: {url: `postgres://cockpit:${configPassword}@db.internal:5432/app`}}),
);
const environment: NodeJS.ProcessEnv = {
  COCKPIT_HOME: home,
  DATABASE_URL: `postgres://app:${databasePassword}@db.internal:6543/postgres`,
  PGPASSWORD: environmentPassword,
  SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
};

let host: ShareHost | undefined;
afterEach(async () => {
  await host?.stop();
});

describe('what a viewer receives', () => {
  it('holds no secret from the host configuration, environment, journal or share token', async () => {
    const store = createCockpitStore({databaseLabel: 'app@db.internal:6543/postgres'});
    const knownSecrets = await journalSecrets({environment, configPath});
    const session = new IncidentSession(store, {
      home,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets,
      writeReport: (events) => writeReportFile(home, events, knownSecrets),
      metricsEveryMs: 60_000,
    });
    await session.resume();
    await session.open('checkout errors', 'P1');
    const incident = incidentActionsOf(session, {zone: 'utc'});
    await incident.note(`tried ${environment.DATABASE_URL} with key ${serviceRoleKey}`);
    const setup = shareSetupFrom({share: '127.0.0.1:0'})!;
    host = await startSharing({
      store,
      setup,
      knownSecrets,
      record: (event) => session.timeline.record(event),
    });
    const url = store.getState().share.host!.joinCommand.split(' ')[2]!;
    // Secrets that reach the store without going through the journal: probe data, runbook state.
    store.getState().recordProbeOutcome('connections', {
      ok: true,
      startedAt: 1,
      fetchedAt: 2,
      durationMs: 1,
      data: {
        longRunning: [
          {pid: 7, query: `ALTER ROLE app PASSWORD '${configPassword}'`},
          {pid: 8, query: `SELECT auth('Bearer ${jwt}', '${environmentPassword}')`},
        ],
      },
    });
    store.setState((state) => ({
      runbook: {
        ...state.runbook,
        values: {api_key: runbookSecret, user_email: 'someone@example.com'},
        results: {
          'step-1': {
            summary: `used ${runbookSecret}`,
            tone: 'ok',
            columns: ['k'],
            rows: [[runbookSecret]],
          },
        },
      },
    }));

    const peer = await rawPeer(url);
    peer.send(
      JSON.stringify({
        type: 'hello',
        protocol: shareProtocolVersion,
        token: setup.token,
        name: 'grep',
      }),
    );
    await waitFor(() => peer.frames.some((frame) => frame.includes('"welcome"')), 'welcome');
    // After the welcome, secrets arriving later must stay out of the patches too.
    await incident.note(`second try postgres://cockpit:${configPassword}@db.internal:5432/app`);
    await session.timeline.record({kind: 'database.outage', text: `auth failed for ${jwt}`});
    await waitFor(
      () => peer.frames.some((frame) => frame.includes('auth failed for')),
      'the patch with the outage',
    );
    const received = peer.frames.join('\n');
    expect(received).toContain('checkout errors');
    for (const secret of [
      configPassword,
      environmentPassword,
      serviceRoleKey,
      databasePassword,
      runbookSecret,
      jwt,
      setup.token,
    ])
      expect(received).not.toContain(secret);
    session.stop();
  });
});
