import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {buildCli} from '../helpers/bundle-script';
import {createTestDatabase} from '../helpers/database';
import {type PtySession, startInPty, terminalRestored} from '../helpers/pty-session';

// The binary bundled from the current source, as every test that runs the CLI does.
const cliPath = await buildCli();
const crashAfterFirstFrame = path.resolve(
  import.meta.dirname,
  '../fixtures/crash-after-first-frame.mjs',
);
const reportRawModeAtFirstFrame = path.resolve(
  import.meta.dirname,
  '../fixtures/report-raw-mode-at-first-frame.mjs',
);
const database = await createTestDatabase();
let session: PtySession | undefined;
afterEach(() => {
  try {
    session?.kill('SIGKILL');
  } catch {
    // already gone
  }
  session = undefined;
});

async function startAndWaitForData(columns = 100, rows = 30) {
  session = startInPty(['--db', database.url], {columns, rows, cli: cliPath});
  await session.waitForScreen(
    (screen) => screen.includes('● connected') && /\d+\/\d+ \(/.test(screen),
  );
  return session;
}

describe('the built binary in a real terminal', () => {
  it('draws live connection data, then q restores the terminal and exits 0', async () => {
    const cockpit = await startAndWaitForData();
    expect(cockpit.screen().join('\n')).toContain('Connections');
    cockpit.write('q');
    expect((await cockpit.exited).exitCode).toBe(0);
    expect(terminalRestored(cockpit.output())).toBe(true);
  });

  it('restores the terminal on Ctrl-C', async () => {
    const cockpit = await startAndWaitForData();
    cockpit.write('\u0003');
    expect((await cockpit.exited).exitCode).toBe(0);
    expect(terminalRestored(cockpit.output())).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('restores the terminal on %s', async (signal, code) => {
    const cockpit = await startAndWaitForData();
    cockpit.kill(signal);
    expect((await cockpit.exited).exitCode).toBe(code);
    expect(terminalRestored(cockpit.output())).toBe(true);
  });

  it('restores the terminal and prints the error after an uncaught exception', async () => {
    session = startInPty(['--db', database.url], {
      cli: cliPath,
      nodeArguments: ['--import', crashAfterFirstFrame],
    });
    const {exitCode} = await session.exited;
    expect(exitCode).toBe(1);
    expect(terminalRestored(session.output())).toBe(true);
    expect(session.output()).toContain('incident-cockpit crashed: Error: injected fault');
  });

  it('takes the keys raw before the first frame, so keys typed at start never echo over it', async () => {
    const report = path.join(await mkdtemp(path.join(tmpdir(), 'raw-mode-')), 'report');
    session = startInPty(['--db', database.url], {
      cli: cliPath,
      nodeArguments: ['--import', reportRawModeAtFirstFrame],
      env: {RAW_MODE_REPORT: report},
    });
    await session.waitForScreen('Connections');
    expect(await readFile(report, 'utf8')).toBe('true');
    session.write('q');
    expect((await session.exited).exitCode).toBe(0);
    expect(terminalRestored(session.output())).toBe(true);
  });

  it('never clears the whole screen while polling (no flicker over SSH)', async () => {
    const cockpit = await startAndWaitForData(80, 24);
    const before = cockpit.output().length;
    await cockpit.waitForScreen(() => cockpit.output().length > before + 200);
    // Ink's full repaint is "cursor home, erase display"; incremental frames never need it.
    expect(cockpit.output().slice(before)).not.toContain('\u001b[2J');
    cockpit.write('q');
    await cockpit.exited;
  });

  it('starts even when the database is unreachable, and says why in words', async () => {
    session = startInPty(['--db', 'postgres://nobody:secret-password@127.0.0.1:9/none'], {
      cli: cliPath,
    });
    const screen = await session.waitForScreen('reconnecting (attempt');
    expect(screen).not.toContain('secret-password');
    await session.waitForScreen((screen) => /connection refused/.test(screen));
    session.write('q');
    expect((await session.exited).exitCode).toBe(0);
  });
});

describe('bad input on the command line', () => {
  it.each([
    [['--bogus'], /unknown flag --bogus/],
    [['--db', 'not a url'], /--db is not a valid database URL/],
    [
      ['--db', 'mysql://x@y/z'],
      /must be a PostgreSQL URL starting with postgres:\/\/ .*got a mysql:\/\/ URL/,
    ],
    [['--refresh', 'abc'], /--refresh must be a number of seconds \(got "abc"\)/],
    [['--refresh', '0'], /--refresh must be between 0.5 and 10/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--config', '/nonexistent/cockpit.json'], /config file .* no such file/],
  ])('%j is one line on stderr and exit 2', (args, message) => {
    const result = spawnSync(process.execPath, [cliPath, ...args], {
      encoding: 'utf8',
      env: {...process.env, DATABASE_URL: ''},
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('never lets a config file drive the terminal through an error message', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const path = await import('node:path');
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'hostile-config-')),
      'cockpit.config.json',
    );
    writeFileSync(file, JSON.stringify({'\u001b]0;pwned\u0007x': 1}));
    const result = spawnSync(process.execPath, [cliPath, '--config', file], {encoding: 'utf8'});
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown key/);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
