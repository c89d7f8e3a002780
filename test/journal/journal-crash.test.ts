import {type ChildProcess, spawn} from 'node:child_process';
import {readdir, rm, utimes} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {foldIncident} from '../../source/incidents/incident-fold';
import {IncidentJournal} from '../../source/journal/incident-journal';
import {loadJournal} from '../../source/journal/journal-tail';
import {ensureIncidentsDirectory, journalPathOf} from '../../source/journal/state-directory';
import {buildCli, bundleScript} from '../helpers/bundle-script';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {waitFor} from '../helpers/database';

const home = await createCockpitHome();
const cli = await buildCli();
const writerScript = await bundleScript(
  'test/fixtures/journal-burst-writer.ts',
  join(process.cwd(), `dist/test-fixtures/journal-burst-writer-${process.pid}.js`),
);
afterAll(async () => {
  await rm(writerScript, {force: true});
});

/** A child whose stdout lines are collected as they arrive. */
function startChild(args: string[], environment?: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    lines.push(...complete);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, lines, exited};
}

async function openIncident(id: string) {
  await ensureIncidentsDirectory(home);
  const journal = await IncidentJournal.create(
    journalPathOf(home, id),
    {type: 'opened', data: {id, title: 'Crash test', severity: 'P1'}},
    {actor: {user: 'tester', source: 'cockpit'}},
  );
  return journal.path;
}

function kill(child: ChildProcess) {
  child.kill('SIGKILL');
}

describe('the journal under kill -9', () => {
  it('keeps every acknowledged event when the writer is killed mid-burst, 30 times', async () => {
    const path = await openIncident('2026-11-26-1500-kill-writer');
    const acknowledged = new Map<number, string>();
    for (let round = 0; round < 30; round++) {
      const writer = startChild([writerScript, path, `round${round}`, '100000']);
      // Kill after a varying number of acknowledgements: often during a 256 KB write.
      const after = 1 + ((round * 7) % 13);
      await waitFor(() => writer.lines.length >= after, {what: `round ${round} acks`});
      // …and 0 to 9 ms later, so the kill lands in different phases: locking, writing, fsync.
      await new Promise((resolve) => setTimeout(resolve, round % 10));
      kill(writer.child);
      await writer.exited;
      for (const line of writer.lines) {
        const [seq, text] = line.split(' ');
        acknowledged.set(Number(seq), text!);
      }
    }
    const loaded = await loadJournal(path);
    const bySeq = new Map(loaded.events.map((event) => [event.seq, event.data.text]));
    for (const [seq, text] of acknowledged) expect(bySeq.get(seq)).toBe(text);
    expect(new Set(loaded.events.map((event) => event.seq)).size).toBe(loaded.events.length);
    expect(foldIncident(loaded.events)?.title).toBe('Crash test');
    // Torn lines from killed writers are reported, never fatal.
    for (const warning of loaded.warnings) expect(warning).toMatch(/torn write|incomplete/);
    // Drafts of writers killed while taking the lock are cleared once they are a minute old.
    const drafts = (await readdir(dirname(path))).filter((name) => name.includes('.lock.'));
    const minuteAgo = new Date(Date.now() - 61_000);
    for (const name of drafts) await utimes(join(dirname(path), name), minuteAgo, minuteAgo);
    await IncidentJournal.open(path, {actor: {user: 'tester', source: 'cockpit'}});
    const left = (await readdir(dirname(path))).filter((name) => name.includes('.lock.'));
    expect(left).toEqual([]);
  }, 120_000);

  it('keeps every acknowledged `cockpit note` when note processes are killed beside a writer', async () => {
    await openIncident('2026-11-26-1510-kill-note');
    const path = journalPathOf(home, '2026-11-26-1510-kill-note');
    const environment = childEnvironment(home);
    const writer = startChild([writerScript, path, 'writer', '100000', '4096']);
    const acknowledgedNotes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const notes = [0, 1, 2].map((index) =>
        startChild([cli, 'note', `note-${round}-${index}`, '--tag', 'decision'], environment),
      );
      // Kill one note process at a different point of its life each round (start-up, reading,
      // holding the lock, writing), let the others finish.
      await waitFor(() => notes[0]!.child.pid !== undefined, {what: 'note started'});
      await new Promise((resolve) => setTimeout(resolve, (round * 53) % 600));
      kill(notes[0]!.child);
      const codes = await Promise.all(notes.map((note) => note.exited));
      notes.forEach((note, index) => {
        if (note.lines.some((line) => line.startsWith('noted in'))) {
          acknowledgedNotes.push(`note-${round}-${index}`);
        } else if (index > 0) {
          throw new Error(`note ${round}-${index} exited ${codes[index]} without acknowledging`);
        }
      });
    }
    kill(writer.child);
    await writer.exited;
    const loaded = await loadJournal(path);
    const texts = new Set(loaded.events.map((event) => event.data.text));
    for (const note of acknowledgedNotes) expect(texts).toContain(note);
    for (const line of writer.lines) expect(texts).toContain(line.split(' ')[1]);
    expect(acknowledgedNotes.length).toBeGreaterThanOrEqual(24);
  }, 120_000);

  it('never interleaves or loses lines of two processes appending at once', async () => {
    const path = await openIncident('2026-11-26-1520-two-writers');
    const [left, right] = [
      startChild([writerScript, path, 'left', '150']),
      startChild([writerScript, path, 'right', '150']),
    ];
    expect(await left.exited).toBe(0);
    expect(await right.exited).toBe(0);
    const loaded = await loadJournal(path);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.events.map((event) => event.seq)).toEqual(
      Array.from({length: 301}, (_, index) => index + 1),
    );
    const texts = loaded.events.slice(1).map((event) => String(event.data.text));
    for (const label of ['left', 'right']) {
      const mine = texts.filter((text) => text.startsWith(`${label}-`));
      expect(mine).toEqual(Array.from({length: 150}, (_, index) => `${label}-${index}`));
    }
  }, 120_000);
});
