import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = process.cwd();
const cli = path.join(root, 'dist/cli.js');
const startupFlags = [
  '--max-semi-space-size=8',
  '--max-opt=2',
  '--heap-growing-percent=40',
  '--no-concurrent-sparkplug',
  '--no-flush-bytecode',
];
// Runs in every Node process that starts with it and says, as it exits, which pid and V8 flags it had.
const reportOnExit =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("flags "+process.pid+" "+JSON.stringify(process.execArgv)+"\\n"))';

function exitReports(stderr: string): {pid: number; flags: string[]}[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('flags '))
    .map((line) => {
      const [, pid, flags] = line.match(/^flags (\d+) (.*)$/) ?? [];
      return {pid: Number(pid), flags: JSON.parse(flags ?? '[]') as string[]};
    });
}

/** `node FLAGS dist/cli.js --version`, with the exit report of every process it ran as. */
function versionWith(nodeFlags: string[]) {
  const result = spawnSync(
    process.execPath,
    [...nodeFlags, '--import', reportOnExit, cli, '--version'],
    {encoding: 'utf8', env: {...process.env, NODE_OPTIONS: ''}, timeout: 20_000},
  );
  expect(result.status, result.stderr).toBe(0);
  return {pid: result.pid, reports: exitReports(result.stderr)};
}

describe('V8 starts with its flags: a small young generation, no optimising tier', () => {
  it("the bin's shebang passes the flags to node", () => {
    const firstLine = readFileSync(cli, 'utf8').split('\n')[0];
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${startupFlags.join(' ')}`);
  });

  it('node dist/cli.js restarts once, in the same process, with the flags', () => {
    const {pid, reports} = versionWith([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.pid).toBe(pid);
    expect(reports[0]?.flags).toEqual([...startupFlags, '--import', reportOnExit]);
  });

  it('a flag the user chose is kept and only the missing ones are added', () => {
    const {reports} = versionWith(['--max-semi-space-size=16']);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.flags).toEqual([
      ...startupFlags.slice(1),
      '--max-semi-space-size=16',
      '--import',
      reportOnExit,
    ]);
  });

  it('with every flag given the process is not restarted', () => {
    const chosen = [
      '--max-semi-space-size=4',
      '--max-opt=3',
      '--heap-growing-percent=60',
      '--no-concurrent-sparkplug',
      '--no-flush-bytecode',
    ];
    const {reports} = versionWith(chosen);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.flags).toEqual([...chosen, '--import', reportOnExit]);
  });
});
