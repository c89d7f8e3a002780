import {createServer, type Socket} from 'node:net';
import {afterAll, describe, expect, it} from 'vitest';
import {runIncidents} from '../../source/commands/incidents-command';
import {runProbeCommand} from '../../source/commands/probe-command';
import {refreshSecondsFrom} from '../../source/commands/shared-flags';
import {describeError} from '../../source/errors';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {writeReportFile} from '../../source/report/write-report';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';

// A database without the application's tables: every application pane has nothing to read.
const database = await createTestDatabase();

const messageOf = async (run: () => unknown) => {
  try {
    await run();
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected an error');
};

describe('cockpit probe tells the truth', () => {
  it('says a pane whose table is missing is not available, in text as in JSON', async () => {
    let text = '';
    await runProbeCommand({db: database.url, json: false}, {}, (chunk) => {
      text += chunk;
    });
    expect(text).toMatch(
      /^Dead letters: not available: table dead_letter_messages does not exist/m,
    );
    expect(text).not.toMatch(/^Dead letters: ok/m);
    let json = '';
    await runProbeCommand({db: database.url, json: true}, {}, (chunk) => {
      json += chunk;
    });
    expect(JSON.parse(json).dlq).toMatchObject({ok: true, available: false});
  });

  it('writes the 64-bit query id as a string, every digit kept', async () => {
    const sleeper = await database.connect('query-id-sleeper');
    await sleeper.query('SET compute_query_id = on');
    const sleeping = sleeper.query('SELECT pg_sleep(30) /* query id */').catch(() => undefined);
    const rows = await waitFor(
      async () => {
        const rows = await database.query<{pid: number; id: string}>(
          `SELECT pid, query_id::text AS id FROM pg_stat_activity
           WHERE application_name = 'query-id-sleeper' AND state = 'active' AND query_id IS NOT NULL`,
        );
        return rows.length > 0 ? rows : undefined;
      },
      {what: 'the sleeping query with its query id'},
    );
    const row = rows?.[0];
    if (!row) throw new Error('no sleeping query');
    let json = '';
    await runProbeCommand({db: database.url, json: true}, {}, (chunk) => {
      json += chunk;
    });
    const session = JSON.parse(json).connections.longRunning.find(
      (candidate: {pid: number}) => candidate.pid === row!.pid,
    );
    expect(session.queryId).toBe(row!.id);
    expect(json).toContain(`"queryId": "${row!.id}"`);
    await database.query(`SELECT pg_cancel_backend(${row!.pid})`);
    await sleeping;
  });
});

describe('messages name what was wrong and what to do', () => {
  it('names the scheme of a URL that is not PostgreSQL, without the rest of it', async () => {
    const message = await messageOf(() => parseConnectionTarget('mysql://root:hunter2@db/shop'));
    expect(message).toContain('(got a mysql:// URL)');
    expect(message).toContain('pass postgres://');
    expect(message).not.toContain('hunter2');
  });

  it('quotes a --refresh that is not a number', async () => {
    expect(await messageOf(() => refreshSecondsFrom('abc', undefined))).toBe(
      '--refresh must be a number of seconds (got "abc") — pass a number from 0.5 to 10, such as --refresh 2',
    );
    expect(await messageOf(() => refreshSecondsFrom('0', undefined))).toContain('(got 0)');
    expect(refreshSecondsFrom('0.5', undefined)).toBe(0.5);
  });

  it('names the host and the time waited when the server never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const port = (silent.address() as {port: number}).port;
    const message = await messageOf(() =>
      runProbeCommand(
        {db: `postgres://cockpit:pw@127.0.0.1:${port}/shop`, json: false},
        {},
        () => undefined,
        {connectWaitMs: 1500},
      ),
    );
    expect(message).toContain(`cannot reach cockpit@127.0.0.1:${port}/shop`);
    expect(message).toContain('no connection within 1.5 s');
    expect(message).toMatch(/check the host and port/);
  });

  it('blames the --out directory, not the state directory, for an export it cannot write', async () => {
    const home = await createCockpitHome();
    const session = new IncidentSession(createCockpitStore({databaseLabel: 'x'}), {
      home,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      writeReport: (events) => writeReportFile(home, events),
    });
    const id = await session.open('Export target', 'P3');
    session.stop();
    const message = await messageOf(() =>
      runIncidents(
        {subcommand: 'export', id, json: false, out: '/nonexistent/x.md', localTime: false},
        {COCKPIT_HOME: home},
      ),
    );
    expect(message).toContain(
      'cannot write --out /nonexistent/x.md: the directory /nonexistent does not exist',
    );
    expect(message).not.toContain('COCKPIT_HOME');
  });

  it('answers a wrong time typed on screen without naming a command-line flag', async () => {
    const home = await createCockpitHome();
    const session = new IncidentSession(createCockpitStore({databaseLabel: 'x'}), {
      home,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      writeReport: (events) => writeReportFile(home, events),
    });
    await session.open('Milestone time', 'P3');
    const actions = incidentActionsOf(session, {zone: 'utc'});
    const message = await messageOf(() => actions.markMilestone('detected', '25:99'));
    expect(message).toBe(
      'the time must be a time of day as HH:MM, such as 14:02 (got "25:99") — hours go from 00 to 23 and minutes from 00 to 59',
    );
    expect(await messageOf(() => actions.note('late', '7pm'))).not.toContain('--at');
    session.stop();
  });
});
