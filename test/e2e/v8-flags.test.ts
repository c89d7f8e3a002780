import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = process.cwd();
const cli = path.join(root, 'dist/cli.js');
const startupFlags = ['--max-semi-space-size=8', '--min-semi-space-size=8'];
// Runs in every Node process that starts with it and says, as it exits, which pid and V8 flags
// it had, and the tier V8 compiles a function to when asked for its best code.
const reportOnExit = `data:text/javascript,${encodeURIComponent(`process.on('exit', () => {
  function hot(n) { let sum = 0; for (let i = 0; i < n; i++) sum += i % 7; return sum; }
  %PrepareFunctionForOptimization(hot); hot(10); hot(10);
  %OptimizeFunctionOnNextCall(hot); hot(10);
  const tier = %GetOptimizationStatus(hot) & 64 ? 'turbofan' : 'no-turbofan';
  process.stderr.write('flags ' + process.pid + ' ' + tier + ' ' + JSON.stringify(process.execArgv) + '\\n');
});`)}`;
const reporting = ['--allow-natives-syntax', '--import', reportOnExit];

function exitReports(stderr: string): {pid: number; tier: string; flags: string[]}[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('flags '))
    .map((line) => {
      const [, pid, tier, flags] = line.match(/^flags (\d+) (\S+) (.*)$/) ?? [];
      return {pid: Number(pid), tier: tier ?? '', flags: JSON.parse(flags ?? '[]') as string[]};
    });
}

/** `node FLAGS dist/cli.js --version`, with the exit report of every process it ran as. */
function versionWith(nodeFlags: string[]) {
  const result = spawnSync(process.execPath, [...nodeFlags, ...reporting, cli, '--version'], {
    encoding: 'utf8',
    env: {...process.env, NODE_OPTIONS: ''},
    timeout: 20_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return {pid: result.pid, reports: exitReports(result.stderr)};
}

describe('V8 runs with its flags: a small young generation, no optimising tier', () => {
  it("the bin's shebang passes the start-up flags to node", () => {
    const firstLine = readFileSync(cli, 'utf8').split('\n')[0];
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${startupFlags.join(' ')}`);
  });

  it('node dist/cli.js restarts once, in the same process, with the start-up flags', () => {
    const {pid, reports} = versionWith([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.pid).toBe(pid);
    expect(reports[0]?.flags).toEqual([...startupFlags, ...reporting]);
  });

  it('a value the user chose is kept and only the missing flags are added', () => {
    const {reports} = versionWith(['--max-semi-space-size=16']);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.flags).toEqual([
      '--min-semi-space-size=8',
      '--max-semi-space-size=16',
      ...reporting,
    ]);
  });

  it('with every start-up flag given the process is not restarted', () => {
    const chosen = ['--max-semi-space-size=4', '--min-semi-space-size=2'];
    const {pid, reports} = versionWith(chosen);
    expect(reports).toEqual([{pid, tier: 'no-turbofan', flags: [...chosen, ...reporting]}]);
  });

  it('TurboFan is off once the cockpit runs, unless the user chose an optimising tier', () => {
    expect(versionWith(startupFlags).reports[0]?.tier).toBe('no-turbofan');
    expect(versionWith([...startupFlags, '--max-opt=3']).reports[0]?.tier).toBe('turbofan');
  });
});
