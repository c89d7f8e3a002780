import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import schema from '../../source/demo/schema.sql';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase} from '../helpers/database';
import {type PtySession, startInPty} from '../helpers/pty-session';

const database = await createTestDatabase({schema});
const home = await createCockpitHome();
const plantedEmail = 'alice.planted@example.com';
await database.query(
  `INSERT INTO email_log (recipient, status, error_message, retry_count)
   VALUES ($1, 'failed', $2, 1)`,
  [plantedEmail, `550 rejected <${plantedEmail}>`],
);
const tokenFile = path.join(home, 'share-token');
const token = 'e2e-share-token-from-a-file-0123456789';
writeFileSync(tokenFile, `${token}\n`);

const sessions: PtySession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) {
    try {
      session.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function start(args: string[], columns = 200, rows = 50) {
  const session = startInPty(args, {columns, rows, env: childEnvironment(home)});
  sessions.push(session);
  return session;
}

describe('cockpit --share and cockpit join, built, in two terminals', () => {
  it('a viewer sees the host live, read-only, and moving its focus leaves the host alone', async () => {
    const host = start(['--db', database.url, '--share', '--share-token-file', tokenFile]);
    const screen = await host.waitForScreen(
      (text) => /cockpit join ws:\/\/127\.0\.0\.1:\d+/.test(text),
      20_000,
    );
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)![0];
    // The token came from a file: the host names the file, never the token.
    expect(host.output()).not.toContain(token);
    await host.waitForScreen('0 viewers');

    const viewer = start(['join', url, '--token-file', tokenFile, '--name', 'e2e-viewer'], 120, 40);
    const viewed = await viewer.waitForScreen(
      (text) =>
        text.includes('READ-ONLY VIEW of') && text.includes('live') && text.includes('● connected'),
      20_000,
    );
    expect(viewed).toContain('Connections');
    await host.waitForScreen('1 viewer');
    expect(host.screen().join('\n')).toContain('viewer joined: e2e-viewer');

    // The viewer zooms its focused pane; the host keeps its own layout with every pane.
    expect(viewed).toContain('Locks');
    viewer.write('z');
    await viewer.waitForScreen((text) => !text.includes('Locks'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(host.screen().join('\n')).toContain('Locks');
    expect(host.screen().join('\n')).toContain('Connections');
    // A writing key does nothing on a viewer: no incident dialog opens.
    viewer.write('o');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(viewer.screen().join('\n')).not.toContain('Open an incident');

    viewer.write('q');
    expect((await viewer.exited).exitCode).toBe(0);
    await host.waitForScreen('viewer left: e2e-viewer');
    host.write('q');
    expect((await host.exited).exitCode).toBe(0);
  });

  it('a wrong token is refused: one clear line and exit code 1', async () => {
    const host = start(['--db', database.url, '--share', '--share-token-file', tokenFile]);
    const screen = await host.waitForScreen(
      (text) => /cockpit join ws:\/\/127\.0\.0\.1:\d+/.test(text),
      20_000,
    );
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)![0];
    const viewer = start(['join', url, '--token', 'not-the-token-at-all']);
    const {exitCode} = await viewer.exited;
    expect(exitCode).toBe(1);
    expect(viewer.output()).toContain('the host refused this viewer: wrong or missing share token');
    host.write('q');
    await host.exited;
  });

  it('--present masks an email address planted in email_log on the host screen', async () => {
    const plain = start(['--db', database.url]);
    await plain.waitForScreen(`<${plantedEmail}>`, 20_000);
    plain.write('q');
    await plain.exited;

    const presenting = start(['--db', database.url, '--present']);
    await presenting.waitForScreen('PRESENTING');
    await presenting.waitForScreen('<…@example.com>', 20_000);
    expect(presenting.output()).not.toContain('alice.planted');
    presenting.write('q');
    await presenting.exited;
  });
});
