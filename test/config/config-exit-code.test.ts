import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, writeFileSync} from 'node:fs';
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
});
