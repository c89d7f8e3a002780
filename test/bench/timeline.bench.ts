// Figures for the incident timeline at 50,000 events: store appends, pane render and update,
// journal append (fsync) rate, and loading and folding a 50,000-event journal.
import {appendFile, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {foldIncident} from '../../source/incidents/incident-fold';
import {timelineEntryOf} from '../../source/incidents/timeline-entries';
import {IncidentJournal} from '../../source/journal/incident-journal';
import {serializeEvent} from '../../source/journal/journal-event';
import {loadJournal} from '../../source/journal/journal-tail';
import {renderJsonExport} from '../../source/report/json-export';
import {renderMarkdownReport} from '../../source/report/markdown-report';
import {createCockpitStore} from '../../source/store/cockpit-store';
import type {TimelineEntry} from '../../source/store/slices/incident-slice';
import {renderTimelinePane} from './timeline-bench-view';

const total = 50_000;
const start = Date.parse('2026-11-26T14:00:00.000Z');
const kinds = ['alert.raised', 'action.terminate', 'note', 'runbook.step.done', 'status.changed'];
const entry = (index: number): TimelineEntry => ({
  id: `seq-${index}`,
  at: start + index * 500,
  kind: kinds[index % kinds.length]!,
  actor: 'alice',
  text: `event number ${index} with some words about what happened`,
});
const figure = (name: string, value: number, unit: string) =>
  process.stdout.write(
    `${name.padEnd(52)} ${value.toFixed(value < 10 ? 3 : 1).padStart(10)} ${unit}\n`,
  );
const nextFrame = () => new Promise((resolve) => setImmediate(resolve));

// Store: appending one entry to 50,000.
const store = createCockpitStore({databaseLabel: 'bench'});
store
  .getState()
  .setIncident({id: 'b', title: 'bench', severity: 'P1', status: 'investigating', openedAt: start});
store.getState().setTimeline(Array.from({length: total}, (_, index) => entry(index)));
let began = performance.now();
for (let index = 0; index < 1000; index++) store.getState().appendTimeline([entry(total + index)]);
figure('store: append 1 entry to 50,000 (mean)', ((performance.now() - began) / 1000) * 1000, 'µs');

// Pane: first render and one live update, with 51,000 entries in the store.
began = performance.now();
const view = renderTimelinePane(store);
await nextFrame();
figure('pane: first render, 51,000 events, 38 rows', performance.now() - began, 'ms');
const updates = 200;
began = performance.now();
for (let index = 0; index < updates; index++) {
  store.getState().appendTimeline([entry(total + 1000 + index)]);
  await nextFrame();
}
figure('pane: append + re-render (mean of 200)', (performance.now() - began) / updates, 'ms');
const rows = (view.lastFrame() ?? '').split('\n').filter((line) => line.includes('event number'));
figure('pane: rows rendered (visible window only)', rows.length, 'rows');
began = performance.now();
for (let index = 0; index < 50; index++) {
  view.stdin.write('k');
  await nextFrame();
}
figure('pane: scroll one line (mean of 50)', (performance.now() - began) / 50, 'ms');
view.unmount();

// Journal: fsynced appends and loading 50,000 events.
const home = await mkdtemp(join(tmpdir(), 'cockpit-bench-'));
const journal = await IncidentJournal.create(
  join(home, 'bench.jsonl'),
  {type: 'opened', data: {id: 'bench', title: 'bench', severity: 'P1'}},
  {actor: {user: 'bench', source: 'cockpit'}},
);
began = performance.now();
for (let index = 0; index < 300; index++) {
  await journal.append({type: 'note', data: {text: `note ${index}`, tags: []}});
}
figure(
  'journal: append + fsync under the lock',
  (300 / (performance.now() - began)) * 1000,
  'events/s',
);
// Fill to 50,000 with one plain write of well-formed lines: the append path was measured above.
const lines: string[] = [];
for (let seq = 302; seq <= total; seq++) {
  lines.push(
    serializeEvent({
      v: 1,
      seq,
      at: new Date(start + seq * 500).toISOString(),
      actor: {user: 'bench', source: 'cockpit'},
      type: 'action',
      data: {action: 'terminate', text: `terminated backend ${seq}`, outcome: 'ok'},
    }),
  );
}
await appendFile(journal.path, lines.join(''));
began = performance.now();
const loaded = await loadJournal(journal.path);
if (loaded.events.length !== total) throw new Error(`loaded ${loaded.events.length} events`);
figure('journal: load 50,000 events', performance.now() - began, 'ms');
began = performance.now();
foldIncident(loaded.events);
figure('journal: fold 50,000 events', performance.now() - began, 'ms');
began = performance.now();
loaded.events.map(timelineEntryOf);
figure('journal: 50,000 events to timeline entries', performance.now() - began, 'ms');
began = performance.now();
const markdown = renderMarkdownReport(loaded.events);
figure('report: Markdown for 50,000 events', performance.now() - began, 'ms');
figure('report: Markdown size', markdown.length / 1024 / 1024, 'MB');
began = performance.now();
renderJsonExport(loaded.events);
figure('report: JSON export for 50,000 events', performance.now() - began, 'ms');
await rm(home, {recursive: true, force: true});
