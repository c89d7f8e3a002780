import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineEntry} from '../../../source/store/slices/incident-slice';
import {TimelinePane} from '../../../source/ui/panes/TimelinePane';
import {
  filterEntries,
  formatTimelineRow,
  scrollTimeline,
  topOf,
  visibleWindow,
} from '../../../source/ui/panes/timeline-view';
import {CockpitStoreProvider} from '../../../source/ui/store-context';

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

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('TimelinePane', () => {
  it('renders only the visible window of 50,000 events, newest last', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store
      .getState()
      .setIncident({id: 'x', title: 'x', severity: 'P1', status: 'investigating', openedAt: start});
    store.getState().setTimeline(entries(50_000));
    const view = render(
      <CockpitStoreProvider store={store}>
        <TimelinePane width={100} height={12} focused />
      </CockpitStoreProvider>,
    );
    await flush();
    const frame = view.lastFrame()!;
    const shown = frame.match(/event-\d+/g) ?? [];
    expect(shown).toEqual(Array.from({length: 10}, (_, index) => `event-${49_991 + index}`));
    expect(frame).toContain('Timeline · UTC');
    expect(frame).toContain('11-27 13:23:19');
    expect(frame).toContain('+13h53m19s');
    view.stdin.write('f');
    await flush();
    expect(view.lastFrame()).toContain('Timeline · UTC · alerts');
    expect(view.lastFrame()!.match(/event-\d+/g)).toEqual(
      Array.from({length: 10}, (_, index) => `event-${49_951 + index * 5}`),
    );
    view.stdin.write('k');
    await flush();
    expect(view.lastFrame()).toContain('9990–9999 of 10000');
    view.unmount();
  });

  it('stays live: new events appear at the bottom while following', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const view = render(
      <CockpitStoreProvider store={store}>
        <TimelinePane width={80} height={6} focused={false} />
      </CockpitStoreProvider>,
    );
    await flush();
    expect(view.lastFrame()).toContain('Nothing has happened yet.');
    store.getState().appendTimeline(entries(3));
    await flush();
    expect(view.lastFrame()).toContain('event-3');
    view.unmount();
  });
});

describe('timeline view', () => {
  it('scrolls by line and page, stops at the ends and returns to live', () => {
    const view = {total: 100, height: 10};
    let scroll = {filter: 'all' as const, top: undefined as number | undefined};
    expect(topOf(scroll, 100, 10)).toBe(90);
    scroll = scrollTimeline(scroll, 'timeline.older', {...view, key: 'pageup'}) as typeof scroll;
    expect(scroll.top).toBe(81);
    scroll = scrollTimeline(scroll, 'timeline.oldest', view) as typeof scroll;
    scroll = scrollTimeline(scroll, 'timeline.older', view) as typeof scroll;
    expect(scroll.top).toBe(0);
    scroll = scrollTimeline({...scroll, top: 89}, 'timeline.newer', view) as typeof scroll;
    expect(scroll.top).toBeUndefined();
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
