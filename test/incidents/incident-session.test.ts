import {spawn} from 'node:child_process';
import {readFile, rm} from 'node:fs/promises';
import {describe, expect, it} from 'vitest';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {knownSecretsOf} from '../../source/journal/redact-event-data';
import {renderJsonExport} from '../../source/report/json-export';
import {renderMarkdownReport} from '../../source/report/markdown-report';
import {writeReportFile} from '../../source/report/write-report';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {buildCli} from '../helpers/bundle-script';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {waitFor} from '../helpers/database';

const password = 'Pa55-w0rd-planted';
const serviceKey = 'svc-role-key-planted-0123456789';
const databaseUrl = `postgres://cockpit:${password}@db.example.com:6543/postgres`;
const cli = await buildCli();

function newSession(
  home: string,
  environment: NodeJS.ProcessEnv = {},
  onWarning?: (warning: string) => void,
) {
  const store = createCockpitStore({databaseLabel: 'test'});
  const knownSecrets = knownSecretsOf(environment, [databaseUrl]);
  const session = new IncidentSession(store, {
    home,
    actor: {user: 'alice', source: 'cockpit'},
    knownSecrets,
    metricsEveryMs: 60_000,
    onWarning,
    writeReport: (events) => writeReportFile(home, events, knownSecrets),
  });
  return {store, session};
}

function runCli(
  args: string[],
  home: string,
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {env: childEnvironment(home)});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({code, stdout, stderr}));
  });
}

describe('IncidentSession', () => {
  it('shows a note written by `cockpit note` in another process within a second', async () => {
    const home = await createCockpitHome();
    const {store, session} = newSession(home);
    await session.open('DB connection exhaustion', 'P1');
    const result = await runCli(['note', 'restarted the worker pool', '--tag', 'fix'], home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const entry = await waitFor(
      () =>
        store
          .getState()
          .timeline.find((candidate) => candidate.text.includes('restarted the worker pool')),
      {timeoutMs: 1000, intervalMs: 20, what: 'the note in the running cockpit'},
    );
    expect(entry?.actor).toMatch(/\(note\)$/);
    expect(entry?.text).toContain('#fix');
    session.stop();
  });

  it('resumes the open incident with its timeline, and carries earlier screen events into a new one', async () => {
    const home = await createCockpitHome();
    const first = newSession(home);
    await first.session.timeline.record({
      kind: 'alert.raised',
      text: 'critical: connections at 96%',
      data: {ruleId: 'connection-saturation'},
    });
    const id = await first.session.open('Checkout failing', 'P0');
    await first.session.timeline.record({
      kind: 'action.terminate',
      text: 'terminated pid 4242',
      data: {outcome: '1 backend terminated'},
    });
    first.session.stop();
    const second = newSession(home);
    expect(await second.session.resume()).toBe(true);
    const state = second.store.getState();
    expect(state.incident).toMatchObject({id, severity: 'P0', status: 'investigating'});
    // In the order things happened: the alert carried over keeps its earlier time (it may share
    // the opening's millisecond, when journal order decides).
    expect(state.timeline.map((entry) => entry.kind).sort()).toEqual([
      'action.terminate',
      'alert.raised',
      'opened',
    ]);
    const times = state.timeline.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((left, right) => left - right));
    expect(state.timeline.at(-1)?.kind).toBe('action.terminate');
    expect(second.session.events[1]?.data).toMatchObject({
      ruleId: 'connection-saturation',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    second.session.stop();
  });

  it('makes the incident id, which names the file, from the title without its secrets', async () => {
    const home = await createCockpitHome();
    const {session} = newSession(home, {});
    const id = await session.open('DB down postgres://admin:hunter2pw@db.example.com/x', 'P1');
    expect(id).not.toContain('hunter2pw');
    expect(id).toMatch(/-db-down-postgres-admin-redacted-db-example-com-x$/);
    session.stop();
  });

  it('keeps a secret planted in a database URL, an error message and a note out of the journal, report and export', async () => {
    const home = await createCockpitHome();
    const environment = {SUPABASE_SERVICE_ROLE_KEY: serviceKey};
    const {session} = newSession(home, environment);
    await session.open('Secrets stay out', 'P2');
    await session.timeline.record({
      kind: 'database.outage',
      text: `cannot reach ${databaseUrl}: timeout`,
    });
    await session.timeline.record({
      kind: 'probe.outage',
      text: `error: password authentication failed, key=${serviceKey}`,
    });
    await session.timeline.record({
      kind: 'note',
      text: `the password was ${password} and the key ${serviceKey} #rootcause`,
    });
    await session.timeline.record({
      kind: 'runbook.step.run',
      text: 'checked',
      data: {sql: `SELECT '${password}'`, result: '1 row'},
    });
    const events = [...session.events];
    const path = await session.close({
      impact: `all checkouts via ${databaseUrl}`,
      rootCause: `leaked ${password}`,
    });
    const journal = await readFile(path.replace(/\.md$/, '.jsonl'), 'utf8');
    const report = await readFile(path, 'utf8');
    const json = renderJsonExport(events);
    for (const text of [journal, report, json, renderMarkdownReport(events)]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(serviceKey);
    }
    expect(journal).toContain('[redacted]');
  });

  it('keeps an event it could not write on screen, marked as held, with a warning instead of a crash', async () => {
    const home = await createCockpitHome();
    const warnings: string[] = [];
    const {store, session} = newSession(home, {}, (warning) => warnings.push(warning));
    await session.open('Disk trouble', 'P3');
    await rm(home, {recursive: true, force: true});
    await expect(
      session.timeline.record({kind: 'alert.raised', text: 'still shown'}),
    ).resolves.toBeUndefined();
    expect(store.getState().timeline.at(-1)?.text).toBe('[held in memory] still shown');
    expect(warnings.join('\n')).toMatch(/cannot write the journal, keeping events in memory/);
    expect(store.getState().incident?.unjournaled?.count).toBe(1);
    session.stop();
  });

  it('runs the screen actions through the journal: open, note, severity, status, role, milestone, close', async () => {
    const home = await createCockpitHome();
    const {store, session} = newSession(home);
    const now = () => Date.parse('2026-11-26T15:00:00.000Z');
    const actions = incidentActionsOf(session, {zone: 'utc', now});
    await expect(actions.note('too early')).rejects.toThrow(/no incident is open/);
    await expect(actions.setSeverity('P0')).rejects.toThrow(/no incident is open/);
    expect(await actions.open('Emails bouncing', 'P3')).toMatch(/^opened incident \d{4}-/);
    expect(await actions.note('SMTP quota hit #rootcause', '14:40')).toMatch(/^note \d+ written$/);
    expect(await actions.setSeverity('P1')).toBe('severity P3 → P1');
    expect(await actions.setSeverity('P1')).toBe('severity is already P1');
    expect(await actions.setStatus('identified')).toBe('status investigating → identified');
    expect(await actions.assignRole('liaison', ' erin ')).toBe('liaison: erin');
    expect(await actions.markMilestone('detected', '14:35')).toBe('milestone detected recorded');
    expect(session.incident).toMatchObject({
      severity: 'P1',
      status: 'identified',
      roles: {liaison: 'erin'},
      milestones: {detected: '2026-11-26T14:35:00.000Z'},
    });
    const note = session.events.find((event) => event.type === 'note');
    expect(note?.data).toMatchObject({tags: ['rootcause'], occurredAt: '2026-11-26T14:40:00.000Z'});
    expect(await actions.close({impact: 'no receipts for 20 min', rootCause: 'quota'})).toMatch(
      /report written to .*\.md$/,
    );
    expect(store.getState().incident).toBeUndefined();
    expect(session.reportPath && (await readFile(session.reportPath, 'utf8'))).toContain(
      'SMTP quota hit',
    );
  });
});
