import {describe, expect, it} from 'vitest';
import {timelineEntryOf} from '../../../source/incidents/timeline-entries';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineEntry} from '../../../source/store/slices/incident-slice';
import {TimelinePane} from '../../../source/ui/panes/TimelinePane';
import {
  filterEntries,
  formatTimelineRow,
  scrollTimeline,
  selectedOf,
  type TimelineScroll,
  topOf,
  visibleWindow,
} from '../../../source/ui/panes/timeline-view';
import {keys, renderUi} from '../../helpers/render-ui';

const start = Date.parse('2026-11-26T23:30:00.000Z');
const kinds = ['alert.raised', 'action.terminate', 'note', 'runbook.step.done', 'status.changed'];

function entries(count: number): TimelineEntry[] {
  return Array.from({length: count}, (_, index) => ({
    id: `seq-${index + 1}`,
    at: start + index * 1000,
    kind: kinds[index % kinds.length]!,
    actor: 'alice',
    text: `event-${index + 1}`,
  }));
}

const shownEvents = (frame: string) => frame.match(/event-\d+/g) ?? [];

describe('TimelinePane', () => {
  it('renders only the visible window of 50,000 events, newest last', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store
      .getState()
      .setIncident({id: 'x', title: 'x', severity: 'P1', status: 'investigating', openedAt: start});
    store.getState().setTimeline(entries(50_000));
    const view = await renderUi({
      store,
      element: <TimelinePane width={100} height={12} focused />,
    });
    const frame = await view.waitForFrame('event-50000');
    expect(shownEvents(frame)).toEqual(
      Array.from({length: 10}, (_, index) => `event-${49_991 + index}`),
    );
    expect(frame).toContain('Timeline · UTC');
    expect(frame).toContain('11-27 13:23:19');
    expect(frame).toContain('+13h53m19s');
    await view.press('f');
    const alerts = await view.waitForFrame('Timeline · UTC · alerts');
    expect(shownEvents(alerts)).toEqual(
      Array.from({length: 10}, (_, index) => `event-${49_951 + index * 5}`),
    );
    // The selection moves up within the window first; the window follows once it leaves it.
    await view.press('k');
    expect(await view.waitForFrame('9991–10000 of 10000')).toContain('event-49996');
    for (let step = 0; step < 9; step++) await view.press('k');
    await view.waitForFrame('9990–9999 of 10000');
    view.unmount();
  });

  it('says 0 of 0 when an empty timeline is scrolled', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const view = await renderUi({
      store,
      element: <TimelinePane width={100} height={12} focused />,
    });
    await view.waitForFrame('Nothing has happened yet.');
    await view.press('k');
    const frame = await view.waitForFrame('0 of 0');
    expect(frame).not.toContain('1–0');
    view.unmount();
  });

  it('stays live: new events appear at the bottom while following', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const view = await renderUi({
      store,
      element: <TimelinePane width={80} height={6} focused={false} />,
    });
    await view.waitForFrame('Nothing has happened yet.');
    store.getState().appendTimeline(entries(3));
    await view.waitForFrame('event-3');
    view.unmount();
  });

  it('shows a back-dated note where it happened, not where it was written', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setTimeline(entries(3));
    const late = {
      v: 1,
      seq: 4,
      at: new Date(start + 60_000).toISOString(),
      actor: {user: 'bob', source: 'note'},
      type: 'note',
      data: {
        text: 'event-0 the pool filled up',
        occurredAt: new Date(start - 60_000).toISOString(),
      },
    };
    store.getState().appendTimeline([timelineEntryOf(late)]);
    expect(store.getState().timeline.map((entry) => entry.id)).toEqual([
      'seq-4',
      'seq-1',
      'seq-2',
      'seq-3',
    ]);
    const view = await renderUi({
      store,
      element: <TimelinePane width={100} height={8} focused />,
    });
    const frame = await view.waitForFrame('event-3');
    expect(shownEvents(frame)).toEqual(['event-0', 'event-1', 'event-2', 'event-3']);
    view.unmount();
  });

  it('opens the selected event with all its data on Enter, and closes it with Esc', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const action = {
      v: 1,
      seq: 7,
      at: new Date(start + 5 * 60_000).toISOString(),
      actor: {user: 'alice', source: 'cockpit'},
      type: 'action',
      data: {
        action: 'requeue',
        text: 'Requeue dead letters of the stripe class: 3 row(s) changed',
        statements: ['UPDATE "dead_letter_messages" SET "retried_at" = now() WHERE "id" = \'75\''],
        ok: true,
        rowCounts: [3],
      },
    };
    const note = {
      ...action,
      seq: 8,
      at: new Date(start + 9 * 60_000).toISOString(),
      type: 'note',
      data: {text: 'restarted the worker', occurredAt: new Date(start + 6 * 60_000).toISOString()},
    };
    store.getState().setTimeline([timelineEntryOf(action), timelineEntryOf(note)]);
    const view = await renderUi({
      store,
      element: <TimelinePane width={100} height={16} focused />,
    });
    await view.waitForFrame('restarted the worker');
    await view.press(keys.enter);
    const noteDetail = await view.waitForFrame('Written:');
    expect(noteDetail).toContain('Happened:  2026-11-26 23:36:00 UTC');
    expect(noteDetail).toContain('Written:   2026-11-26 23:39:00 UTC (back-dated)');
    await view.press(keys.escape);
    await view.waitForFrame((frame) => !frame.includes('Written:'));
    await view.press('k', keys.enter);
    const detail = await view.waitForFrame('Rows changed: 3');
    expect(detail).toContain('Requeued dead letters (action.requeue)');
    expect(detail).toContain(`WHERE "id" = '75'`);
    expect(detail).toContain('Journal:   event 7');
    view.unmount();
  });
});

describe('timeline view', () => {
  it('scrolls by line and page, stops at the ends and returns to live', () => {
    const view = {total: 100, height: 10};
    let scroll: TimelineScroll = {filter: 'all', top: undefined};
    expect(topOf(scroll, 100, 10)).toBe(90);
    expect(selectedOf(scroll, 100)).toBe(99);
    scroll = scrollTimeline(scroll, 'timeline.older', {...view, key: 'pageup'});
    expect(scroll).toMatchObject({top: 90, selected: 90});
    scroll = scrollTimeline(scroll, 'timeline.older', {...view, key: 'pageup'});
    expect(scroll).toMatchObject({top: 81, selected: 81});
    scroll = scrollTimeline(scroll, 'timeline.oldest', view);
    scroll = scrollTimeline(scroll, 'timeline.older', view);
    expect(scroll).toMatchObject({top: 0, selected: 0});
    scroll = scrollTimeline({...scroll, top: 89, selected: 98}, 'timeline.newer', view);
    expect(scroll).toMatchObject({top: undefined, selected: undefined});
    expect(visibleWindow(entries(100), 95, 10)).toHaveLength(5);
  });

  it('filters by category without copying for "all"', () => {
    const all = entries(10);
    expect(filterEntries(all, 'all')).toBe(all);
    expect(filterEntries(all, 'steps').map((entry) => entry.kind)).toEqual([
      'runbook.step.done',
      'runbook.step.done',
    ]);
  });

  it('shows date, time and elapsed time, and both times of a back-dated note', () => {
    const entry = {
      id: 'a',
      at: start + 40 * 60_000,
      writtenAt: start + 45 * 60_000,
      kind: 'note',
      actor: 'bob (note)',
      text: 'late\u001b[31m',
    };
    const row = formatTimelineRow(entry, {start, zone: 'utc', width: 50});
    expect(row.prefix).toBe('11-27 00:10:00    +40m00s ');
    expect(row.text).toBe('(noted 00:15:00) late␛[31m');
    const wide = formatTimelineRow({...entry, at: start + 60_000}, {start, zone: 'utc', width: 90});
    expect(wide.prefix).toBe('11-26 23:31:00     +1m00s bob (note)   ');
    const narrow = formatTimelineRow(entry, {start, zone: 'utc', width: 30});
    expect(narrow.prefix).toBe('11-27 00:10:00 ');
  });
});
