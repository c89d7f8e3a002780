import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {IncidentJournal} from '../../source/journal/incident-journal';
import type {EventInput} from '../../source/journal/journal-event';
import {ensureIncidentsDirectory, journalPathOf} from '../../source/journal/state-directory';
import {buildCli} from '../helpers/bundle-script';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';

const cli = await buildCli();
const home = await createCockpitHome();
const id = '2026-11-26-2350-db-connection-exhaustion';

beforeAll(async () => {
  await ensureIncidentsDirectory(home);
  // A fixed clock: 23:50 UTC, one minute per event, so the incident crosses midnight.
  let minute = 0;
  const now = () => Date.parse('2026-11-26T23:50:00.000Z') + 60_000 * minute++;
  const journal = await IncidentJournal.create(
    journalPathOf(home, id),
    {type: 'opened', data: {id, title: 'DB connection exhaustion', severity: 'P1'}},
    {actor: {user: 'alice', source: 'cockpit'}, now},
  );
  const events: EventInput[] = [
    {
      type: 'alert.raised',
      data: {text: 'critical: connections at 97%', ruleId: 'connection-saturation'},
    },
    {type: 'role.assigned', data: {role: 'scribe', person: 'bob'}},
    {
      type: 'note',
      data: {
        text: 'pool leak in | the worker <script>',
        tags: ['rootcause'],
        occurredAt: '2026-11-26T23:45:00.000Z',
      },
    },
    {
      type: 'action',
      data: {
        action: 'terminate',
        text: 'terminated 12 idle sessions',
        sql: 'SELECT pg_terminate_backend(pid) FROM x',
        outcome: '12 terminated',
      },
    },
    {
      type: 'metrics',
      data: {series: {'connections.total': 97, 'dlq.depth': 1200}, windowSeconds: 60},
    },
    {type: 'status.changed', data: {from: 'investigating', to: 'monitoring'}},
    {type: 'alert.cleared', data: {text: 'cleared', ruleId: 'connection-saturation'}},
    {type: 'note', data: {text: 'add a pool size alarm', tags: ['followup']}},
    {type: 'impact.set', data: {impact: 'checkout failed'}},
  ];
  for (const event of events) await journal.append(event);
  await journal.append({
    type: 'closed',
    data: {impact: 'checkout failed for 8 minutes', rootCause: 'worker leaked connections'},
  });
}, 120_000);

function runCli(args: string[], environment = childEnvironment(home)) {
  return new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {env: environment});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({code, stdout, stderr}));
  });
}

describe('cockpit incidents', () => {
  it('ls --json lists {id, title, severity, status, openedAt, closedAt}', async () => {
    const result = await runCli(['incidents', 'ls', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id,
        title: 'DB connection exhaustion',
        severity: 'P1',
        status: 'resolved',
        openedAt: '2026-11-26T23:50:00.000Z',
        closedAt: '2026-11-27T00:00:00.000Z',
      },
    ]);
  });

  it('exports the same bytes every time, in Markdown and JSON', async () => {
    const [first, second] = [
      await runCli(['incidents', 'export', id]),
      await runCli(['incidents', 'export', id, '--format', 'md']),
    ];
    expect(first.stdout).toBe(second.stdout);
    const out = join(home, 'export.json');
    await runCli(['incidents', 'export', id, '--format', 'json', '--out', out]);
    const again = await runCli(['incidents', 'export', id, '--format', 'json']);
    expect(await readFile(out, 'utf8')).toBe(again.stdout);
    const exported = JSON.parse(again.stdout);
    expect(exported.incident).toMatchObject({
      id,
      status: 'resolved',
      roles: {commander: 'alice', scribe: 'bob'},
    });
    expect(exported.events).toHaveLength(11);
  });

  it('writes a report with the sections the postmortem needs, user text escaped', async () => {
    const {stdout} = await runCli(['incidents', 'export', id]);
    expect(stdout).toContain('# Incident report: DB connection exhaustion');
    expect(stdout).toContain('- **Start:** 2026-11-26 23:50:00 UTC');
    expect(stdout).toContain('- **End:** 2026-11-27 00:00:00 UTC');
    expect(stdout).toContain('- **Duration:** 10m00s');
    expect(stdout).toContain('pool leak in \\| the worker &lt;script&gt;');
    expect(stdout).toContain(
      '| 2026-11-26 23:45:00 UTC (noted 2026-11-26 23:53:00 UTC) | -5m00s | alice |',
    );
    expect(stdout).toMatch(/\| 2026-11-26 23:51:00 UTC \| 2026-11-26 23:57:00 UTC \| 6m00s \|/);
    expect(stdout).toContain('| Connections in use | 97 connections |');
    expect(stdout).toContain('| Dead letters queued | 1200 messages |');
    expect(stdout).toContain('SELECT pg_terminate_backend(pid) FROM x');
    expect(stdout).toContain('Result: 12 terminated');
    expect(stdout).toContain('- [ ] add a pool size alarm');
    expect(stdout).toContain('worker leaked connections');
    expect(stdout).toContain('## Lessons learned');
    expect(stdout).toContain('Impact: checkout failed for 8 minutes');
    expect(stdout).toContain('Time to mitigate (from detection): 6m00s');
  });

  it('show prints the incident and its timeline', async () => {
    const result = await runCli(['incidents', 'show', id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('title:   DB connection exhaustion');
    expect(result.stdout).toContain('2026-11-27 00:00:00 UTC  alice  closed');
  });

  it('fails in one line for an unknown incident and for a note with no incident open', async () => {
    const missing = await runCli(['incidents', 'show', '2026-01-01-0000-nothing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const note = await runCli(['note', 'anyone there?']);
    expect(note.code).toBe(1);
    expect(note.stderr).toMatch(
      /^cockpit: no incident is open in .* — open one with cockpit --new/,
    );
    expect(note.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects flags that belong to another command', async () => {
    const result = await runCli(['incidents', 'ls', '--tag', 'fix']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tag does not belong to cockpit incidents');
  });
});
