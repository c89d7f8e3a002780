import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {requireTerminal} from '../../source/terminal/require-terminal';
import {buildCli} from '../helpers/bundle-script';

const bundle = await buildCli();

function runWithoutTerminal(args: string[]) {
  const home = mkdtempSync(path.join(tmpdir(), 'cockpit-no-tty-'));
  const result = spawnSync(process.execPath, [bundle, ...args], {
    encoding: 'utf8',
    // Standard input and output are pipes, as with `ssh host cockpit` without -t.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {...process.env, COCKPIT_HOME: home},
    timeout: 20_000,
  });
  return {...result, homeEntries: readdirSync(home)};
}

describe('the full-screen cockpit started without a terminal', () => {
  it.each([
    ['cockpit --db', ['--db', 'postgres://nobody@127.0.0.1:1/none']],
    ['cockpit demo', ['demo']],
    ['cockpit join', ['join', 'ws://127.0.0.1:1', '--token', 'x']],
  ])('%s exits with code 2 and one line, before it starts anything', (_name, args) => {
    const result = runWithoutTerminal(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'cockpit: the cockpit needs a terminal, and its standard input is not one — over SSH, use ssh -t; for one reading without a screen, run cockpit probe\n',
    );
    expect(result.homeEntries).toEqual([]);
  });

  it('names standard output when only the output is redirected', () => {
    expect(() => requireTerminal({input: {isTTY: true}, output: {isTTY: false}})).toThrow(
      'the cockpit needs a terminal, and its standard output is not one',
    );
    expect(() => requireTerminal({input: {isTTY: true}, output: {isTTY: true}})).not.toThrow();
  });
});
