import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';
import {builtCliPath as cliPath, type PtySession, startInPty} from '../helpers/pty-session';

// Regression: `cockpit note` from another shell did not know the running cockpit's database
// password and journaled it raw; a note holding the stop-campaign token was stored raw even when
// typed inside the cockpit; the password inside a session's query text showed in probe --json.
const database = await createTestDatabase();
const home = await createCockpitHome();
const password = decodeURIComponent(new URL(database.url).password);
const stopToken = 'stop-token-5f2a9c1e7b44';
const configPath = join(home, 'cockpit.config.json');
writeFileSync(
  configPath,
  JSON.stringify({
    panes: {
      campaigns: {
        stopEndpoint: {
          url: 'http://127.0.0.1:9/campaigns/:id/stop',
          headers: {Authorization: `Bearer ${stopToken}`},
        },
      },
    },
  }),
);

// A session whose query text holds the password, as a careless `ALTER ROLE` or a connection
// string pasted into a comment would.
const leaker = await database.connect('leaker');
const leaking = leaker.query(`select pg_sleep(60) /* pw ${password} */`).catch(() => undefined);
afterAll(async () => {
  await database.query(
    `select pg_cancel_backend(pid) from pg_stat_activity where application_name = 'leaker'`,
  );
  await leaking;
});

let cockpit: PtySession | undefined;
afterEach(() => {
  try {
    cockpit?.kill('SIGKILL');
  } catch {
    // already gone
  }
});

const journalText = () => {
  const directory = join(home, 'incidents');
  const journal = readdirSync(directory).find((name) => name.endsWith('.jsonl'))!;
  return readFileSync(join(directory, journal), 'utf8');
};

describe('secrets the running cockpit knows', () => {
  it('never reach the journal, a note from another shell or an export', async () => {
    expect(password.length).toBeGreaterThanOrEqual(4);
    cockpit = startInPty(['--db', database.url, '--config', configPath, '--new', 'Leak drill'], {
      columns: 160,
      rows: 45,
      env: childEnvironment(home),
    });
    await cockpit.waitForScreen('● connected');

    // A note typed inside the cockpit, holding the stop token.
    cockpit.write('n');
    await cockpit.waitForScreen('Note');
    cockpit.write(`the stop call used ${stopToken} twice\r`);
    await waitFor(() => journalText().includes('the stop call used'), {what: 'the typed note'});
    expect(journalText()).not.toContain(stopToken);

    // `cockpit note` from another shell, which has neither the URL nor the configuration.
    const noted = spawnSync(
      process.execPath,
      [cliPath, 'note', `reset the password ${password} and the token ${stopToken} after this`],
      {env: childEnvironment(home), encoding: 'utf8'},
    );
    expect(noted.stderr).toBe('');
    expect(noted.status).toBe(0);
    const journal = journalText();
    expect(journal).toContain('reset the password [redacted] and the token [redacted] after this');
    expect(journal).not.toContain(password);
    expect(journal).not.toContain(stopToken);

    // The shared list names no secret in clear and is the owner's only.
    const listName = readdirSync(join(home, 'incidents')).find((name) => name.endsWith('.secrets'));
    expect(listName).toBeDefined();
    const listPath = join(home, 'incidents', listName!);
    expect(statSync(listPath).mode & 0o777).toBe(0o600);
    const list = readFileSync(listPath, 'utf8');
    expect(list).not.toContain(password);
    expect(list).not.toContain(stopToken);
    expect(list).not.toContain(encodeURIComponent(password));

    // And the export from a third shell shows neither.
    const exported = spawnSync(
      process.execPath,
      [cliPath, 'incidents', 'export', listName!.replace(/\.secrets$/, ''), '--format', 'json'],
      {env: childEnvironment(home), encoding: 'utf8'},
    );
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('reset the password [redacted]');
    expect(exported.stdout).not.toContain(password);
  });

  it('probe --json shows the query text without the password', () => {
    const probed = spawnSync(process.execPath, [cliPath, 'probe', '--json', '--db', database.url], {
      env: childEnvironment(home),
      encoding: 'utf8',
    });
    expect(probed.stdout).toContain('pg_sleep(60) /* pw [redacted] */');
    expect(probed.stdout).not.toContain(password);
  });
});
