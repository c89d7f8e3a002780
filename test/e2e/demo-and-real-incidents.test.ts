import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {demoHome} from '../../source/commands/demo-command';
import {listIncidentIds, readIncident} from '../../source/incidents/incident-catalog';
import {IncidentSession} from '../../source/incidents/incident-session';
import {targetOf} from '../../source/incidents/incident-target';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';
import {type PtySession, startInPty} from '../helpers/pty-session';

// The real cockpit, on the embedded PostgreSQL, beside incidents left open by the demo and by
// a cockpit watching another database.
const database = await createTestDatabase();
const password = decodeURIComponent(new URL(database.url).password);
const url = new URL(database.url);
// The label the cockpit shows and records for this database: user@host:port/database.
const label = `${url.username}@${url.hostname}:${url.port}${url.pathname}`;

let cockpit: PtySession | undefined;
afterEach(() => {
  try {
    cockpit?.kill('SIGKILL');
  } catch {
    // already gone
  }
  cockpit = undefined;
});

/** An incident opened and left open in `home`, as a cockpit on `target` would leave it. */
async function leaveOpen(home: string, target: string, title: string): Promise<string> {
  const session = new IncidentSession(createCockpitStore({databaseLabel: target}), {
    home,
    actor: {user: 'alice', source: 'cockpit'},
    knownSecrets: [],
    metricsEveryMs: 60_000,
    writeReport: async () => '',
    target,
  });
  const id = await session.open(title, 'P2');
  session.stop();
  return id;
}

/** A home with a configuration whose one signal is always over its threshold (an alert at once). */
async function homeWithAlert(): Promise<{home: string; config: string}> {
  const home = await createCockpitHome();
  const config = join(home, 'cockpit.config.json');
  writeFileSync(
    config,
    JSON.stringify({signals: [{name: 'always-high', sql: 'SELECT 5', warn: 1}]}),
  );
  return {home, config};
}

function start(home: string, config: string): PtySession {
  cockpit = startInPty(['--db', database.url, '--config', config], {
    columns: 200,
    rows: 50,
    env: childEnvironment(home),
  });
  return cockpit;
}

async function eventsOf(home: string, id: string) {
  return (await readIncident(home, id))!.events;
}

describe('the demo never mixes with a real incident', () => {
  it('a cockpit on a real database does not resume the open demo incident', async () => {
    const {home, config} = await homeWithAlert();
    const demoIncident = await leaveOpen(
      demoHome({COCKPIT_HOME: home}),
      'postgres@127.0.0.1:54329/cockpit_demo',
      'Demo: dead letters piling up',
    );
    const demoEventsBefore = (await eventsOf(demoHome({COCKPIT_HOME: home}), demoIncident)).length;
    const session = start(home, config);
    await session.waitForScreen('● connected');
    // The alert is raised (the timeline shows it) and the header still offers a new incident.
    await session.waitForScreen((screen) => screen.includes('always-high'));
    const screen = await session.waitForScreen('no incident (o opens one)');
    expect(screen).not.toContain('Demo: dead letters');
    expect(screen).not.toContain('is open on');
    session.kill('SIGTERM');
    await session.exited;
    // Nothing of the real database reached the demo's journal, and no real incident was made.
    const demoEvents = await eventsOf(demoHome({COCKPIT_HOME: home}), demoIncident);
    expect(demoEvents).toHaveLength(demoEventsBefore);
    expect(JSON.stringify(demoEvents)).not.toContain(label);
    expect(await listIncidentIds(home)).toEqual([]);
  });

  it('names an incident opened against another database instead of resuming it; :resume keeps it', async () => {
    const {home, config} = await homeWithAlert();
    const other = 'oncall@db-other.example.com:5432/app';
    const id = await leaveOpen(home, other, 'Queue growing on the other database');
    const session = start(home, config);
    // The header names it (its id cut to fit), and says what to do.
    await session.waitForScreen(`is open on ${other}: o opens a new one, :resume keeps it`);
    await session.waitForScreen('● connected');
    // Not resumed silently: alerts raised meanwhile do not go into it.
    await session.waitForScreen((screen) => screen.includes('always-high'));
    expect((await eventsOf(home, id)).some((event) => event.type.startsWith('alert'))).toBe(false);

    session.write(':resume\r');
    await session.waitForScreen(`resumed incident ${id}, opened on ${other}`);
    await session.waitForScreen('Queue growing on the other database');
    session.kill('SIGTERM');
    await session.exited;
    const events = await eventsOf(home, id);
    expect(targetOf((await readIncident(home, id))!)).toBe(other);
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it('o opens a new incident for this database: its opened event and every alert carry the label, never the password', async () => {
    const {home, config} = await homeWithAlert();
    const other = 'oncall@db-other.example.com:5432/app';
    const elsewhere = await leaveOpen(home, other, 'Queue growing on the other database');
    const session = start(home, config);
    await session.waitForScreen(`is open on ${other}`);
    await session.waitForScreen('● connected');
    session.write('o');
    await session.waitForScreen('title');
    session.write('Checkout slow\r');
    await session.waitForScreen('Medium: respond within 4 hours');
    session.write('2\r');
    const opened = await waitFor(
      async () => (await listIncidentIds(home)).find((candidate) => candidate !== elsewhere),
      {what: 'the new incident'},
    );
    await session.waitForScreen((screen) => !screen.includes('is open on'));
    // The signal's alert is raised again into the new incident (or was, if it came first).
    const alerts = await waitFor(
      async () => {
        const events = await eventsOf(home, opened!);
        const found = events.filter((event) => event.type.startsWith('alert'));
        return found.length > 0 ? found : undefined;
      },
      {what: 'an alert in the new incident', timeoutMs: 20_000},
    );
    session.kill('SIGTERM');
    await session.exited;
    const stored = (await readIncident(home, opened!))!;
    expect(targetOf(stored)).toBe(label);
    expect(alerts!.every((event) => event.data.target === label)).toBe(true);
    expect(JSON.stringify(stored.events)).not.toContain(password);
    // The incident opened elsewhere is left as it was: open, for its own database.
    expect((await readIncident(home, elsewhere))!.incident.closedAt).toBeUndefined();
  });
});

describe('a demo incident closed', () => {
  it('writes its report beside its journal, in the demo home', async () => {
    const home = await createCockpitHome();
    cockpit = startInPty(['demo', '--scenario', 'quiet-day', '--new', 'Demo close drill'], {
      columns: 120,
      rows: 36,
      env: childEnvironment(home),
    });
    await cockpit.waitForScreen('Demo close drill');
    cockpit.write('x');
    await cockpit.waitForScreen('impact:');
    cockpit.write('none, a drill\r');
    await cockpit.waitForScreen('root-cause summary:');
    cockpit.write('practice\r');
    await cockpit.waitForScreen('close and write the report?');
    cockpit.write('\u001b[C\r');
    await cockpit.waitForScreen('no incident (o opens one)');
    cockpit.write('q');
    expect((await cockpit.exited).exitCode).toBe(0);
    const [id] = await listIncidentIds(demoHome({COCKPIT_HOME: home}));
    const report = join(demoHome({COCKPIT_HOME: home}), 'incidents', `${id}.md`);
    expect(cockpit.output()).toContain(`Incident report: ${report}`);
    expect(readFileSync(report, 'utf8')).toContain('# Incident report: Demo close drill');
  }, 60_000);
});
