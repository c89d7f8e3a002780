import {appendFile, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {foldIncident} from '../../source/incidents/incident-fold';
import {IncidentJournal} from '../../source/journal/incident-journal';
import {loadJournal} from '../../source/journal/journal-tail';
import {ensureIncidentsDirectory, journalPathOf} from '../../source/journal/state-directory';
import {createCockpitHome} from '../helpers/cockpit-home';

const home = await createCockpitHome();
const actor = {user: 'alice', source: 'cockpit'} as const;
let counter = 0;

async function newJournal() {
  await ensureIncidentsDirectory(home);
  counter += 1;
  const id = `2026-11-26-1432-journal-test-${counter}`;
  return IncidentJournal.create(
    journalPathOf(home, id),
    {type: 'opened', data: {id, title: 'Journal test', severity: 'P1'}},
    {actor},
  );
}

describe('IncidentJournal', () => {
  it('creates the directory 0700 and the journal 0600, one JSON line per event', async () => {
    const journal = await newJournal();
    await journal.append({type: 'note', data: {text: 'first note', tags: []}});
    expect((await stat(join(home, 'incidents'))).mode & 0o777).toBe(0o700);
    expect((await stat(journal.path)).mode & 0o777).toBe(0o600);
    const lines = (await readFile(journal.path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2]);
    expect(JSON.parse(lines[1]!)).toMatchObject({
      v: 1,
      actor: {user: 'alice', source: 'cockpit'},
      type: 'note',
      data: {text: 'first note'},
    });
  });

  it('tells listeners about an event only once it is on disk', async () => {
    const journal = await newJournal();
    const seen: string[] = [];
    journal.subscribe((events) => {
      for (const event of events) seen.push(event.type);
    });
    const appended = await journal.append({
      type: 'status.changed',
      data: {from: 'investigating', to: 'identified'},
    });
    const onDisk = await readFile(journal.path, 'utf8');
    expect(onDisk).toContain('"status.changed"');
    expect(seen).toEqual(['status.changed']);
    expect(appended.seq).toBe(2);
  });

  it('skips a torn last line with a warning and the next writer keeps its own line intact', async () => {
    const journal = await newJournal();
    await appendFile(journal.path, '{"v":1,"seq":2,"at":"2026-11-26T14:40:00.000Z","actor":{"us');
    const loaded = await loadJournal(journal.path);
    expect(loaded.events).toHaveLength(1);
    expect(loaded.warnings.join('\n')).toMatch(/line 2: incomplete/);
    const later = await IncidentJournal.open(journal.path, {actor});
    expect(later.warnings.join('\n')).toMatch(/incomplete/);
    const note = await later.append({type: 'note', data: {text: 'after the crash', tags: []}});
    expect(note.seq).toBe(2);
    const reloaded = await loadJournal(journal.path);
    expect(reloaded.events.map((event) => event.seq)).toEqual([1, 2]);
    expect(reloaded.warnings.join('\n')).toMatch(/line 2: not valid JSON/);
    expect(foldIncident(reloaded.events)?.title).toBe('Journal test');
  });

  it('keeps an unknown event type from a newer version and warns about it', async () => {
    const journal = await newJournal();
    const future = {
      v: 2,
      seq: 2,
      at: '2026-11-26T14:41:00.000Z',
      actor: {user: 'bob', source: 'cockpit'},
      type: 'hologram.projected',
      data: {},
    };
    await appendFile(journal.path, `${JSON.stringify(future)}\n`);
    const loaded = await loadJournal(journal.path);
    expect(loaded.events.map((event) => event.type)).toEqual(['opened', 'hologram.projected']);
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/unknown event type "hologram.projected"/),
    ]);
    expect(foldIncident(loaded.events)).toMatchObject({status: 'investigating', eventCount: 2});
  });

  it('loads a 1 MB note', async () => {
    const journal = await newJournal();
    const text = 'ß'.repeat(512 * 1024);
    await journal.append({type: 'note', data: {text, tags: ['impact']}});
    const loaded = await loadJournal(journal.path);
    expect(loaded.warnings).toEqual([]);
    expect(Buffer.byteLength(String(loaded.events[1]?.data.text))).toBe(1024 * 1024);
  });

  it('picks up lines another writer appended before its own, without repeating any', async () => {
    const first = await newJournal();
    const second = await IncidentJournal.open(first.path, {actor: {user: 'bob', source: 'note'}});
    const seenBySecond: number[] = [];
    second.subscribe((events) => seenBySecond.push(...events.map((event) => event.seq)));
    await first.append({type: 'note', data: {text: 'from first', tags: []}});
    await second.append({type: 'note', data: {text: 'from second', tags: []}});
    expect(seenBySecond).toEqual([2, 3]);
    await first.refresh();
    expect(first.events.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('refuses to create a journal that exists', async () => {
    const journal = await newJournal();
    await expect(
      IncidentJournal.create(journal.path, {type: 'opened', data: {}}, {actor}),
    ).rejects.toMatchObject({code: 'EEXIST'});
  });

  it('skips a line that is JSON but not an event', async () => {
    const journal = await newJournal();
    await writeFile(journal.path, '[1,2,3]\n', {flag: 'a'});
    const loaded = await loadJournal(journal.path);
    expect(loaded.warnings).toEqual([expect.stringMatching(/line 2: not a journal event/)]);
  });
});
