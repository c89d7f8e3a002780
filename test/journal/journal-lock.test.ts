import {utimes, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {IncidentJournal} from '../../source/journal/incident-journal';
import {withFileLock} from '../../source/journal/journal-lock';
import {watchJournal} from '../../source/journal/journal-watcher';
import {ensureIncidentsDirectory, journalPathOf} from '../../source/journal/state-directory';
import {createCockpitHome} from '../helpers/cockpit-home';
import {waitFor} from '../helpers/database';

const home = await createCockpitHome();
const deadPid = 2 ** 22 + 12_345;

describe('journal lock', () => {
  it('breaks a lock left by a process that no longer exists', async () => {
    const lock = join(home, 'dead.lock');
    await writeFile(lock, JSON.stringify({pid: deadPid, host: hostname(), token: 'x'}));
    await expect(withFileLock(lock, async () => 'done', {timeoutMs: 2000})).resolves.toBe('done');
  });

  it('waits for a live lock from another host, then says who holds it', async () => {
    const lock = join(home, 'other-host.lock');
    await writeFile(lock, JSON.stringify({pid: 1, host: 'elsewhere', token: 'y'}));
    await expect(withFileLock(lock, async () => 'never', {timeoutMs: 200})).rejects.toThrow(
      /stayed locked/,
    );
  });

  it('breaks a lock from another host once it is older than any write could take', async () => {
    const lock = join(home, 'old.lock');
    await writeFile(lock, JSON.stringify({pid: 1, host: 'elsewhere', token: 'z'}));
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    await expect(withFileLock(lock, async () => 'done', {timeoutMs: 2000})).resolves.toBe('done');
  });

  it('runs the work of concurrent holders one at a time', async () => {
    const lock = join(home, 'serial.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({length: 20}, () =>
        withFileLock(lock, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});

describe('watchJournal', () => {
  it('delivers what another writer appends, within a second', async () => {
    await ensureIncidentsDirectory(home);
    const path = journalPathOf(home, '2026-11-26-1600-watched');
    const reader = await IncidentJournal.create(
      path,
      {type: 'opened', data: {id: 'watched', title: 'Watched', severity: 'P2'}},
      {actor: {user: 'alice', source: 'cockpit'}},
    );
    const seen: string[] = [];
    reader.subscribe((events) => seen.push(...events.map((event) => String(event.data.text))));
    const stop = watchJournal(reader);
    const writer = await IncidentJournal.open(path, {actor: {user: 'bob', source: 'note'}});
    await writer.append({type: 'note', data: {text: 'seen from afar', tags: []}});
    await waitFor(() => seen.includes('seen from afar'), {timeoutMs: 1000, intervalMs: 10});
    stop();
    expect(reader.events.map((event) => event.seq)).toEqual([1, 2]);
  });
});
