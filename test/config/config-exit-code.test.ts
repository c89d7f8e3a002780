import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildCli} from '../helpers/bundle-script';

// Bundled with the options of npm run build, to a file of this worker's own.
const bundle = await buildCli();
const directory = mkdtempSync(path.join(tmpdir(), 'cockpit-exit-'));

function runWithConfig(text: string) {
  const file = path.join(directory, `${randomBytes(3).toString('hex')}.json`);
  writeFileSync(file, text);
  const environment = {...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none'};
  return spawnSync(process.execPath, [bundle, '--config', file], {
    encoding: 'utf8',
    env: environment,
    timeout: 20_000,
  });
}

describe('a bad configuration file on the command line', () => {
  it('exits with code 2 and one line for an unknown key', () => {
    const result = runWithConfig(JSON.stringify({panes: {dlq: {tabel: 'x'}}}));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('panes.dlq: unknown key "tabel"');
  });

  it('exits with code 2 and one line for a wrong type', () => {
    const result = runWithConfig(JSON.stringify({integrations: {functions: 'send-email'}}));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('integrations.functions');
  });

  it('exits with code 2 and one line for a file it may not read, run as an unprivileged user', () => {
    // Root reads any file whatever its mode, so the check runs as `nobody` where that is
    // possible (setpriv, as root); otherwise this process is unprivileged already.
    const asRoot = process.getuid?.() === 0;
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));
    if (asRoot && !setpriv) {
      console.warn('SKIPPED in part: running as root without setpriv; see the EISDIR case below');
      return;
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'cockpit-locked-'));
    chmodSync(folder, 0o755);
    const locked = path.join(folder, 'locked.json');
    writeFileSync(locked, '{}');
    chmodSync(locked, 0o000);
    const command = asRoot
      ? [setpriv!, '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath]
      : [process.execPath];
    const result = spawnSync(command[0]!, [...command.slice(1), bundle, '--config', locked], {
      encoding: 'utf8',
      env: {...process.env, DATABASE_URL: '', HOME: folder, COCKPIT_HOME: folder},
      timeout: 20_000,
    });
    expect(result.stderr).toBe(
      `cockpit: config file ${locked}: cannot be read — check the --config path\n`,
    );
    expect(result.status).toBe(2);
  });

  it('exits with code 2 and one line for a path it cannot read as a file, even as root', () => {
    const result = spawnSync(process.execPath, [bundle, '--config', directory], {
      encoding: 'utf8',
      env: {...process.env, DATABASE_URL: ''},
      timeout: 20_000,
    });
    expect(result.stderr).toBe(
      `cockpit: config file ${directory}: cannot be read — check the --config path\n`,
    );
    expect(result.status).toBe(2);
  });
});
