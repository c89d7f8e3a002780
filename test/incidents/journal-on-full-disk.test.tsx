import {execFileSync} from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {writeReportFile} from '../../source/report/write-report';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {Header} from '../../source/ui/Header';
import {waitFor} from '../helpers/database';
import {renderUi} from '../helpers/render-ui';

// Regression: with COCKPIT_HOME on a full file system a note typed with `n` failed with ENOSPC and
// its text was thrown away; events raised meanwhile showed as "[not journaled]" and were never
// written when space came back; the lock code leaked a file handle and left empty drafts behind.
const isRoot = process.getuid?.() === 0;
const mountPoint = mkdtempSync(join(tmpdir(), 'cockpit-full-disk-'));
let mounted = false;
if (isRoot) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmpfs', mountPoint]);
    mounted = true;
  } catch {
    mounted = false;
  }
}
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, {recursive: true, force: true});
});

/** Fills the file system until a write fails with ENOSPC; returns the filler's path. */
function fillDisk(directory: string): string {
  const path = join(directory, 'filler');
  const descriptor = openSync(path, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 120);
      for (;;) {
        try {
          writeSync(descriptor, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return path;
}

/** Open descriptors of this process pointing into `directory`. */
function descriptorsInto(directory: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(directory));
}

describe.skipIf(!mounted)('the journal on a full file system (tmpfs of 512 KiB)', () => {
  it('keeps a typed note and the events raised meanwhile, and writes them, in order, after a gap event', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const warnings: string[] = [];
    const session = new IncidentSession(store, {
      home: mountPoint,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      metricsEveryMs: 3_600_000,
      writeReport: (events) => writeReportFile(mountPoint, events),
      // Tried again by hand below, so the checks between tries see no attempt under way.
      heldRetryMs: 3_600_000,
      onWarning: (warning) => warnings.push(warning),
    });
    const actions = incidentActionsOf(session, {zone: 'utc'});
    await actions.open('Disk full drill', 'P2');
    const incidents = join(mountPoint, 'incidents');
    const filler = fillDisk(mountPoint);

    const noted = await actions.note('the pool leak is in the billing worker #rootcause');
    expect(noted).toMatch(/^note kept in memory: .*ENOSPC/);
    await session.timeline.record({kind: 'alert.raised', text: 'connections at 97%'});
    expect(store.getState().incident?.unjournaled?.count).toBe(2);
    expect(store.getState().timeline.map((entry) => entry.text)).toEqual(
      expect.arrayContaining([
        '[held in memory] the pool leak is in the billing worker #rootcause',
        '[held in memory] connections at 97%',
      ]),
    );
    const ui = await renderUi({columns: 140, rows: 5, store, element: <Header width={140} />});
    expect(ui.lastFrame()).toContain('⚠ 2 not journaled, held in memory');
    ui.unmount();

    expect(await session.flushHeld()).toBe(false);
    // Nothing of the failed attempts stays behind: no open handle, no empty lock draft.
    expect(descriptorsInto(mountPoint)).toEqual([]);
    expect(readdirSync(incidents).filter((name) => name.includes('.lock'))).toEqual([]);

    unlinkSync(filler);
    expect(await session.flushHeld()).toBe(true);
    expect(store.getState().incident?.unjournaled).toBeUndefined();
    const journal = readdirSync(incidents).find((name) => name.endsWith('.jsonl'))!;
    const events = readFileSync(join(incidents, journal), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const tail = events.slice(-3);
    expect(tail[0]).toMatchObject({type: 'event', data: {kind: 'journal.gap', held: 2}});
    expect(tail[0].data.text).toContain('ENOSPC');
    expect(tail[1]).toMatchObject({
      type: 'note',
      data: {text: 'the pool leak is in the billing worker #rootcause', tags: ['rootcause']},
    });
    expect(tail[2]).toMatchObject({type: 'alert.raised', data: {text: 'connections at 97%'}});
    // Written late, each still says when it happened.
    expect(Date.parse(tail[1].data.occurredAt)).toBeLessThan(Date.parse(tail[1].at) + 1);
    expect(store.getState().timeline.some((entry) => entry.text.startsWith('[held'))).toBe(false);
    expect(await actions.note('space is back')).toMatch(/^note \d+ written$/);
    session.stop();
  });

  it('tries again by itself until the journal can be written', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const session = new IncidentSession(store, {
      home: join(mountPoint, 'again'),
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      metricsEveryMs: 3_600_000,
      writeReport: (events) => writeReportFile(mountPoint, events),
      heldRetryMs: 100,
    });
    await session.open('Disk full again', 'P3');
    const filler = fillDisk(mountPoint);
    await session.timeline.record({kind: 'alert.raised', text: 'dead letters growing'});
    expect(store.getState().incident?.unjournaled?.count).toBe(1);
    unlinkSync(filler);
    await waitFor(() => store.getState().incident?.unjournaled === undefined, {
      what: 'the held event to be written by the retry',
    });
    expect(session.events.at(-1)).toMatchObject({
      type: 'alert.raised',
      data: {text: 'dead letters growing'},
    });
    expect(session.events.at(-2)).toMatchObject({type: 'event', data: {kind: 'journal.gap'}});
    session.stop();
  });
});
