import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = process.cwd();
const version = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}
).version;
const nodeDirectory = path.dirname(process.execPath);

describe('cockpit on the PATH', () => {
  it('npm install -g from the checkout puts a cockpit that runs on the PATH Node', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cockpit-global-'));
    // --ignore-scripts: the checkout's dist/ is already built (npm test builds first).
    const install = spawnSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', root],
      {encoding: 'utf8', timeout: 120_000},
    );
    expect(install.status, install.stderr).toBe(0);
    const result = spawnSync(path.join(prefix, 'bin', 'cockpit'), ['--version'], {
      encoding: 'utf8',
      env: {...process.env, PATH: `${nodeDirectory}${path.delimiter}${process.env.PATH ?? ''}`},
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(version);
    expect(result.status).toBe(0);
  });

  it('on a Node older than 22, dist/cli.js exits 2 with one line naming the Node it needs', () => {
    // The running Node pretends to be 20: the check reads process.versions before anything else.
    const pretend =
      'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.11.1"});Object.defineProperty(process,"version",{value:"v20.11.1"})';
    const result = spawnSync(
      process.execPath,
      ['--import', pretend, path.join(root, 'dist/cli.js')],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cockpit: needs Node\.js 22 or newer \(this is v20\.11\.1\);/);
    expect(lines[0]).toContain('npx node dist/cli.js');
  });
});
