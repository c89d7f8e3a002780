import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

// A private bundle, so this file never races another test that builds dist/cli.js.
const bundle = path.resolve(`dist/test-cli-${randomBytes(4).toString('hex')}.js`);
const directory = mkdtempSync(path.join(tmpdir(), 'cockpit-exit-'));
beforeAll(async () => {
  await build({
    entryPoints: ['source/cli.tsx'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    loader: {'.sql': 'text'},
    jsx: 'automatic',
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(bundle, {force: true}));

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
