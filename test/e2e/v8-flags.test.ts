import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = process.cwd();
const cli = path.join(root, 'dist/cli.js');
const startupFlags = ['--max-semi-space-size=4', '--single-threaded-gc'];
const startupEnvironment = 'MALLOC_ARENA_MAX=1';
// Runs in every Node process that starts with it and says, as it exits, which pid, V8 flags and
// malloc arena setting it had, and the tier V8 compiles a function to when asked for its best code.
const reportOnExit = `data:text/javascript,${encodeURIComponent(`process.on('exit', () => {
  function hot(n) { let sum = 0; for (let i = 0; i < n; i++) sum += i % 7; return sum; }
  %PrepareFunctionForOptimization(hot); hot(10); hot(10);
  %OptimizeFunctionOnNextCall(hot); hot(10);
  const tier = %GetOptimizationStatus(hot) & 64 ? 'turbofan' : 'no-turbofan';
  process.stderr.write('flags ' + process.pid + ' ' + tier + ' ' + (process.env.MALLOC_ARENA_MAX ?? '-') + ' ' + JSON.stringify(process.execArgv) + '\\n');
});`)}`;
const reporting = ['--allow-natives-syntax', '--import', reportOnExit];
// The same without V8's natives syntax, which NODE_OPTIONS may not carry: for the bin run as a program.
const reportWithoutNatives = `data:text/javascript,${encodeURIComponent(`process.on('exit', () => {
  process.stderr.write('started ' + process.pid + ' ' + (process.env.MALLOC_ARENA_MAX ?? '-') + ' ' + JSON.stringify(process.execArgv) + '\\n');
});`)}`;

type ExitReport = {pid: number; tier: string; arenas: string; flags: string[]};

function exitReports(stderr: string): ExitReport[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('flags '))
    .map((line) => {
      const [, pid, tier, arenas, flags] = line.match(/^flags (\d+) (\S+) (\S+) (.*)$/) ?? [];
      return {
        pid: Number(pid),
        tier: tier ?? '',
        arenas: arenas ?? '',
        flags: JSON.parse(flags ?? '[]') as string[],
      };
    });
}

/** `node FLAGS dist/cli.js --version`, with the exit report of every process it ran as. */
function versionWith(nodeFlags: string[], environment: Record<string, string> = {}) {
  const {MALLOC_ARENA_MAX: _unset, ...inherited} = process.env;
  const result = spawnSync(process.execPath, [...nodeFlags, ...reporting, cli, '--version'], {
    encoding: 'utf8',
    env: {...inherited, NODE_OPTIONS: '', ...environment},
    timeout: 20_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return {pid: result.pid, reports: exitReports(result.stderr)};
}

describe('node starts with its settings: a small young generation, one malloc arena, no optimising tier', () => {
  it("the bin's shebang and npm start pass the start-up settings to node", () => {
    const firstLine = readFileSync(cli, 'utf8').split('\n')[0];
    expect(firstLine).toBe(
      `#!/usr/bin/env -S ${startupEnvironment} node ${startupFlags.join(' ')}`,
    );
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.start).toBe(
      `${startupEnvironment} node ${startupFlags.join(' ')} scripts/start.mjs`,
    );
  });

  it('the bin run as a program starts node with them, without a restart', () => {
    const result = spawnSync(cli, ['--version'], {
      encoding: 'utf8',
      env: {...process.env, NODE_OPTIONS: `--import=${reportWithoutNatives}`},
      timeout: 20_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const reports = result.stderr.split('\n').filter((line) => line.startsWith('started '));
    expect(reports).toEqual([`started ${result.pid} 1 ${JSON.stringify(startupFlags)}`]);
  });

  it('node dist/cli.js restarts once, in the same process, with the start-up settings', () => {
    const {pid, reports} = versionWith([]);
    expect(reports).toEqual([
      {pid, tier: 'no-turbofan', arenas: '1', flags: [...startupFlags, ...reporting]},
    ]);
  });

  it('a value the user chose is kept and only the missing settings are added', () => {
    const {pid, reports} = versionWith(['--max-semi-space-size=16']);
    expect(reports).toEqual([
      {
        pid,
        tier: 'no-turbofan',
        arenas: '1',
        flags: ['--single-threaded-gc', '--max-semi-space-size=16', ...reporting],
      },
    ]);
    expect(versionWith([], {MALLOC_ARENA_MAX: '4'}).reports).toEqual([
      {
        pid: expect.any(Number),
        tier: 'no-turbofan',
        arenas: '4',
        flags: [...startupFlags, ...reporting],
      },
    ]);
  });

  it('with every start-up setting given the process is not restarted', () => {
    // Turning a setting off is a choice too, in either spelling V8 reads.
    const chosen = ['--max-semi-space-size=2', '--no-single_threaded_gc'];
    const {pid, reports} = versionWith(chosen, {MALLOC_ARENA_MAX: '2'});
    expect(reports).toEqual([
      {pid, tier: 'no-turbofan', arenas: '2', flags: [...chosen, ...reporting]},
    ]);
  });

  it('only a missing malloc setting restarts it too', () => {
    const {pid, reports} = versionWith(startupFlags);
    expect(reports).toEqual([
      {pid, tier: 'no-turbofan', arenas: '1', flags: [...startupFlags, ...reporting]},
    ]);
  });

  it('TurboFan is off once the cockpit runs, unless the user chose an optimising tier', () => {
    expect(versionWith(startupFlags).reports[0]?.tier).toBe('no-turbofan');
    expect(versionWith([...startupFlags, '--max-opt=3']).reports[0]?.tier).toBe('turbofan');
  });
});
