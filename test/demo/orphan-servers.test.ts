import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {dataDirectoryPrefix, sweepOrphanServers} from '../../source/demo/orphan-servers';
import {waitFor} from '../helpers/database';

describe('sweepOrphanServers', () => {
  it('stops the server of an owner that died and removes its data, leaving live owners alone', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'orphan-sweep-'));
    const deadOwner = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    // Stands in for a postmaster left behind: a process that would run for a minute.
    const postmaster = spawn('sleep', ['60']);
    const orphan = path.join(folder, `${dataDirectoryPrefix}orphan`);
    mkdirSync(orphan);
    writeFileSync(path.join(orphan, 'cockpit-owner.pid'), deadOwner);
    writeFileSync(path.join(orphan, 'postmaster.pid'), `${postmaster.pid}\n/data\n`);
    const owned = path.join(folder, `${dataDirectoryPrefix}owned`);
    mkdirSync(owned);
    writeFileSync(path.join(owned, 'cockpit-owner.pid'), String(process.pid));

    expect(await sweepOrphanServers(folder)).toBe(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(owned)).toBe(true);
    await waitFor(() => postmaster.exitCode !== null || postmaster.signalCode !== null, {
      what: 'the orphan to stop',
    });
    expect(postmaster.signalCode).toBe('SIGQUIT');
  });
});
